import { encodeReceipt, type Transaction, type TxResult } from '@metis-sdk/primitives'
import { OrderedTrie } from './ordered-trie.js'
import { bloomFromBits } from './receipt-bloom.js'

/** What {@link ReceiptsAhead} needs of an outcome: its incarnation, result and bloom bits. */
export type ReceiptSource = {
  inc: number
  result?: TxResult | undefined
  bloomBits?: Uint16Array | undefined
}

/**
 * Encodes receipts while a parallel block still runs: outcomes arrive in batches, and every
 * receipt of the contiguous prefix whose outcomes are known is encoded speculatively (its
 * cumulative gas only depends on that prefix). A higher incarnation arriving later re-encodes from
 * its index on. Each encoding's receipts-trie leaf is hashed at once ({@link OrderedTrie}), so only
 * the branch nodes are left for the end. {@link ReceiptsAhead.final} keeps only the encodings made
 * from the final outcomes.
 *
 * @example
 * const ahead = new ReceiptsAhead(block.transactions)
 * pool.run(buffers, engineBlock, spec, (batch) => ahead.add(batch))
 * const { encoded, blooms } = ahead.final(outcomes)
 */
export class ReceiptsAhead {
  readonly #txs: readonly Transaction[]
  readonly #latest: (ReceiptSource | undefined)[]
  readonly #used: (ReceiptSource | undefined)[]
  readonly #encoded: (Uint8Array | undefined)[]
  readonly #leafRefs: (Uint8Array | undefined)[]
  readonly #trie: OrderedTrie
  readonly #blooms: (Uint8Array | undefined)[]
  readonly #cumulative: bigint[]
  /** Receipts below this index are encoded from `#used`, consistently with each other. */
  #cursor = 0

  constructor(txs: readonly Transaction[]) {
    const n = txs.length
    this.#txs = txs
    this.#latest = new Array(n)
    this.#used = new Array(n)
    this.#encoded = new Array(n)
    this.#leafRefs = new Array(n)
    this.#trie = OrderedTrie.forSize(n)
    this.#blooms = new Array(n)
    this.#cumulative = new Array(n)
  }

  /** Takes a batch of outcomes (any order, possibly stale incarnations) and encodes what it can. */
  add(batch: readonly (readonly [number, ReceiptSource])[]): void {
    for (const [i, o] of batch) {
      const prev = this.#latest[i]
      if (prev !== undefined && o.inc <= prev.inc) continue
      this.#latest[i] = o
      if (i < this.#cursor) this.#cursor = i
    }
    this.#advance()
  }

  #advance(): void {
    const n = this.#txs.length
    let i = this.#cursor
    while (i < n) {
      const o = this.#latest[i]
      if (o?.result === undefined || o.bloomBits === undefined) break
      const cumulative = (i === 0 ? 0n : this.#cumulative[i - 1]!) + o.result.gasUsed
      if (this.#used[i] !== o || this.#cumulative[i] !== cumulative) {
        const bloom = this.#used[i] === o ? this.#blooms[i]! : bloomFromBits(o.bloomBits)
        const encoded = encodeReceipt({
          type: this.#txs[i]!.type,
          status: o.result.status === 'success' ? 1 : 0,
          cumulativeGasUsed: cumulative,
          logsBloom: bloom,
          logs: o.result.logs,
        })
        this.#encoded[i] = encoded
        // The receipts trie's leaf is hashed now too: the trie's shape only depends on n.
        this.#leafRefs[i] = this.#trie.leafRef(i, encoded)
        this.#used[i] = o
        this.#blooms[i] = bloom
        this.#cumulative[i] = cumulative
      }
      i++
    }
    this.#cursor = i
  }

  /**
   * Encodings and blooms for the final `outcomes`: an entry is undefined where the speculative
   * work does not match (the caller then computes it).
   */
  final(outcomes: readonly ReceiptSource[]): {
    encoded: (Uint8Array | undefined)[]
    leafRefs: (Uint8Array | undefined)[]
    blooms: (Uint8Array | undefined)[]
  } {
    const n = outcomes.length
    const encoded: (Uint8Array | undefined)[] = new Array(n)
    const leafRefs: (Uint8Array | undefined)[] = new Array(n)
    const blooms: (Uint8Array | undefined)[] = new Array(n)
    let consistent = true
    for (let i = 0; i < n; i++) {
      const o = outcomes[i]!
      const same = this.#used[i] === o
      consistent &&= same && i < this.#cursor
      if (consistent) {
        encoded[i] = this.#encoded[i]
        leafRefs[i] = this.#leafRefs[i]
      }
      blooms[i] = same ? this.#blooms[i] : o.bloomBits === undefined ? undefined : bloomFromBits(o.bloomBits)
    }
    return { encoded, leafRefs, blooms }
  }
}
