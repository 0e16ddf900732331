import { keccak256, orderedTrieRoot } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { OrderedTrie } from './ordered-trie.js'

function values(n: number, seed: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const size = (i * 7 + seed) % 5 === 0 ? 1 + ((i + seed) % 20) : 33 + ((i * 13 + seed) % 300)
    const out = new Uint8Array(size)
    const h = keccak256(new Uint8Array([i & 255, i >> 8, seed]))
    for (let k = 0; k < size; k++) out[k] = h[k % 32]! ^ k
    return out
  })
}

describe('OrderedTrie', () => {
  it('equals orderedTrieRoot for 0..300 keys and large blocks, small (inline) and large values', () => {
    const sizes = [...Array.from({ length: 301 }, (_, n) => n), 1000, 2000, 4097]
    for (const n of sizes) {
      const vs = values(n, n % 7)
      const trie = new OrderedTrie(n)
      expect(trie.root(vs), `n=${n}`).toBe(orderedTrieRoot(vs))
    }
  })

  it('uses precomputed leaf references, some missing', () => {
    for (const n of [1, 2, 17, 129, 300, 2000]) {
      const vs = values(n, 3)
      const trie = OrderedTrie.forSize(n)
      const refs = vs.map((v, i) => (i % 3 === 0 ? undefined : trie.leafRef(i, v)))
      expect(trie.root(vs, refs), `n=${n}`).toBe(orderedTrieRoot(vs))
    }
  })

  it('rejects a value count that does not match its size', () => {
    expect(() => OrderedTrie.forSize(3).root(values(2, 1))).toThrow(RangeError)
  })
})
