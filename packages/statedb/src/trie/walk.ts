// Walks one key's path through stored node encodings, collecting the nodes as an EIP-1186 proof.
// The same walk verifies a proof when the node source is the proof itself (hash → node).
import { type RlpItem, rlpDecode } from '@metis-sdk/primitives'
import { equal } from '../internal/bytes.js'
import { EMPTY_ROOT } from './mpt.js'
import { decodeHexPrefix } from './node.js'

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
