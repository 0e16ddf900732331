// Incremental Merkle-Patricia trie over hash-addressed stored nodes. Updates are applied to a
// lazily loaded in-memory tree (only the paths of touched keys are loaded), and `commit()` then
// re-hashes exactly the modified nodes bottom-up, once each, however many keys share a path.
import { EMPTY_TRIE_ROOT, hexToBytes, keccak256 } from '@metis-sdk/primitives'
import { StateDBCorruptError } from '../errors/statedb.js'
import { concat, equal } from '../internal/bytes.js'
import {
  BRANCH,
  type BranchNode,
  branch,
  type Child,
  decodeNode,
  EXT,
  encodeBranch,
  encodeShort,
  ext,
  HASH_LEN,
  LEAF,
  LOC_LEN,
  leaf,
  nodeRecord,
  STUB_LEN,
  type TrieNode,
} from './node.js'

/** Where stored nodes come from: `location → record` (see node.ts). */
export type NodeSource = (loc: Uint8Array) => Uint8Array | undefined
/**
 * Receives every new node with an encoding of 32 bytes or more (and the root): its hash and the
 * record to store; returns the 12-byte location the record will be stored at. `record` is valid only
 * during the call (it is a reused scratch buffer): copy it to keep it.
 */
export type NodeSink = (hash: Uint8Array, record: Uint8Array) => Uint8Array

export const EMPTY_ROOT = hexToBytes(EMPTY_TRIE_ROOT)

/**
 * Node records are encoded into this buffer, hashed and handed to the sink, which copies them: one
 * allocation less per hashed node (a commit of the 10k-update bench hashes ~54,000 nodes; each
 * record was its own external buffer). hashNode encodes a node only after all its children, so one
 * buffer serves the whole recursion. A record is < 1 KB (a branch with 16 hashed children and
 * their locations); larger ones (none in state tries) get their own array.
 */
const scratch = new Uint8Array(2048)

function matchLen(path: Uint8Array, key: Uint8Array, d: number): number {
  const n = Math.min(path.length, key.length - d)
  let i = 0
  while (i < n && path[i] === key[d + i]) i++
  return i
}

function prefixed(nibble: number, path: Uint8Array): Uint8Array {
  const out = new Uint8Array(path.length + 1)
  out[0] = nibble
  out.set(path, 1)
  return out
}

/** The root hash of a root reference (a 44-byte stub, or EMPTY_ROOT). */
export function rootHash(root: Uint8Array): Uint8Array {
  return root.length === STUB_LEN ? root.subarray(0, HASH_LEN) : root
}

/**
 * A secure-trie view rooted at one root reference (a stub `hash ‖ location`, or EMPTY_ROOT). Keys are nibble arrays of equal length (64 for the
 * state and storage tries); values are the leaf payloads (already RLP-encoded by the caller).
 */
export class Mpt {
  root: Child | null
  /** Nodes loaded from the source since construction (a cheap bound on the in-memory tree). */
  loaded = 0
  constructor(
    private readonly source: NodeSource,
    root: Uint8Array = EMPTY_ROOT,
  ) {
    if (root.length === STUB_LEN) this.root = root
    else if (equal(root, EMPTY_ROOT)) this.root = null
    else throw new StateDBCorruptError('A trie root without a stored location.')
  }

  private load(stub: Uint8Array): TrieNode {
    const rec = this.source(stub.subarray(HASH_LEN))
    if (rec === undefined)
      throw new StateDBCorruptError('A trie node is missing from the state database.', {
        details: `node ${Buffer.from(stub.subarray(0, HASH_LEN)).toString('hex')}`,
      })
    this.loaded++
    return decodeNode(rec, stub)
  }

  private resolveRoot(): TrieNode | null {
    const r = this.root
    if (r === null) return null
    if (r instanceof Uint8Array) {
      const n = this.load(r)
      this.root = n
      return n
    }
    return r
  }

  /** Sets `key` to `value` (non-empty); `aux` is a location stored with the leaf (see node.ts). */
  put(key: Uint8Array, value: Uint8Array, aux: Uint8Array | null = null): void {
    const r = this.insert(this.resolveRoot(), key, 0, value, aux)
    if (r !== undefined) this.root = r
  }

  /** Removes `key` (no-op when absent). */
  del(key: Uint8Array): void {
    const root = this.resolveRoot()
    if (root === null) return
    const r = this.remove(root, key, 0)
    if (r !== undefined) this.root = r
  }

