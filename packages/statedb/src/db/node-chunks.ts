// Trie-node records of one commit packed into chunks: the `node` table holds one LMDB value per
// ~4 KB of records instead of one per node. In the 10,000-account update of the statedb bench a
// commit writes ~54,000 nodes; one put each cost ~95 ms of the commit (lmdb-js put + B-tree
// insert) and kept every record alive as its own young object until the write transaction (most of
// the commit's scavenge time). Packed, the records are copied once into a few large buffers.
import { StateDBCorruptError } from '../errors/statedb.js'
import { writeBe64 } from '../internal/bytes.js'
import { LOC_LEN } from '../trie/node.js'

/**
 * Chunk payload size: one 4 KB LMDB overflow page holds a chunk (4096 minus LMDB's 16-byte page header).
 * Location offsets have 12 bits, so a chunk must stay under 4096 bytes.
 */
const CHUNK_BYTES = 4080
/** Chunk index bits in a location (2^20 chunks of ~4 KB: ~4 GB of trie nodes per commit). */
const MAX_CHUNKS = 1 << 20
/** Chunks are cut from slabs of this many chunks (one 256 KB allocation instead of 64 of 4 KB). */
const SLAB_CHUNKS = 64
/** `node` table key: version (8 bytes) ‖ chunk index (3 bytes). */
export const NODE_KEY_LEN = 11

/**
 * A location (12 bytes) is `version (8) ‖ chunk index (20 bits) ‖ offset in the chunk (12 bits)`;
 * the record at that offset is `length (2 bytes) ‖ record`. Chunks of one commit have ascending keys
 * above every stored key, so LMDB appends them to its last pages.
 */
export class NodeChunkWriter {
  readonly chunks: Array<[Uint8Array, Uint8Array]> = []
  private slab = new Uint8Array(CHUNK_BYTES * SLAB_CHUNKS)
  private slabUsed = 0
  private cur = this.nextChunk()
  private used = 0
  constructor(private readonly version: number) {}

  /** Appends `rec` and returns its location. */
  add(rec: Uint8Array): Uint8Array {
    const n = rec.length
    if (n + 2 > CHUNK_BYTES) throw new StateDBCorruptError(`A trie node record of ${n} bytes is too large.`)
    if (this.used + 2 + n > CHUNK_BYTES) this.flush()
    const chunk = this.chunks.length
    if (chunk >= MAX_CHUNKS) throw new StateDBCorruptError('Too many trie nodes in one commit.')
    const off = this.used
    const loc = new Uint8Array(LOC_LEN)
    writeBe64(loc, 0, this.version)
    loc[8] = chunk >>> 12
    loc[9] = (chunk >>> 4) & 0xff
    loc[10] = ((chunk & 0xf) << 4) | (off >>> 8)
    loc[11] = off & 0xff
    const c = this.cur
    c[off] = n >>> 8
    c[off + 1] = n & 0xff
    c.set(rec, off + 2)
    this.used = off + 2 + n
    return loc
  }

  /** Closes the last chunk; `chunks` then holds every `[key, value]` to put. */
  finish(): Array<[Uint8Array, Uint8Array]> {
    if (this.used > 0) this.flush()
    return this.chunks
  }

  private flush(): void {
    const key = new Uint8Array(NODE_KEY_LEN)
    writeBe64(key, 0, this.version)
    const i = this.chunks.length
    key[8] = i >>> 16
    key[9] = (i >>> 8) & 0xff
    key[10] = i & 0xff
    this.chunks.push([key, this.cur.subarray(0, this.used)])
    this.cur = this.nextChunk()
    this.used = 0
  }

  private nextChunk(): Uint8Array {
    if (this.slabUsed === SLAB_CHUNKS) {
      this.slab = new Uint8Array(CHUNK_BYTES * SLAB_CHUNKS)
      this.slabUsed = 0
    }
    const off = CHUNK_BYTES * this.slabUsed++
    return this.slab.subarray(off, off + CHUNK_BYTES)
  }
}

/** Writes the `node` table key of a location into `key` (11 bytes); returns the record offset. */
export function chunkKeyOf(loc: Uint8Array, key: Uint8Array): number {
  for (let i = 0; i < 8; i++) key[i] = loc[i]!
  const chunk = (loc[8]! << 12) | (loc[9]! << 4) | (loc[10]! >>> 4)
  key[8] = chunk >>> 16
  key[9] = (chunk >>> 8) & 0xff
  key[10] = chunk & 0xff
  return ((loc[10]! & 0xf) << 8) | loc[11]!
}

/**
 * The record at `off` in a chunk read with getBinaryFast: a plain view into lmdb-js's reused buffer
 * (valid until the next LMDB read; the trie decodes or copies it at once).
 */
export function recordInChunk(chunk: Uint8Array, off: number): Uint8Array {
  const n = chunk.length
  if (off + 2 > n) throw new StateDBCorruptError('A trie node location points past its chunk.')
  const len = (chunk[off]! << 8) | chunk[off + 1]!
  if (off + 2 + len > n) throw new StateDBCorruptError('A trie node record runs past its chunk.')
  return new Uint8Array(chunk.buffer, chunk.byteOffset + off + 2, len)
}
