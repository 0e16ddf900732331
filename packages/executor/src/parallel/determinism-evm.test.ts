import { createMemoryState } from '@metis-sdk/primitives'
import * as vm from '@metis-sdk/vm'
import { afterAll, describe, expect, it } from 'vitest'
import { adversarialBlock, config, genesis } from '../../test/evm-workload.mjs'
import { executeBlockSequential } from '../block/execute-block.js'
import { createExecutor, type Executor } from '../executor.js'
import type { TxExecutor } from '../types.js'

const evm = vm as unknown as TxExecutor
const executors = new Map<number, Executor>()
afterAll(async () => {
  for (const e of executors.values()) await e.close()
})

describe('parallel == sequential on adversarial EVM blocks', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const workers of [1, 2, 3, 4]) {
      // Alternately with the calling thread executing beside the workers (the default) and not.
      const callerExecutes = (seed + workers) % 2 === 0
      it(`seed ${seed}, ${workers} worker(s)${callerExecutes ? ' + caller' : ''}`, async () => {
        let executor = executors.get(workers)
        if (!executor) {
          executor = createExecutor({ workers })
          executors.set(workers, executor)
        }
        const alloc = genesis({ coinbaseBalance: seed % 2 === 0 ? 0n : 10n ** 18n })
        const seqState = createMemoryState(alloc)
        const parState = createMemoryState(alloc)
        const statuses = new Set<string>()
        for (let number = 1n; number <= 2n; number++) {
          const block = adversarialBlock(seed, 80, number, seqState, { coinbaseSends: seed % 2 === 1 })
          const seq = executeBlockSequential(seqState, block, { config, vm: evm })
          const par = await executor.executeBlock(parState, block, {
            config,
            vm: evm,
            minTransactions: 0,
            contentionFallback: false,
            callerExecutes,
          })
          expect(
            executor.lastReport?.mode,
            `${executor.lastReport?.fallbackReason} ${executor.lastReport?.error}`,
          ).toBe('parallel')
          expect(par.receipts).toEqual(seq.receipts)
          expect(par.txResults).toEqual(seq.txResults)
          expect(par.gasUsed).toBe(seq.gasUsed)
          expect(par.receiptsRoot).toBe(seq.receiptsRoot)
          expect(par.diff).toEqual(seq.diff)
          for (const r of seq.txResults) statuses.add(r.haltReason ?? r.status)
          seqState.commit(seq.diff)
          parState.commit(par.diff)
        }
        expect(parState.snapshot()).toEqual(seqState.snapshot())
        // The mix really contains successes, reverts and out-of-gas halts.
        expect(statuses.has('success') && statuses.has('revert'), [...statuses].join()).toBe(true)
        expect(
          [...statuses].some((s) => /gas/i.test(s)),
          [...statuses].join(),
        ).toBe(true)
      })
    }
  }
})
