// Value layouts of the flat tables and the trie leaves.
import type { Account } from '@metis-sdk/primitives'
import { EMPTY_TRIE_ROOT, hexToBytes, KECCAK256_EMPTY, rlpEncode } from '@metis-sdk/primitives'
import { StateDBCorruptError } from '../errors/statedb.js'
import { minimalBytes, toBigInt, toHex, writeBigInt } from './bytes.js'

/**
 * Flat account record (format 3), variable length:
 * `flags | nonceLen | nonce | balanceLen | balance | [codeHash] | [storageRoot ‖ storage root location]`
 * with nonce and balance as minimal big-endian bytes, the code hash present when flags & 1 (code is
 * not empty), the storage root (32 bytes) and its location (12 bytes) present when flags & 2 (storage
 * is not empty). An externally owned account is ~12 bytes instead of format 2's fixed 116: the `acct`
 * table is ~3x smaller, so a random read touches pages that stay in the CPU cache and a commit
 * copies fewer dirty pages (measured in the statedb bench: LMDB reads and the 10k-update commit).
 */
export const FLAG_CODE = 1
export const FLAG_STORAGE = 2
const STORAGE_REF_LEN = 44

export const EMPTY_CODE_HASH = hexToBytes(KECCAK256_EMPTY)
const EMPTY_ROOT_BYTES = hexToBytes(EMPTY_TRIE_ROOT)

function corrupt(): never {
  throw new StateDBCorruptError('Malformed account record.')
}

function isEmptyRoot(b: Uint8Array, off: number): boolean {
  for (let i = 0; i < 32; i++) if (b[off + i] !== EMPTY_ROOT_BYTES[i]) return false
  return true
}

function isEmptyCode(b: Uint8Array, off: number): boolean {
  for (let i = 0; i < 32; i++) if (b[off + i] !== EMPTY_CODE_HASH[i]) return false
  return true
}

const scratch = new Uint8Array(40)

/**
 * `storageRef` is the storage trie's root reference: a 44-byte stub (hash ‖ location) or the empty
 * root. `a.nonce` < 2⁶⁴ and `a.balance` < 2²⁵⁶ (checked by the caller).
 */
export function encodeAccountRecord(a: Account, codeHash: Uint8Array, storageRef: Uint8Array): Uint8Array {
  scratch.fill(0)
  writeBigInt(scratch, 0, 8, a.nonce)
  writeBigInt(scratch, 8, 32, a.balance)
  let ns = 0
  while (ns < 8 && scratch[ns] === 0) ns++
  let bs = 8
  while (bs < 40 && scratch[bs] === 0) bs++
  const hasCode = !isEmptyCode(codeHash, 0)
  const hasStorage = storageRef.length === STORAGE_REF_LEN
  const out = new Uint8Array(
    3 + (8 - ns) + (40 - bs) + (hasCode ? 32 : 0) + (hasStorage ? STORAGE_REF_LEN : 0),
  )
  out[0] = (hasCode ? FLAG_CODE : 0) | (hasStorage ? FLAG_STORAGE : 0)
  let o = 1
  out[o++] = 8 - ns
  for (let i = ns; i < 8; i++) out[o++] = scratch[i]!
  out[o++] = 40 - bs
  for (let i = bs; i < 40; i++) out[o++] = scratch[i]!
  if (hasCode) {
    out.set(codeHash.subarray(0, 32), o)
    o += 32
  }
  if (hasStorage) out.set(storageRef, o)
  return out
}

/** Offset of the code hash (the end of nonce and balance) in a record of `n` bytes; checks the layout. */
function codeOffset(b: Uint8Array, n: number): number {
  const nl = b[1]!
  const bl = b[2 + nl]!
  const f = b[0]!
  if (n < 3 || nl > 8 || bl > 32 || f > 3) corrupt()
  const o = 3 + nl + bl
  if (o + (f & FLAG_CODE ? 32 : 0) + (f & FLAG_STORAGE ? STORAGE_REF_LEN : 0) !== n) corrupt()
  return o
}

/** Offset of the storage root stub (flags & 2), after the code hash if any. */
function storageOffset(b: Uint8Array, n: number): number {
  const o = codeOffset(b, n)
  return b[0]! & FLAG_CODE ? o + 32 : o
}

