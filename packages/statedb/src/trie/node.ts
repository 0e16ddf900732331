// Merkle-Patricia trie nodes: the in-memory shape used by incremental updates, and their RLP
// encoding (written by hand: a node encoding is built once per touched node per commit, and the
// generic encoder's nested-array allocation showed up in profiles of the 10k-update workload).
import { type RlpItem, rlpDecode } from '@metis-sdk/primitives'
import { StateDBCorruptError } from '../errors/statedb.js'

export const LEAF = 0
export const EXT = 1
export const BRANCH = 2

/**
 * Stored nodes are addressed by *location*, not by hash: a 12-byte key (commit version ‖ sequence
 * number) assigned when the node is written, so the nodes of one commit are appended in key order
 * (one sequential run of LMDB pages instead of one random page per node). A reference to a stored
 * node is a 44-byte stub `hash ‖ location`: the hash goes into the parent's Ethereum encoding, the
 * location is kept next to it in the stored record (`encoding ‖ child locations ‖ leaf aux`).
 */
export const LOC_LEN = 12
export const HASH_LEN = 32
export const STUB_LEN = HASH_LEN + LOC_LEN

/**
 * `ref` caches the node's reference as its parent embeds it: the 44-byte stub `keccak(encoding) ‖
 * location` of a stored node, or the encoding itself when shorter than 32 bytes (an inline node).
 * `null` = modified, not hashed. `aux` (leaves only) is a location stored with the leaf: the storage
 * root's location for account leaves, so a proof at any version can walk into the storage trie.
 */
export type LeafNode = {
  t: 0
  path: Uint8Array
  value: Uint8Array
  aux: Uint8Array | null
  ref: Uint8Array | null
}
export type ExtNode = { t: 1; path: Uint8Array; child: Child; ref: Uint8Array | null }
export type BranchNode = { t: 2; children: Array<Child | null>; ref: Uint8Array | null }
export type TrieNode = LeafNode | ExtNode | BranchNode
/** A loaded node, or the 44-byte stub (hash ‖ location) of a stored node not loaded yet. */
export type Child = TrieNode | Uint8Array

export function leaf(path: Uint8Array, value: Uint8Array, aux: Uint8Array | null = null): LeafNode {
  return { t: LEAF, path, value, aux, ref: null }
}
export function ext(path: Uint8Array, child: Child): ExtNode {
  return { t: EXT, path, child, ref: null }
}
export function branch(): BranchNode {
  return { t: BRANCH, children: new Array<Child | null>(16).fill(null), ref: null }
}

// ---- encoding ----

function strLen(b: Uint8Array): number {
  const n = b.length
  if (n === 1 && b[0]! < 0x80) return 1
  if (n < 56) return 1 + n
  return 1 + lenOfLen(n) + n
}
function lenOfLen(n: number): number {
  return n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4
}
function writeLen(out: Uint8Array, o: number, n: number, bytes: number): number {
  for (let i = bytes - 1; i >= 0; i--) {
    out[o + i] = n & 0xff
    n = Math.floor(n / 256)
  }
  return o + bytes
}
function writeStr(out: Uint8Array, o: number, b: Uint8Array): number {
  const n = b.length
  if (n === 1 && b[0]! < 0x80) {
    out[o] = b[0]!
    return o + 1
  }
  if (n < 56) out[o++] = 0x80 + n
  else {
    const l = lenOfLen(n)
    out[o++] = 0xb7 + l
    o = writeLen(out, o, n, l)
  }
  out.set(b, o)
  return o + n
}
/** A child reference: a hash (first 32 bytes of a stub) is an RLP string, an inline node is embedded raw. */
function refLen(ref: Uint8Array | null): number {
  if (ref === null) return 1
  return ref.length >= HASH_LEN ? HASH_LEN + 1 : ref.length
}
function writeRef(out: Uint8Array, o: number, ref: Uint8Array | null): number {
  if (ref === null) {
    out[o] = 0x80
    return o + 1
  }
  if (ref.length >= HASH_LEN) {
    out[o++] = 0xa0
    for (let i = 0; i < HASH_LEN; i++) out[o + i] = ref[i]!
    return o + HASH_LEN
  }
  out.set(ref, o)
  return o + ref.length
}
function listHeaderLen(payload: number): number {
  return payload < 56 ? 1 : 1 + lenOfLen(payload)
}
function writeListHeader(out: Uint8Array, payload: number): number {
  if (payload < 56) {
    out[0] = 0xc0 + payload
    return 1
  }
  const l = lenOfLen(payload)
  out[0] = 0xf7 + l
  return writeLen(out, 1, payload, l)
}

/** Hex-prefix (compact) encoding of a nibble path. */
export function hexPrefix(path: Uint8Array, isLeaf: boolean): Uint8Array {
  const odd = path.length & 1
  const out = new Uint8Array((path.length >> 1) + 1)
  const flag = isLeaf ? 2 : 0
  let i = 0
  if (odd) {
    out[0] = ((flag + 1) << 4) | path[0]!
    i = 1
  } else out[0] = flag << 4
  for (let o = 1; i < path.length; i += 2, o++) out[o] = (path[i]! << 4) | path[i + 1]!
  return out
}

