import { Trie } from '@ethereumjs/trie'
import { keccak256 } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { toHex, toNibbles } from '../internal/bytes.js'
import { Mpt, rootHash } from './mpt.js'
import { walkPath, walkStored } from './walk.js'

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('Mpt (incremental, persistent nodes)', () => {
  it('matches @ethereumjs/trie over random puts and deletes, committing in batches', async () => {
    const rand = rng(7)
    // Stored records are addressed by location (here a counter), as in MetisDB.
    const store = new Map<string, Uint8Array>()
    const sink = (_h: Uint8Array, rec: Uint8Array) => {
      const loc = new Uint8Array(12)
      new DataView(loc.buffer).setUint32(8, store.size)
      store.set(toHex(loc), rec.slice())
      return loc
    }
    const source = (loc: Uint8Array) => store.get(toHex(loc))
    const ref = new Trie()
    const live: Uint8Array[] = []
    let root: Uint8Array | undefined
    for (let batch = 0; batch < 40; batch++) {
      const t = new Mpt(source, root)
      for (let i = 0; i < 60; i++) {
        if (live.length > 0 && rand() < 0.35) {
          const k = live.splice(Math.floor(rand() * live.length), 1)[0]!
          t.del(toNibbles(k))
          await ref.del(k)
        } else {
          const k = keccak256(Uint8Array.of(batch, i, Math.floor(rand() * 256)))
          // Short values make inline (<32 byte) nodes, long ones stored nodes.
          const v = rand() < 0.5 ? Uint8Array.of(1 + Math.floor(rand() * 100)) : keccak256(k)
          t.put(toNibbles(k), v)
          await ref.put(k, v)
          live.push(k)
        }
      }
      root = t.commit(sink)
      expect(toHex(rootHash(root))).toBe(toHex(ref.root()))
    }
    // every live key is provable from the stored nodes
    const fail = (r: string): never => {
      throw new Error(r)
    }
    for (const k of live.slice(0, 50)) {
      const proof: Uint8Array[] = []
      const v = walkStored(source, root!, toNibbles(k), fail, proof)
      expect(v?.value).toEqual(await ref.get(k))
      // the collected encodings are a proof by hash, as an independent verifier walks it
      const byHash = new Map(proof.map((e) => [toHex(keccak256(e)), e]))
      expect(walkPath((h) => byHash.get(toHex(h)), rootHash(root!), toNibbles(k), fail)).toEqual(v?.value)
    }
    // deleting everything returns to the empty root
    const t = new Mpt(source, root)
    for (const k of live) t.del(toNibbles(k))
    expect(toHex(rootHash(t.commit(sink)))).toBe(
      '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
    )
  })
})
