// Walks one key's path through stored node encodings, collecting the nodes as an EIP-1186 proof.
// The same walk verifies a proof when the node source is the proof itself (hash → node).
import { type RlpItem, rlpDecode } from '@metis-sdk/primitives'
import { equal } from '../internal/bytes.js'
import { EMPTY_ROOT, type NodeSource } from './mpt.js'
import {
  type Child,
  copyBytes,
  decodeHexPrefix,
  decodeNode,
  EXT,
  encodingLength,
  HASH_LEN,
  LEAF,
  STUB_LEN,
  type TrieNode,
} from './node.js'

export type WalkFailure = (reason: string) => never

/**
 * The value stored at `key` (nibbles) under `rootHash`, or undefined when the key is absent.
 * `getNode` returns a node's encoding by hash (or undefined → `fail`); each fetched node is pushed to
 * `proof` when given.
 */
export function walkPath(
  getNode: (hash: Uint8Array) => Uint8Array | undefined,
  rootHash: Uint8Array,
  key: Uint8Array,
  fail: WalkFailure,
  proof?: Uint8Array[],
): Uint8Array | undefined {
  if (equal(rootHash, EMPTY_ROOT)) return undefined
  const fetch = (hash: Uint8Array): RlpItem[] => {
    const enc = getNode(hash)
    if (enc === undefined) return fail(`node ${Buffer.from(hash).toString('hex')} missing`)
    proof?.push(enc)
    let item: RlpItem
    try {
      item = rlpDecode(enc)
    } catch {
      return fail('node is not valid RLP')
    }
    if (item instanceof Uint8Array) return fail('node is not a list')
    return item
  }
  let items = fetch(rootHash)
  let d = 0
  for (;;) {
    let next: RlpItem
    if (items.length === 17) {
      if (d >= key.length) return fail('key ends at a branch')
      next = items[key[d]!]!
      d++
    } else if (items.length === 2) {
      const hp = items[0]!
      if (!(hp instanceof Uint8Array)) return fail('short node path is a list')
      const { path, isLeaf } = decodeHexPrefix(hp)
      const rest = key.length - d
      let m = 0
      while (m < path.length && m < rest && path[m] === key[d + m]) m++
      if (isLeaf) {
        if (m !== path.length || m !== rest) return undefined
        const v = items[1]!
        if (!(v instanceof Uint8Array)) return fail('leaf value is a list')
        return v
      }
      if (m !== path.length) return undefined
      d += path.length
      next = items[1]!
    } else return fail(`node list of ${items.length} items`)
    if (next instanceof Uint8Array) {
      if (next.length === 0) return undefined
      if (next.length !== 32) return fail(`child reference of ${next.length} bytes`)
      items = fetch(next)
    } else items = next
  }
}

/**
 * The leaf at `key` (nibbles) in the stored trie under `root` (a stub `hash ‖ location`, or
 * EMPTY_ROOT), with its aux location, or undefined when the key is absent. Each stored node's
 * Ethereum encoding is pushed to `proof`.
 */
export function walkStored(
  source: NodeSource,
  root: Uint8Array,
  key: Uint8Array,
  fail: WalkFailure,
  proof: Uint8Array[],
): { value: Uint8Array; aux: Uint8Array | null } | undefined {
  if (root.length !== STUB_LEN) return undefined
  let stub = root
  let d = 0
  for (;;) {
    const rec = source(stub.subarray(HASH_LEN))
    if (rec === undefined)
      return fail(`node ${Buffer.from(stub.subarray(0, HASH_LEN)).toString('hex')} missing`)
    proof.push(copyBytes(rec, 0, encodingLength(rec)))
    let n: TrieNode = decodeNode(rec, stub)
    for (;;) {
      let c: Child | null
      if (n.t === LEAF) {
        const rest = key.length - d
        if (n.path.length !== rest) return undefined
        for (let i = 0; i < rest; i++) if (n.path[i] !== key[d + i]) return undefined
        return { value: n.value, aux: n.aux }
      }
      if (n.t === EXT) {
        if (n.path.length > key.length - d) return undefined
        for (let i = 0; i < n.path.length; i++) if (n.path[i] !== key[d + i]) return undefined
        d += n.path.length
        c = n.child
      } else {
        if (d >= key.length) return fail('key ends at a branch')
        c = n.children[key[d++]!]!
        if (c === null) return undefined
      }
      if (c instanceof Uint8Array) {
        stub = c
        break
      }
      n = c
    }
  }
}
