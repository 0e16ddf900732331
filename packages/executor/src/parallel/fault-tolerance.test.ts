import { memoryStateFromSnapshot } from '@metis-sdk/primitives'
import { afterAll, describe, expect, it } from 'vitest'
import { toyChain, toyConfig } from '../../test/toy-generator.js'
import * as toyVm from '../../test/toy-vm.mjs'
import { executeBlockSequential } from '../block/execute-block.js'
import { createExecutor } from '../executor.js'
import type { ExecutableBlock, TxExecutor } from '../types.js'

const vm = toyVm as unknown as TxExecutor
const crashy = new URL('../../test/crashy-vm.mjs', import.meta.url).href
const toy = new URL('../../test/toy-vm.mjs', import.meta.url).href
// The calling thread stays out of the run: a crash must happen in a worker, not in the caller's VM.
const opts = { config: toyConfig, vm, minTransactions: 0, contentionFallback: false, callerExecutes: false }

function withMagicTx(block: ExecutableBlock, byte: number): ExecutableBlock {
  const txs = block.transactions.slice()
  const at = 7
  const tx = txs[at]!
  txs[at] = { ...tx, data: new Uint8Array([byte, ...tx.data]) } as typeof tx
  return { ...block, transactions: txs }
}

describe('parallel fault tolerance', () => {
  const errors: unknown[] = []
  const executor = createExecutor({ workers: 2, vmModule: crashy, onError: (e) => errors.push(e) })
  afterAll(() => executor.close())

  it('falls back to sequential when a worker dies mid-block, then replaces it', async () => {
    const chain = toyChain(11, 2)
    const seqState = memoryStateFromSnapshot(chain.state.snapshot())
    // The toy VM treats the leading byte as data for plain transfers, so the block stays valid.
    const block = withMagicTx(chain.blocks[0]!, 0xee)
    const seq = executeBlockSequential(seqState, block, opts)
    const par = await executor.executeBlock(chain.state, block, opts)
    expect(executor.lastReport?.mode).toBe('sequential')
    expect(executor.lastReport?.fallbackReason).toBe('parallel run failed')
    expect(errors.length).toBe(1)
    expect(par.diff).toEqual(seq.diff)
    expect(par.receipts).toEqual(seq.receipts)
    seqState.commit(seq.diff)
    chain.state.commit(par.diff)
    const next = await executor.executeBlock(chain.state, chain.blocks[1]!, opts)
    expect(executor.lastReport?.mode).toBe('parallel')
    expect(executor.liveWorkers()).toBe(2)
    expect(next.diff).toEqual(executeBlockSequential(seqState, chain.blocks[1]!, opts).diff)
  })

  it('the calling thread gives up on a worker that died while it ran beside it', async () => {
    const chain = toyChain(14, 1, 100)
    const block = chain.blocks[0]!
    // The caller's VM takes 2 ms per transaction, so the worker surely starts before it is done.
    const slowVm: TxExecutor = {
      ...vm,
      executeTransaction(p) {
        const until = performance.now() + 2
        while (performance.now() < until) {}
        return vm.executeTransaction(p)
      },
    }
    // Every transaction kills the worker that executes it; the caller's own VM is the plain toy VM.
    const txs = block.transactions.map((tx) => ({ ...tx, data: new Uint8Array([0xee, ...tx.data]) }))
    const deadly = { ...block, transactions: txs } as ExecutableBlock
    const seq = executeBlockSequential(memoryStateFromSnapshot(chain.state.snapshot()), deadly, opts)
    const before = errors.length
    const par = await executor.executeBlock(chain.state, deadly, {
      ...opts,
      vm: slowVm,
      callerExecutes: true,
      stallMs: 200,
    })
    expect(executor.lastReport?.mode).toBe('sequential')
    expect(executor.lastReport?.fallbackReason).toBe('parallel run failed')
    expect(errors.length).toBe(before + 1)
    expect(par.diff).toEqual(seq.diff)
    expect(par.receipts).toEqual(seq.receipts)
    // The dead workers are replaced for the next block.
    await executor.executeBlock(chain.state, block, opts)
    expect(executor.liveWorkers()).toBe(2)
  })

  it('falls back to sequential when the VM throws inside a worker', async () => {
    const chain = toyChain(12, 1)
    const block = withMagicTx(chain.blocks[0]!, 0xef)
    const seq = executeBlockSequential(memoryStateFromSnapshot(chain.state.snapshot()), block, opts)
    const par = await executor.executeBlock(chain.state, block, opts)
    expect(executor.lastReport?.mode).toBe('sequential')
    expect(executor.lastReport?.error).toBeDefined()
    expect(par.diff).toEqual(seq.diff)
  })

  it('falls back to sequential when the shared arena overflows', async () => {
    const small = createExecutor({ workers: 2, vmModule: toy, arenaBytes: 64 * 1024 })
    try {
      const chain = toyChain(13, 1, 200)
      const seq = executeBlockSequential(
        memoryStateFromSnapshot(chain.state.snapshot()),
        chain.blocks[0]!,
        opts,
      )
      const par = await small.executeBlock(chain.state, chain.blocks[0]!, opts)
      expect(small.lastReport?.mode).toBe('sequential')
      expect(String(small.lastReport?.error)).toMatch(/arena|key table/)
      expect(par.diff).toEqual(seq.diff)
    } finally {
      await small.close()
    }
  })
})

describe('parallel resource use', () => {
  it('reuses workers and shared memory across 2000 blocks', async () => {
    const executor = createExecutor({ workers: 2, vmModule: toy })
    try {
      const chain = toyChain(21, 1, 24)
      const block = chain.blocks[0]!
      const expected = executeBlockSequential(memoryStateFromSnapshot(chain.state.snapshot()), block, opts)
      let baseline = 0
      for (let k = 0; k < 2000; k++) {
        // Same parent state each time: the block is re-executed, not re-applied.
        const r = await executor.executeBlock(chain.state, block, opts)
        if (k % 500 === 0) expect(r.diff).toEqual(expected.diff)
        if (k === 100) baseline = process.memoryUsage().arrayBuffers
      }
      expect(executor.lastReport?.mode).toBe('parallel')
      expect(executor.liveWorkers()).toBe(2)
      expect(process.memoryUsage().arrayBuffers - baseline).toBeLessThan(64 * 1024 * 1024)
    } finally {
      await executor.close()
    }
    expect(executor.liveWorkers()).toBe(0)
  })
})
