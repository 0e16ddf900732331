import {
  bytesToHex,
  encodeReceipt,
  keccak256,
  type Log,
  logsBloom,
  type Transaction,
  type TxResult,
} from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { OrderedTrie } from './ordered-trie.js'
import { ReceiptBloomer } from './receipt-bloom.js'
import { type ReceiptSource, ReceiptsAhead } from './receipts-ahead.js'

const bloomer = new ReceiptBloomer()

function outcome(i: number, inc: number, gas: bigint): ReceiptSource {
  const logs: Log[] = Array.from({ length: (i + inc) % 3 }, (_, k) => ({
    address: bytesToHex(keccak256(new Uint8Array([i, k])).subarray(12)) as Log['address'],
    topics: [keccak256(new Uint8Array([k])), keccak256(new Uint8Array([i, inc]))],
    data: new Uint8Array(inc),
  }))
  const result = { status: (i + inc) % 4 === 0 ? 'revert' : 'success', gasUsed: gas, logs } as TxResult
  return { inc, result, bloomBits: bloomer.bits(logs) }
}

/** What finishBlock would encode for the final outcomes. */
function expected(txs: Transaction[], finals: ReceiptSource[]): string[] {
  let cumulative = 0n
  return finals.map((o, i) => {
    cumulative += o.result!.gasUsed
    return bytesToHex(
      encodeReceipt({
        type: txs[i]!.type,
        status: o.result!.status === 'success' ? 1 : 0,
        cumulativeGasUsed: cumulative,
        logsBloom: logsBloom(o.result!.logs),
        logs: o.result!.logs,
      }),
    )
  })
}

describe('ReceiptsAhead', () => {
  it('matches finishBlock encodings when batches arrive out of order with re-executions', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let a = seed
      const rand = (k: number) => {
        a = (a * 1103515245 + 12345) >>> 0
        return a % k
      }
      const n = 1 + rand(60)
      const txs = Array.from({ length: n }, (_, i) => ({ type: i % 3 }) as unknown as Transaction)
      const finals: ReceiptSource[] = []
      const events: [number, ReceiptSource][] = []
      for (let i = 0; i < n; i++) {
        const incs = 1 + (rand(4) === 0 ? rand(3) : 0)
        for (let inc = 0; inc < incs; inc++)
          events.push([i, outcome(i, inc, 21_000n + BigInt(rand(5) * 1000))])
        finals[i] = events[events.length - 1]![1]
      }
      // Shuffle, then deliver in random batch sizes; a stale incarnation may come last.
      for (let k = events.length - 1; k > 0; k--) {
        const j = rand(k + 1)
        ;[events[k], events[j]] = [events[j]!, events[k]!]
      }
      const ahead = new ReceiptsAhead(txs)
      for (let at = 0; at < events.length; ) {
        const size = 1 + rand(8)
        ahead.add(events.slice(at, at + size))
        at += size
      }
      const { encoded, leafRefs, blooms } = ahead.final(finals)
      const want = expected(txs, finals)
      const trie = OrderedTrie.forSize(n)
      for (let i = 0; i < n; i++) {
        expect(encoded[i], `seed ${seed} tx ${i}`).toBeDefined()
        expect(bytesToHex(encoded[i]!)).toBe(want[i])
        expect(bytesToHex(leafRefs[i]!)).toBe(bytesToHex(trie.leafRef(i, encoded[i]!)))
        expect(bytesToHex(blooms[i]!)).toBe(bytesToHex(logsBloom(finals[i]!.result!.logs)))
      }
    }
  })

  it('leaves entries undefined when the final outcome is not the one it encoded', () => {
    const txs = [{ type: 2 }, { type: 2 }, { type: 2 }] as unknown as Transaction[]
    const ahead = new ReceiptsAhead(txs)
    const seen = [outcome(0, 0, 21_000n), outcome(1, 0, 30_000n), outcome(2, 0, 40_000n)]
    ahead.add(seen.map((o, i) => [i, o] as const))
    const other = outcome(1, 1, 50_000n) // a final incarnation the batches never delivered
    const { encoded } = ahead.final([seen[0]!, other, seen[2]!])
    expect(encoded[0]).toBeDefined()
    expect(encoded[1]).toBeUndefined()
    expect(encoded[2]).toBeUndefined()
  })
})
