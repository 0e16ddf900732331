import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { EMPTY_TRIE_ROOT, keccak256 } from '../hash/keccak.js'
import { type RlpInput, rlpEncode } from '../rlp/rlp.js'
import { orderedTrieRoot } from './ordered-trie-root.js'
import { secureTrieRoot } from './secure-trie-root.js'
import { type TrieEntry, trieRoot } from './trie-root.js'

// ---------------------------------------------------------------------------------------------
// A tiny, obviously-correct reference: a naive insert-based Merkle-Patricia trie over node
// objects and nibble arrays, hashed with the generic rlpEncode. Slow on purpose.
type Nibbles = number[]
type RefNode =
  | { t: 'leaf'; path: Nibbles; value: Uint8Array }
  | { t: 'ext'; path: Nibbles; child: RefNode }
  | { t: 'branch'; children: (RefNode | null)[]; value: Uint8Array | null }

const toNibbles = (key: Uint8Array): Nibbles => Array.from(key).flatMap((b) => [b >> 4, b & 15])
const commonPrefix = (a: Nibbles, b: Nibbles) => {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}
const emptyBranch = (): RefNode & { t: 'branch' } => ({
  t: 'branch',
  children: new Array(16).fill(null),
  value: null,
})

function place(
  branch: RefNode & { t: 'branch' },
  path: Nibbles,
  make: (rest: Nibbles) => RefNode,
  value: Uint8Array | null,
) {
  if (path.length === 0) branch.value = value
  else branch.children[path[0]!] = make(path.slice(1))
}

function insert(node: RefNode | null, path: Nibbles, value: Uint8Array): RefNode {
  if (node === null) return { t: 'leaf', path, value }
  if (node.t === 'branch') {
    if (path.length === 0) node.value = value
    else node.children[path[0]!] = insert(node.children[path[0]!]!, path.slice(1), value)
    return node
  }
  const c = commonPrefix(node.path, path)
  if (node.t === 'leaf' && c === node.path.length && c === path.length) return { t: 'leaf', path, value }
  if (node.t === 'ext' && c === node.path.length)
    return { t: 'ext', path: node.path, child: insert(node.child, path.slice(c), value) }
  const branch = emptyBranch()
  if (node.t === 'leaf') {
    const lv = node.value
    place(branch, node.path.slice(c), (rest) => ({ t: 'leaf', path: rest, value: lv }), lv)
  } else {
    const child = node.child
    const rest = node.path.slice(c + 1)
    branch.children[node.path[c]!] = rest.length === 0 ? child : { t: 'ext', path: rest, child }
  }
  place(branch, path.slice(c), (rest) => ({ t: 'leaf', path: rest, value }), value)
  return c > 0 ? { t: 'ext', path: path.slice(0, c), child: branch } : branch
}

function hexPrefix(path: Nibbles, leaf: boolean): Uint8Array {
  const odd = path.length % 2
  const flagged = [(leaf ? 2 : 0) + odd, ...(odd ? [] : [0]), ...path]
  const out = new Uint8Array(flagged.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = (flagged[2 * i]! << 4) | flagged[2 * i + 1]!
  return out
}

function structure(node: RefNode): RlpInput {
  if (node.t === 'leaf') return [hexPrefix(node.path, true), node.value]
  if (node.t === 'ext') return [hexPrefix(node.path, false), ref(node.child)]
  return [
    ...node.children.map((c) => (c === null ? new Uint8Array() : ref(c))),
    node.value ?? new Uint8Array(),
  ]
}

function ref(node: RefNode): RlpInput {
  const s = structure(node)
  const enc = rlpEncode(s)
  return enc.length < 32 ? s : keccak256(enc)
}

function referenceRoot(entries: TrieEntry[]): string {
  const live = new Map<string, [Uint8Array, Uint8Array]>()
  for (const [k, v] of entries) {
    const id = bytesToHex(k)
    live.delete(id)
    if (v.length > 0) live.set(id, [k, v])
  }
  let root: RefNode | null = null
  for (const [k, v] of live.values()) root = insert(root, toNibbles(k), v)
  return root === null ? EMPTY_TRIE_ROOT : bytesToHex(keccak256(rlpEncode(structure(root))))
}
// ---------------------------------------------------------------------------------------------

const enc = (s: string) => new TextEncoder().encode(s)

describe('trieRoot', () => {
  it('matches the yellow-paper examples', () => {
    expect(trieRoot([])).toBe(EMPTY_TRIE_ROOT)
    const dogs: TrieEntry[] = [
      [enc('doe'), enc('reindeer')],
      [enc('dog'), enc('puppy')],
      [enc('dogglesworth'), enc('cat')],
    ]
    expect(trieRoot(dogs)).toBe('0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3')
    expect(trieRoot([[enc('A'), enc('a'.repeat(50))]])).toBe(
      '0xd23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab',
    )
  })

  it('treats empty values as deletions and lets the last entry for a key win', () => {
    const a: TrieEntry[] = [
      [enc('do'), enc('verb')],
      [enc('ether'), enc('wookiedoo')],
      [enc('ether'), new Uint8Array()],
      [enc('dog'), enc('puppy')],
      [enc('do'), enc('noun')],
    ]
    expect(trieRoot(a)).toBe(
      trieRoot([
        [enc('dog'), enc('puppy')],
        [enc('do'), enc('noun')],
      ]),
    )
    expect(trieRoot([[enc('x'), new Uint8Array()]])).toBe(EMPTY_TRIE_ROOT)
  })

  it('keeps a tiny root hashed (a root is never inline)', () => {
    const r = trieRoot([[new Uint8Array([1]), new Uint8Array([2])]])
    expect(r).toBe(bytesToHex(keccak256(hexToBytes('0xc482200102'))))
  })

  it('orderedTrieRoot keys by rlp(index)', () => {
    const values = Array.from({ length: 300 }, (_, i) => enc(`value-${i}`))
    expect(orderedTrieRoot(values)).toBe(referenceRoot(values.map((v, i) => [rlpEncode(i), v])))
    expect(orderedTrieRoot([])).toBe(EMPTY_TRIE_ROOT)
  })

  const key = fc.uint8Array({ minLength: 0, maxLength: 5 }).map((k) => k.map((b) => b & 0x33))
  const value = fc.oneof(
    { weight: 1, arbitrary: fc.constant(new Uint8Array()) },
    { weight: 6, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }) },
  )

  it('agrees with a naive insert-based MPT on random sets (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 60 }), (entries) => {
        expect(trieRoot(entries)).toBe(referenceRoot(entries))
      }),
      { numRuns: 400 },
    )
  })

  it('agrees with the reference on 32-byte hashed keys (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 8 }), value), { maxLength: 80 }),
        (raw) => {
          const hashed = raw.map(([k, v]) => [keccak256(k), v] as TrieEntry)
          expect(secureTrieRoot(raw)).toBe(referenceRoot(hashed))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('is independent of insertion order for unique keys (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, fc.uint8Array({ minLength: 1, maxLength: 40 })), {
          selector: ([k]) => bytesToHex(k),
          maxLength: 50,
        }),
        fc.integer(),
        (entries, seed) => {
          const shuffled = entries.slice()
          let s = seed >>> 0
          for (let i = shuffled.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0
            const j = s % (i + 1)
            ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
          }
          expect(trieRoot(shuffled)).toBe(trieRoot(entries))
        },
      ),
      { numRuns: 200 },
    )
  })
})
