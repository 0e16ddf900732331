import { executeBlockSequential } from '@metis-sdk/executor'
import { decodeHeader, decodeTransaction, hexToBytes } from '@metis-sdk/primitives'
import * as metisVm from '@metis-sdk/vm'
import { afterEach, describe, expect, it } from 'vitest'
import { createNode, type Node } from './create-node.js'

let node: Node | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

const gwei = 1_000_000_000n
const hex = (n: bigint) => `0x${n.toString(16)}`

async function send(n: Node, from: number, gas: bigint, tip: bigint): Promise<string> {
  return n.request({
    method: 'eth_sendTransaction',
    params: [
      {
        from: n.accounts[from]!.address,
        to: n.accounts[9]!.address,
        value: '0x1',
        gas: hex(gas),
        maxFeePerGas: hex(100n * gwei),
        maxPriorityFeePerGas: hex(tip),
      },
    ],
  })
}

describe('block filling (geth rule: gas limit within the gas actually left)', () => {
  it('fills by the gas used, skips a sender whose next tx does not fit, and keeps it pooled', async () => {
    node = createNode({ mining: { mode: 'manual' }, blockGasLimit: 100_000n })
    // Sender 0 (tip 3 gwei): 4 transfers with a 50k gas limit; sender 1 (tip 2 gwei): 3 with 25k.
    const a = [] as string[]
    const b = [] as string[]
    for (let i = 0; i < 4; i++) a.push(await send(node, 0, 50_000n, 3n * gwei))
    for (let i = 0; i < 3; i++) b.push(await send(node, 1, 25_000n, 2n * gwei))
    await node.request({ method: 'evm_mine' })
    // 100k: a0 (79k left), a1 (58k), a2 (37k); a3 needs 50k -> sender 0 skipped; b0 (12k); b1 needs 25k.
    // Summing gas limits instead would have stopped after a0 and a1.
    const block1 = await node.request({ method: 'eth_getBlockByNumber', params: ['0x1', false] })
    expect(block1.transactions).toEqual([a[0], a[1], a[2], b[0]])
    expect(BigInt(block1.gasUsed)).toBe(4n * 21_000n)
    expect(await node.request({ method: 'txpool_status' })).toEqual({ pending: '0x3', queued: '0x0' })
    await node.request({ method: 'evm_mine' })
    const block2 = await node.request({ method: 'eth_getBlockByNumber', params: ['0x2', false] })
    expect(block2.transactions).toEqual([a[3], b[1], b[2]])
    for (const h of [...a, ...b]) {
      const r = await node.request({ method: 'eth_getTransactionReceipt', params: [h] })
      expect(r.status).toBe('0x1')
    }
  })

  it('a block built over several attempts (replayed results) matches a plain re-execution', async () => {
    node = createNode({ mining: { mode: 'manual' }, blockGasLimit: 100_000n })
    for (let i = 0; i < 4; i++) await send(node, 0, 50_000n, 3n * gwei)
    for (let i = 0; i < 3; i++) await send(node, 1, 25_000n, 2n * gwei)
    await node.request({ method: 'evm_mine' })
    const inner = node.node
    const stored = inner.chain.getBlock(1)!
    const header = decodeHeader(stored.rawHeader)
    const txs = stored.txHashes.map((h) => inner.chain.getTransaction(h)!)
    const result = executeBlockSequential(
      inner.stateAt(0n),
      {
        header,
        transactions: txs.map((t) => decodeTransaction(hexToBytes(t.raw))),
        senders: txs.map((t) => t.tx.from),
      },
      { config: inner.config, vm: metisVm },
    )
    expect(result.receiptsRoot).toBe(header.receiptsRoot)
    expect(result.transactionsRoot).toBe(header.transactionsRoot)
    expect(result.gasUsed).toBe(header.gasUsed)
    expect(stored.txHashes).toHaveLength(4)
    // The committed post-state is the one a plain run of the same transactions produces.
    const after = inner.stateAt(1n)
    expect(result.diff.accounts.size).toBeGreaterThan(2)
    for (const [address, change] of result.diff.accounts)
      expect(after.getAccount(address)).toEqual(change.account)
  })
})