  /** The value at `key`, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    let n = this.resolveRoot()
    let d = 0
    while (n !== null) {
      if (n.t === LEAF) {
        return n.path.length === key.length - d && matchLen(n.path, key, d) === n.path.length
          ? n.value
          : undefined
      }
      if (n.t === EXT) {
        if (matchLen(n.path, key, d) !== n.path.length) return undefined
        d += n.path.length
        let c = n.child
        if (c instanceof Uint8Array) n.child = c = this.load(c)
        n = c
      } else {
        const i = key[d++]!
        let c = n.children[i]!
        if (c === null) return undefined
        if (c instanceof Uint8Array) n.children[i] = c = this.load(c)
        n = c
      }
    }
    return undefined
  }

  // Returns the replacement node, or undefined when nothing changed.
  private insert(
    n: TrieNode | null,
    key: Uint8Array,
    d: number,
    value: Uint8Array,
    aux: Uint8Array | null,
  ): TrieNode | undefined {
    if (n === null) return leaf(key.subarray(d), value, aux)
    if (n.t === BRANCH) {
      const i = key[d]!
      let c = n.children[i]!
      if (c instanceof Uint8Array) n.children[i] = c = this.load(c)
      const r = this.insert(c, key, d + 1, value, aux)
      if (r === undefined) return undefined
      n.children[i] = r
      n.ref = null
      return n
    }
    const m = matchLen(n.path, key, d)
    if (n.t === LEAF) {
      if (m === n.path.length && m === key.length - d) {
        if (equal(n.value, value) && (n.aux === aux || (n.aux !== null && aux !== null && equal(n.aux, aux))))
          return undefined
        n.value = value
        n.aux = aux
        n.ref = null
        return n
      }
      const b = branch()
      b.children[n.path[m]!] = leaf(n.path.subarray(m + 1), n.value, n.aux)
      b.children[key[d + m]!] = leaf(key.subarray(d + m + 1), value, aux)
      return m > 0 ? ext(n.path.subarray(0, m), b) : b
    }
    // extension
    if (m === n.path.length) {
      let c = n.child
      if (c instanceof Uint8Array) n.child = c = this.load(c)
      const r = this.insert(c, key, d + m, value, aux)
      if (r === undefined) return undefined
      n.child = r
      n.ref = null
      return n
    }
    const b = branch()
    const rest = n.path.subarray(m + 1)
    b.children[n.path[m]!] = rest.length > 0 ? ext(rest, n.child) : n.child
    b.children[key[d + m]!] = leaf(key.subarray(d + m + 1), value, aux)
    return m > 0 ? ext(n.path.subarray(0, m), b) : b
  }

  // Returns the replacement (null = subtree now empty), or undefined when nothing changed.
  private remove(n: TrieNode, key: Uint8Array, d: number): TrieNode | null | undefined {
    if (n.t === LEAF) {
      return n.path.length === key.length - d && matchLen(n.path, key, d) === n.path.length ? null : undefined
    }
    if (n.t === EXT) {
      if (matchLen(n.path, key, d) !== n.path.length) return undefined
      let c = n.child
      if (c instanceof Uint8Array) n.child = c = this.load(c)
      const r = this.remove(c, key, d + n.path.length)
      if (r === undefined) return undefined
      if (r === null) return null // cannot happen in a well-formed trie (a branch never empties at once)
      if (r.t === LEAF) return leaf(concat(n.path, r.path), r.value, r.aux)
      if (r.t === EXT) return ext(concat(n.path, r.path), r.child)
      n.child = r
      n.ref = null
      return n
    }
    const i = key[d]!
    let c = n.children[i]!
    if (c === null) return undefined
    if (c instanceof Uint8Array) n.children[i] = c = this.load(c)
    const r = this.remove(c, key, d + 1)
    if (r === undefined) return undefined
    n.children[i] = r
    n.ref = null
    if (r !== null) return n
    return this.collapse(n)
  }

  // A branch that lost a child: keep it with ≥2 children, otherwise fold its only child upwards.
  private collapse(n: BranchNode): TrieNode | null {
    let only = -1
    for (let j = 0; j < 16; j++) {
      if (n.children[j] !== null) {
        if (only >= 0) return n
        only = j
      }
    }
    if (only < 0) return null
    let c = n.children[only]!
    if (c instanceof Uint8Array) c = this.load(c)
    if (c.t === LEAF) return leaf(prefixed(only, c.path), c.value, c.aux)
    if (c.t === EXT) return ext(prefixed(only, c.path), c.child)
    return ext(Uint8Array.of(only), c)
  }

  /**
   * Hashes every modified node bottom-up, hands new stored nodes to `sink`, returns the root
   * reference: a 44-byte stub `hash ‖ location`, or EMPTY_ROOT.
   */
  commit(sink: NodeSink): Uint8Array {
    const r = this.root
    if (r === null) return EMPTY_ROOT
    if (r instanceof Uint8Array) return r
    const ref = this.hashNode(r, sink)
    if (ref.length === STUB_LEN) return ref
    // A root shorter than 32 bytes is still referenced (and stored) by its hash.
    const h = keccak256(ref)
    const stub = new Uint8Array(STUB_LEN)
    stub.set(h, 0)
    stub.set(sink(h, nodeRecord(ref, r, null)), HASH_LEN)
    return stub
  }

