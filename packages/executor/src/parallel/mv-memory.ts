import type { Account } from '@metis-sdk/primitives'
import { accountBytes, V_DELTA, writeAccount, writeU256To } from './codec.js'
import {
  C_ARENA_TOP,
  C_TABLE_SIZE,
  F_ABSENT,
  F_ESTIMATE,
  K_BYTES,
  K_HEAD,
  K_LEN,
  N_KEY,
  N_NEXT,
  N_TX,
  N_VALUE,
  NODE_WORDS,
  T_READS,
  T_WRITES,
  txBase,
} from './layout.js'

/** Thrown inside a worker when the shared arena is full; the block then falls back to sequential. */
export class ArenaFullError extends Error {
  override name = 'ArenaFullError'
}

/** The newest version of a key below a transaction. */
export type VersionHit =
  | { kind: 'none' }
  | { kind: 'estimate'; tx: number }
  | { kind: 'value'; tx: number; ptr: number }

const NONE: VersionHit = { kind: 'none' }

/**
 * The multi-version memory over the shared arena: an open-addressing hash table of key records,
 * each the head of a lock-free list of version nodes (one per writing transaction, updated in
 * place on re-execution). Value records are immutable `[byteLength, ...bytes]` blobs; a node's
 * value word packs the record pointer with the ESTIMATE/ABSENT flags so one atomic store publishes
 * both.
 */
export class MvMemory {
  readonly ctrl: Int32Array
  readonly words: Int32Array
  readonly bytes: Uint8Array
  readonly view: DataView
  readonly tableSize: number

  constructor(ctrl: Int32Array, arena: SharedArrayBuffer) {
    this.ctrl = ctrl
    this.words = new Int32Array(arena)
    this.bytes = new Uint8Array(arena)
    this.view = new DataView(arena)
    this.tableSize = Atomics.load(ctrl, C_TABLE_SIZE)
  }

  /** Bump-allocates `nBytes` (rounded to 8) and returns the byte offset. */
  alloc(nBytes: number): number {
    const size = (nBytes + 7) & ~7
    const at = Atomics.add(this.ctrl, C_ARENA_TOP, size)
    if (at + size > this.bytes.length) throw new ArenaFullError('shared arena is full')
    return at
  }

  /** Finds the key record for `key`, inserting an empty one if absent. Returns its byte offset. */
  keyRecord(key: Uint8Array): number {
    const mask = this.tableSize - 1
    let h = fnv1a(key) & mask
    let mine = 0
    for (let probes = 0; probes <= mask; probes++) {
      let rec = Atomics.load(this.words, h)
      if (rec === 0) {
        if (mine === 0) mine = this.newKeyRecord(key)
        const prev = Atomics.compareExchange(this.words, h, 0, mine)
        if (prev === 0) return mine
        rec = prev
      }
      if (this.keyEquals(rec, key)) return rec
      h = (h + 1) & mask
    }
    throw new ArenaFullError('key table is full')
  }

  private newKeyRecord(key: Uint8Array): number {
    const at = this.alloc(8 + key.length)
    const w = at >> 2
    this.words[w + K_HEAD] = 0
    this.words[w + K_LEN] = key.length
    this.bytes.set(key, at + K_BYTES * 4)
    return at
  }

  private keyEquals(rec: number, key: Uint8Array): boolean {
    if (this.words[(rec >> 2) + K_LEN] !== key.length) return false
    const base = rec + K_BYTES * 4
    for (let i = 0; i < key.length; i++) if (this.bytes[base + i] !== key[i]) return false
    return true
  }

  /** Stores an immutable value record and returns its offset. */
  putValue(value: Uint8Array): number {
    const at = this.alloc(4 + value.length)
    this.words[at >> 2] = value.length
    this.bytes.set(value, at + 4)
    return at
  }

  /** Stores an encoded account straight into the arena (no temporary buffer). */
  putAccount(account: Account | undefined): number {
    const len = accountBytes(account)
    const at = this.alloc(4 + len)
    this.words[at >> 2] = len
    writeAccount(this.bytes, at + 4, account, this.view)
    return at
  }

  /** Stores a 32-byte word straight into the arena. */
  putWord(value: bigint): number {
    const at = this.alloc(36)
    this.words[at >> 2] = 32
    writeU256To(this.bytes, this.view, at + 4, value)
    return at
  }

  /** Stores a signed balance delta (`[2, sign, magnitude]`, see `encodeDelta`) straight into the arena. */
  putDelta(delta: bigint): number {
    const at = this.alloc(4 + 34)
    this.words[at >> 2] = 34
    const b = at + 4
    this.bytes[b] = V_DELTA
    this.bytes[b + 1] = delta < 0n ? 1 : 0
    writeU256To(this.bytes, this.view, b + 2, delta < 0n ? -delta : delta)
    return at
  }

  /** A view of the value record at `ptr` (no copy). */
  value(ptr: number): Uint8Array {
    const len = this.words[ptr >> 2]!
    return this.bytes.subarray(ptr + 4, ptr + 4 + len)
  }