/** `n` bytes at the start of `into` when it is large enough (a view), else a new array. */
function outBuffer(n: number, into: Uint8Array | undefined): Uint8Array {
  return into !== undefined && into.length >= n ? into.subarray(0, n) : new Uint8Array(n)
}

/**
 * Encodes a leaf or extension (`second` = the leaf value, or the child reference). With `into`, the
 * encoding is written into it (a reused scratch buffer) and a view is returned.
 */
export function encodeShort(
  path: Uint8Array,
  isLeaf: boolean,
  second: Uint8Array,
  extra = 0,
  into?: Uint8Array,
): Uint8Array {
  const hp = hexPrefix(path, isLeaf)
  const payload = strLen(hp) + (isLeaf ? strLen(second) : refLen(second))
  const out = outBuffer(listHeaderLen(payload) + payload + extra, into)
  let o = writeListHeader(out, payload)
  o = writeStr(out, o, hp)
  if (isLeaf) writeStr(out, o, second)
  else writeRef(out, o, second)
  return out
}

/**
 * Encodes a branch from its 16 child references (no value slot: state-trie keys have fixed length).
 * `extra` bytes are left free after the encoding (encodeShort too): the stored record's locations.
 */
export function encodeBranch(refs: Array<Uint8Array | null>, extra = 0, into?: Uint8Array): Uint8Array {
  let payload = 1
  for (let i = 0; i < 16; i++) payload += refLen(refs[i]!)
  const out = outBuffer(listHeaderLen(payload) + payload + extra, into)
  let o = writeListHeader(out, payload)
  for (let i = 0; i < 16; i++) o = writeRef(out, o, refs[i]!)
  out[o] = 0x80
  return out
}

// ---- decoding ----

function corrupt(what: string): never {
  throw new StateDBCorruptError('Malformed trie node in the state database.', { details: what })
}

/** Decodes the hex-prefix path of a short node: `{ path, isLeaf }`. */
export function decodeHexPrefix(hp: Uint8Array): { path: Uint8Array; isLeaf: boolean } {
  if (hp.length === 0) corrupt('empty hex-prefix path')
  const flag = hp[0]! >> 4
  if (flag > 3) corrupt(`bad hex-prefix flag ${flag}`)
  const odd = flag & 1
  const path = new Uint8Array((hp.length - 1) * 2 + odd)
  let o = 0
  if (odd) path[o++] = hp[0]! & 15
  for (let i = 1; i < hp.length; i++) {
    path[o++] = hp[i]! >> 4
    path[o++] = hp[i]! & 15
  }
  return { path, isLeaf: flag >= 2 }
}

/** A real copy of `b[start, end)` (also for Buffers, whose `slice` is a view). */
export function copyBytes(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start)
  out.set(b.subarray(start, end))
  return out
}

/** Total length of the RLP list at the start of a stored record (the node encoding). */
export function encodingLength(rec: Uint8Array): number {
  const b0 = rec[0]
  if (b0 === undefined || b0 < 0xc0) return corrupt('stored node is not an RLP list')
  if (b0 <= 0xf7) return 1 + (b0 - 0xc0)
  const l = b0 - 0xf7
  let n = 0
  for (let i = 1; i <= l; i++) n = n * 256 + (rec[i] ?? corrupt('truncated node header'))
  return 1 + l + n
}

/** Reads child locations from a stored record, in order of the hashed children. */
type LocCursor = { rec: Uint8Array; o: number }

function stubOf(hash: Uint8Array, cur: LocCursor): Uint8Array {
  if (cur.o + LOC_LEN > cur.rec.length) return corrupt('stored node without the location of a child')
  const stub = new Uint8Array(STUB_LEN)
  stub.set(hash, 0)
  stub.set(cur.rec.subarray(cur.o, cur.o + LOC_LEN), HASH_LEN)
  cur.o += LOC_LEN
  return stub
}

function decodeChild(item: RlpItem, cur: LocCursor): Child | null {
  if (item instanceof Uint8Array) {
    if (item.length === 0) return null
    if (item.length === HASH_LEN) return stubOf(item, cur)
    return corrupt(`child reference of ${item.length} bytes`)
  }
  return decodeItems(item, null, cur)
}