  private hashNode(n: TrieNode, sink: NodeSink): Uint8Array {
    if (n.ref !== null) return n.ref
    // The stored record is built in place: encoding ‖ child locations ‖ leaf aux.
    let rec: Uint8Array
    let extra = 0
    if (n.t === LEAF) {
      if (n.aux !== null) extra = LOC_LEN
      rec = encodeShort(n.path, true, n.value, extra, scratch)
      if (n.aux !== null) rec.set(n.aux, rec.length - LOC_LEN)
    } else if (n.t === EXT) {
      const c = n.child
      const r = c instanceof Uint8Array ? c : this.hashNode(c, sink)
      if (r.length === STUB_LEN) extra = LOC_LEN
      rec = encodeShort(n.path, false, r, extra, scratch)
      if (extra !== 0) rec.set(r.subarray(HASH_LEN), rec.length - LOC_LEN)
    } else {
      const refs = new Array<Uint8Array | null>(16)
      for (let i = 0; i < 16; i++) {
        const c = n.children[i]!
        const r = c === null ? null : c instanceof Uint8Array ? c : this.hashNode(c, sink)
        if (r !== null && r.length === STUB_LEN) extra += LOC_LEN
        refs[i] = r
      }
      rec = encodeBranch(refs, extra, scratch)
      let o = rec.length - extra
      for (let i = 0; i < 16; i++) {
        const r = refs[i]!
        if (r === null || r.length !== STUB_LEN) continue
        for (let k = 0; k < LOC_LEN; k++) rec[o + k] = r[HASH_LEN + k]!
        o += LOC_LEN
      }
    }
    const encLen = rec.length - extra
    if (encLen < 32) {
      // inline: only nodes without hashed children or aux get here (a copy: rec is the scratch)
      const enc = rec.slice(0, encLen)
      n.ref = enc
      return enc
    }
    const h = keccak256(extra === 0 ? rec : rec.subarray(0, encLen))
    const loc = sink(h, rec)
    if (loc.length !== LOC_LEN) throw new StateDBCorruptError('A node location must be 12 bytes.')
    const stub = new Uint8Array(STUB_LEN)
    stub.set(h, 0)
    stub.set(loc, HASH_LEN)
    n.ref = stub
    return stub
  }

  /** Drops loaded subtrees below `depth` levels (keeps their hashes) to bound memory. Only after commit(). */
  unload(depth: number): void {
    const r = this.root
    if (r === null || r instanceof Uint8Array) return
    if (depth === 0 && r.ref !== null && r.ref.length === STUB_LEN) this.root = r.ref
    else this.unloadNode(r, depth)
  }
  private unloadNode(n: TrieNode, depth: number): void {
    if (n.t === LEAF) return
    if (n.t === EXT) {
      const c = n.child
      if (c instanceof Uint8Array) return
      if (depth <= 1 && c.ref !== null && c.ref.length === STUB_LEN) n.child = c.ref
      else this.unloadNode(c, depth - 1)
      return
    }
    for (let i = 0; i < 16; i++) {
      const c = n.children[i]!
      if (c === null || c instanceof Uint8Array) continue
      if (depth <= 1 && c.ref !== null && c.ref.length === STUB_LEN) n.children[i] = c.ref
      else this.unloadNode(c, depth - 1)
    }
  }
}