  /** True when the two value records hold the same bytes. */
  valueEquals(a: number, b: Uint8Array): boolean {
    const len = this.words[a >> 2]!
    if (len !== b.length) return false
    const base = a + 4
    for (let i = 0; i < len; i++) if (this.bytes[base + i] !== b[i]) return false
    return true
  }

  /** Transaction of the version {@link MvMemory.find} returned last (-2 when none). */
  foundTx = -2

  /**
   * The newest non-absent version of `rec` written by a transaction below `txIdx`: its value word
   * (pointer | flags) or 0 when there is none; the writer is left in {@link MvMemory.foundTx}.
   * Lists are sorted by descending tx, so the walk stops at the first live version below `txIdx`
   * (unsorted lists made every read O(versions): 2,000-tx blocks spent a third of the engine's
   * time walking the ERC-20 token's version list).
   */
  find(rec: number, txIdx: number): number {
    const words = this.words
    let node = Atomics.load(words, (rec >> 2) + K_HEAD)
    while (node !== 0) {
      const w = node >> 2
      const tx = words[w + N_TX]!
      if (tx < txIdx) {
        const word = Atomics.load(words, w + N_VALUE)
        if ((word & F_ABSENT) === 0) {
          this.foundTx = tx
          return word
        }
      }
      node = Atomics.load(words, w + N_NEXT)
    }
    this.foundTx = -2
    return 0
  }

  /** The newest non-absent version of `rec` written by a transaction below `txIdx`. */
  latestBelow(rec: number, txIdx: number): VersionHit {
    const word = this.find(rec, txIdx)
    if (word === 0) return NONE
    if ((word & F_ESTIMATE) !== 0) return { kind: 'estimate', tx: this.foundTx }
    return { kind: 'value', tx: this.foundTx, ptr: word & ~7 }
  }

  /**
   * Adds a version node for `txIdx` to `rec`'s list, keeping the list sorted by descending tx.
   * Nodes are never unlinked (a dropped write is marked ABSENT), so a CAS on the predecessor's
   * link is enough for concurrent inserts. Returns the node offset.
   */
  addNode(rec: number, txIdx: number, valueWord: number): number {
    const words = this.words
    const node = this.alloc(NODE_WORDS * 4)
    const w = node >> 2
    words[w + N_TX] = txIdx
    words[w + N_KEY] = rec
    Atomics.store(words, w + N_VALUE, valueWord)
    for (;;) {
      let linkAt = (rec >> 2) + K_HEAD
      let next = Atomics.load(words, linkAt)
      while (next !== 0 && words[(next >> 2) + N_TX]! > txIdx) {
        linkAt = (next >> 2) + N_NEXT
        next = Atomics.load(words, linkAt)
      }
      Atomics.store(words, w + N_NEXT, next)
      if (Atomics.compareExchange(words, linkAt, next, node) === next) return node
    }
  }

  setNodeValue(node: number, valueWord: number): void {
    Atomics.store(this.words, (node >> 2) + N_VALUE, valueWord)
  }

  nodeValue(node: number): number {
    return Atomics.load(this.words, (node >> 2) + N_VALUE)
  }

  nodeKey(node: number): number {
    return this.words[(node >> 2) + N_KEY]!
  }

  /** The node pointers of tx `i`'s last recorded write set. */
  writeNodes(i: number): Int32Array {
    const rec = Atomics.load(this.ctrl, txBase(i) + T_WRITES)
    if (rec === 0) return EMPTY
    const n = this.words[rec >> 2]!
    return this.words.subarray((rec >> 2) + 1, (rec >> 2) + 1 + n)
  }

  /** Records tx `i`'s write set (node pointers). */
  setWriteNodes(i: number, nodes: readonly number[]): void {
    const rec = this.alloc(4 + nodes.length * 4)
    const w = rec >> 2
    this.words[w] = nodes.length
    for (let k = 0; k < nodes.length; k++) this.words[w + 1 + k] = nodes[k]!
    Atomics.store(this.ctrl, txBase(i) + T_WRITES, rec)
  }

  /** Marks every write of tx `i` as an ESTIMATE (its incarnation was aborted). */
  convertWritesToEstimates(i: number): void {
    const nodes = this.writeNodes(i)
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!
      const word = this.nodeValue(node)
      if ((word & F_ABSENT) === 0) this.setNodeValue(node, word | F_ESTIMATE)
    }
  }

  /** Stores a serialized read set for tx `i`. */
  setReadSet(i: number, record: number): void {
    Atomics.store(this.ctrl, txBase(i) + T_READS, record)
  }

  readSet(i: number): number {
    return Atomics.load(this.ctrl, txBase(i) + T_READS)
  }
}

const EMPTY = new Int32Array(0)

/** 32-bit FNV-1a; keys are addresses and slots, already well mixed. */
function fnv1a(key: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key[i]!
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