/** The account of a record `b[0, n)` (n defaults to b.length: `b` may be lmdb-js's reused buffer). */
export function decodeAccountRecord(b: Uint8Array, n = b.length): Readonly<Account> {
  const o = codeOffset(b, n)
  const nl = b[1]!
  // Most accounts have no code: the constant instead of a 66-char hex string.
  const codeHash = b[0]! & FLAG_CODE ? toHex(b.subarray(o, o + 32)) : KECCAK256_EMPTY
  // Frozen: readers hand the same object out of their caches on every hit.
  return Object.freeze({
    nonce: nl === 0 ? 0n : toBigInt(b, 2, nl),
    balance: toBigInt(b, 3 + nl, b[2 + nl]!),
    codeHash,
  })
}

/** The storage trie's root reference of a record: its 44-byte stub, or the empty root. */
export function recordStorageRef(b: Uint8Array): Uint8Array {
  if (!(b[0]! & FLAG_STORAGE)) return EMPTY_ROOT_BYTES
  const o = storageOffset(b, b.length)
  return b.slice(o, o + STORAGE_REF_LEN)
}

/** The aux location stored with an account's trie leaf: its storage root's location (null when empty). */
export function accountAux(b: Uint8Array): Uint8Array | null {
  if (!(b[0]! & FLAG_STORAGE)) return null
  const o = storageOffset(b, b.length) + 32
  return b.slice(o, o + 12)
}

/** The storage root hash of a record (the empty root when it has no storage). */
export function recordStorageRoot(b: Uint8Array): Uint8Array {
  if (!(b[0]! & FLAG_STORAGE)) return EMPTY_ROOT_BYTES
  const o = storageOffset(b, b.length)
  return b.slice(o, o + 32)
}

/** True when the record's storage trie is not empty. */
export function recordHasStorage(b: Uint8Array): boolean {
  return (b[0]! & FLAG_STORAGE) !== 0
}

/** The record with its storage root reference replaced (`ref`: a 44-byte stub or the empty root). */
export function withStorageRef(b: Uint8Array, ref: Uint8Array): Uint8Array {
  const o = storageOffset(b, b.length)
  const hasStorage = ref.length === STORAGE_REF_LEN
  if (!hasStorage && isEmptyRoot(ref, 0) === false) corrupt()
  const out = new Uint8Array(o + (hasStorage ? STORAGE_REF_LEN : 0))
  out.set(b.subarray(0, o), 0)
  out[0] = (b[0]! & FLAG_CODE) | (hasStorage ? FLAG_STORAGE : 0)
  if (hasStorage) out.set(ref, o)
  return out
}

/**
 * The secure-trie leaf of an account: rlp([nonce, balance, storageRoot, codeHash]). Written straight
 * from the record (nonce and balance are stored as minimal bytes already): built once per touched
 * account per commit.
 */
export function accountLeaf(b: Uint8Array): Uint8Array {
  const n = b.length
  const c = codeOffset(b, n)
  const nl = b[1]!
  const bl = b[2 + nl]!
  const nonceLen = nl === 1 && b[2]! < 0x80 ? 1 : 1 + nl
  const balanceLen = bl === 1 && b[3 + nl]! < 0x80 ? 1 : 1 + bl
  const payload = nonceLen + balanceLen + 66
  // payload ≤ 9 + 33 + 66 < 256: a one-byte long-list header
  const out = new Uint8Array(2 + payload)
  out[0] = 0xf8
  out[1] = payload
  let o = 2
  if (nonceLen === 1 && nl === 1) out[o++] = b[2]!
  else {
    out[o++] = 0x80 + nl
    for (let i = 0; i < nl; i++) out[o++] = b[2 + i]!
  }
  if (balanceLen === 1 && bl === 1) out[o++] = b[3 + nl]!
  else {
    out[o++] = 0x80 + bl
    for (let i = 0; i < bl; i++) out[o++] = b[3 + nl + i]!
  }
  out[o++] = 0xa0
  const f = b[0]!
  const s = f & FLAG_CODE ? c + 32 : c
  if (f & FLAG_STORAGE) out.set(b.subarray(s, s + 32), o)
  else out.set(EMPTY_ROOT_BYTES, o)
  o += 32
  out[o++] = 0xa0
  if (f & FLAG_CODE) out.set(b.subarray(c, c + 32), o)
  else out.set(EMPTY_CODE_HASH, o)
  return out
}

/** The secure-trie leaf of a storage slot: rlp(minimal big-endian value). */
export function storageLeaf(value: bigint): Uint8Array {
  return rlpEncode(minimalBytes(value))
}

/** Table tags of the history index. */
export const TAG_ACCOUNT = 1
export const TAG_STORAGE = 2
