import { memoryStateFromSnapshot } from '@metis-sdk/primitives'
import { afterAll, describe, expect, it } from 'vitest'
import { toyChain, toyConfig } from '../../test/toy-generator.js'
import * as toyVm from '../../test/toy-vm.mjs'
import { executeBlockSequential } from '../block/execute-block.js'
import { createExecutor, type Executor } from '../executor.js'
import type { TxExecutor } from '../types.js'

const vmModule = new URL('../../test/toy-vm.mjs', import.meta.url).href
const vm = toyVm as unknown as TxExecutor
const executors = new Map<number, Executor>()
afterAll(async () => {
  for (const e of executors.values()) await e.close()
})

describe('Block-STM engine vs sequential (toy VM)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const workers of [1, 2, 3, 4]) {
      // Alternately with the calling thread executing beside the workers (the default) and not.
      const callerExecutes = (seed + workers) % 2 === 0
      it(`seed ${seed}, ${workers} worker(s)${callerExecutes ? ' + caller' : ''}`, async () => {
        let executor = executors.get(workers)
        if (!executor) {
          executor = createExecutor({ workers, vmModule })
          executors.set(workers, executor)
        }
        const chain = toyChain(seed)
        const seqState = memoryStateFromSnapshot(chain.state.snapshot())
        const parState = chain.state
        for (const block of chain.blocks) {
          const seq = executeBlockSequential(seqState, block, { config: toyConfig, vm })
          const par = await executor.executeBlock(parState, block, {
            config: toyConfig,
            vm,
            minTransactions: 0,
            contentionFallback: false,
            callerExecutes,
          })
          expect(
            executor.lastReport?.mode,
            `${executor.lastReport?.fallbackReason} ${executor.lastReport?.error}`,
          ).toBe('parallel')
          if (process.env.DEBUG_STM) console.log(seed, workers, executor.lastReport)
          expect(par.receipts).toEqual(seq.receipts)
          expect(par.txResults).toEqual(seq.txResults)
          expect(par.gasUsed).toBe(seq.gasUsed)
          expect(par.receiptsRoot).toBe(seq.receiptsRoot)
          expect(par.logsBloom).toEqual(seq.logsBloom)
          expect(par.diff).toEqual(seq.diff)
          seqState.commit(seq.diff)
          parState.commit(par.diff)
        }
        expect(parState.snapshot()).toEqual(seqState.snapshot())
      })
    }
  }
})
