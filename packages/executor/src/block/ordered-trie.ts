import { bytesToHex, type Hash, keccak256, rlpEncode } from '@metis-sdk/primitives'

type Node =
  | { kind: 'leaf'; index: number }
  | { kind: 'extension'; path: Uint8Array; child: Node }
  | { kind: 'branch'; children: (Node | undefined)[] }

const EMPTY_STRING = new Uint8Array([0x80])
const EMPTY_TRIE_ROOT = bytesToHex(keccak256(EMPTY_STRING)) as Hash

/**
 * The Merkle-Patricia trie of keys `rlp(0) .. rlp(n - 1)` (transactions, receipts, withdrawals),
 * whose shape depends only on `n`. Knowing the shape up front lets a caller hash each leaf as soon
 * as its value is known ({@link OrderedTrie.leafRef}) and finish the root later with only the
 * branch and extension nodes left to hash. The root equals primitives' `orderedTrieRoot`.
 *
 * @example
 * const trie = OrderedTrie.forSize(values.length)
 * const refs = values.map((v, i) => trie.leafRef(i, v)) // e.g. while other work runs
 * trie.root(values, refs) // === orderedTrieRoot(values)
 */
export class OrderedTrie {
  readonly size: number
  readonly #root: Node | undefined
  /** Hex-prefix encoded remaining path of each leaf. */
  readonly #leafPaths: Uint8Array[]

  static #cache: OrderedTrie | undefined

  /** The (cached) shape for `n` keys. */
  static forSize(n: number): OrderedTrie {
    let t = OrderedTrie.#cache
    if (t === undefined || t.size !== n) OrderedTrie.#cache = t = new OrderedTrie(n)
    return t
  }

  constructor(n: number) {
    this.size = n
    this.#leafPaths = new Array(n)
    const keys: Uint8Array[] = new Array(n)
    for (let i = 0; i < n; i++) keys[i] = nibbles(rlpEncode(i))
    const all = Array.from({ length: n }, (_, i) => i)
    this.#root = n === 0 ? undefined : this.#build(keys, all, 0)
  }

  #build(keys: Uint8Array[], items: number[], depth: number): Node {
    if (items.length === 1) {
      const i = items[0]!
      this.#leafPaths[i] = hexPrefix(keys[i]!.subarray(depth), true)
      return { kind: 'leaf', index: i }
    }
    // Keys rlp(i) are prefix-free, so two or more keys always diverge before either ends.
    const first = keys[items[0]!]!
    let common = 0
    for (;;) {
      const nib = first[depth + common]
      if (nib === undefined || items.some((i) => keys[i]![depth + common] !== nib)) break
      common++
    }
    if (common > 0)
      return {
        kind: 'extension',
        path: hexPrefix(first.subarray(depth, depth + common), false),
        child: this.#build(keys, items, depth + common),
      }
    const groups: number[][] = Array.from({ length: 16 }, () => [])
    for (const i of items) groups[keys[i]![depth]!]!.push(i)
    return {
      kind: 'branch',
      children: groups.map((g) => (g.length === 0 ? undefined : this.#build(keys, g, depth + 1))),
    }
  }

  /** The leaf node of key `rlp(i)` holding `value`, as its parent references it. */
  leafRef(i: number, value: Uint8Array): Uint8Array {
    return reference(this.#leafNode(i, value))
  }

  #leafNode(i: number, value: Uint8Array): Uint8Array {
    return rlpList([rlpEncode(this.#leafPaths[i]!), rlpEncode(value)])
  }

  /** The root hash of `values`, using `refs[i]` (from {@link leafRef}) where given. */
  root(values: readonly Uint8Array[], refs?: readonly (Uint8Array | undefined)[]): Hash {
    if (values.length !== this.size)
      throw new RangeError(`expected ${this.size} values, got ${values.length}`)
    const root = this.#root
    if (root === undefined) return EMPTY_TRIE_ROOT
    // The root is hashed whatever its size, so a root leaf is encoded here rather than referenced.
    const encoded =
      root.kind === 'leaf'
        ? this.#leafNode(root.index, values[root.index]!)
        : this.#encode(root, values, refs)
    return bytesToHex(keccak256(encoded)) as Hash
  }

  #ref(node: Node, values: readonly Uint8Array[], refs?: readonly (Uint8Array | undefined)[]): Uint8Array {
    if (node.kind === 'leaf')
      return refs?.[node.index] ?? reference(this.#leafNode(node.index, values[node.index]!))
    return reference(this.#encode(node, values, refs))
  }

  #encode(
    node: Exclude<Node, { kind: 'leaf' }>,
    values: readonly Uint8Array[],
    refs?: readonly (Uint8Array | undefined)[],
  ): Uint8Array {
    if (node.kind === 'extension') return rlpList([rlpEncode(node.path), this.#ref(node.child, values, refs)])
    const items: Uint8Array[] = new Array(17)
    for (let k = 0; k < 16; k++) {
      const child = node.children[k]
      items[k] = child === undefined ? EMPTY_STRING : this.#ref(child, values, refs)
    }
    items[16] = EMPTY_STRING
    return rlpList(items)
  }
}

/** How a parent embeds a child node: inline when shorter than 32 bytes, else by its hash. */
function reference(encoded: Uint8Array): Uint8Array {
  if (encoded.length < 32) return encoded
  const out = new Uint8Array(33)
  out[0] = 0xa0
  out.set(keccak256(encoded), 1)
  return out
}

function nibbles(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length * 2)
  for (let k = 0; k < bytes.length; k++) {
    out[2 * k] = bytes[k]! >> 4
    out[2 * k + 1] = bytes[k]! & 15
  }
  return out
}

/** Hex-prefix (compact) encoding of a nibble path. */
function hexPrefix(path: Uint8Array, leaf: boolean): Uint8Array {
  const odd = path.length & 1
  const flag = (leaf ? 2 : 0) + odd
  const out = new Uint8Array((path.length >> 1) + 1)
  out[0] = (flag << 4) | (odd ? path[0]! : 0)
  for (let k = odd, j = 1; k < path.length; k += 2, j++) out[j] = (path[k]! << 4) | path[k + 1]!
  return out
}

/** RLP list of already-encoded items. */
function rlpList(items: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const item of items) length += item.length
  let header: number[]
  if (length < 56) header = [0xc0 + length]
  else {
    const bytes: number[] = []
    for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff)
    header = [0xf7 + bytes.length, ...bytes]
  }
  const out = new Uint8Array(header.length + length)
  out.set(header, 0)
  let at = header.length
  for (const item of items) {
    out.set(item, at)
    at += item.length
  }
  return out
}