/** Builds a node from decoded RLP items; `ref` is its stub when it was loaded from a record. */
function decodeItems(items: RlpItem[], ref: Uint8Array | null, cur: LocCursor): TrieNode {
  if (items.length === 17) {
    const b = branch()
    for (let i = 0; i < 16; i++) b.children[i] = decodeChild(items[i]!, cur)
    const v = items[16]!
    if (!(v instanceof Uint8Array) || v.length !== 0) corrupt('branch node with a value in a state trie')
    b.ref = ref
    return b
  }
  if (items.length === 2) {
    const hp = items[0]!
    if (!(hp instanceof Uint8Array)) return corrupt('short node path is a list')
    const { path, isLeaf } = decodeHexPrefix(hp)
    if (isLeaf) {
      const v = items[1]!
      if (!(v instanceof Uint8Array)) return corrupt('leaf value is a list')
      let aux: Uint8Array | null = null
      // Only a stored (top-level) leaf carries an aux location, after its encoding.
      if (ref !== null && cur.o + LOC_LEN <= cur.rec.length) {
        aux = copyBytes(cur.rec, cur.o, cur.o + LOC_LEN)
        cur.o += LOC_LEN
      }
      return { t: LEAF, path, value: v, aux, ref }
    }
    const c = decodeChild(items[1]!, cur)
    if (c === null) return corrupt('extension without child')
    return { t: EXT, path, child: c, ref }
  }
  return corrupt(`node list of ${items.length} items`)
}

/**
 * Decodes a stored record `encoding ‖ child locations ‖ leaf aux` into a node whose unloaded
 * children are stubs. `ref` is the node's own stub.
 */
export function decodeNode(source: Uint8Array, ref: Uint8Array | null): TrieNode {
  const encLen = encodingLength(source)
  if (encLen > source.length) return corrupt('truncated node encoding')
  const fast = decodeHashedBranch(source, encLen, ref)
  if (fast !== undefined) return fast
  // `source` may be lmdb-js's reused read buffer (its `length` is an own property smaller than the
  // underlying array: always pass explicit bounds); the generic decoder keeps views into its input.
  // (Buffer#slice would be a view, not a copy.)
  const rec = copyBytes(source, 0, source.length)
  let item: RlpItem
  try {
    item = rlpDecode(rec.subarray(0, encLen))
  } catch (cause) {
    throw new StateDBCorruptError('Malformed trie node in the state database.', { cause })
  }
  if (item instanceof Uint8Array) return corrupt('node is a byte string')
  const cur: LocCursor = { rec, o: encLen }
  const n = decodeItems(item, ref, cur)
  if (cur.o !== rec.length) return corrupt('stored node with trailing bytes')
  return n
}

/**
 * The common stored node: a branch whose children are all hashes or empty. Decoded straight from the
 * record bytes (no RLP item arrays); copies what it keeps. Undefined for any other shape.
 */
function decodeHashedBranch(rec: Uint8Array, encLen: number, ref: Uint8Array | null): BranchNode | undefined {
  const b0 = rec[0]!
  let p = b0 <= 0xf7 ? 1 : 1 + (b0 - 0xf7)
  let o = encLen
  const children = new Array<Child | null>(16)
  for (let i = 0; i < 16; i++) {
    if (p >= encLen) return undefined
    const c = rec[p]
    if (c === 0x80) {
      children[i] = null
      p++
    } else if (c === 0xa0 && p + 33 <= encLen) {
      // not enough locations: another shape (a leaf with a 32-byte path) or damage, decoded below
      if (o + LOC_LEN > rec.length) return undefined
      const stub = new Uint8Array(STUB_LEN)
      for (let k = 0; k < HASH_LEN; k++) stub[k] = rec[p + 1 + k]!
      for (let k = 0; k < LOC_LEN; k++) stub[HASH_LEN + k] = rec[o + k]!
      children[i] = stub
      p += 33
      o += LOC_LEN
    } else return undefined
  }
  if (p + 1 !== encLen || rec[p] !== 0x80 || o !== rec.length) return undefined
  return { t: BRANCH, children, ref }
}

/** The record stored for a node: its encoding, the locations of its hashed children, the leaf aux. */
export function nodeRecord(enc: Uint8Array, n: TrieNode, aux: Uint8Array | null): Uint8Array {
  let locs = 0
  if (n.t === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = n.children[i]!
      if (c !== null && refOf(c)!.length === STUB_LEN) locs++
    }
  } else if (n.t === EXT && refOf(n.child)!.length === STUB_LEN) locs = 1
  const out = new Uint8Array(enc.length + locs * LOC_LEN + (aux === null ? 0 : LOC_LEN))
  out.set(enc, 0)
  let o = enc.length
  if (n.t === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = n.children[i]!
      if (c === null) continue
      const r = refOf(c)!
      if (r.length === STUB_LEN) {
        out.set(r.subarray(HASH_LEN), o)
        o += LOC_LEN
      }
    }
  } else if (n.t === EXT) {
    const r = refOf(n.child)!
    if (r.length === STUB_LEN) {
      out.set(r.subarray(HASH_LEN), o)
      o += LOC_LEN
    }
  }
  if (aux !== null) out.set(aux, o)
  return out
}

/** The reference of a child (stub, inline encoding), after hashing. */
function refOf(c: Child): Uint8Array | null {
  return c instanceof Uint8Array ? c : c.ref
}
