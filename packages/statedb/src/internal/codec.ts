// Value layouts of the flat tables and the trie leaves.
import type { Account } from '@metis-sdk/primitives'
import { EMPTY_TRIE_ROOT, hexToBytes, KECCAK256_EMPTY, rlpEncode } from '@metis-sdk/primitives'
import { minimalBytes, toBigInt, toHex, writeBigInt } from './bytes.js'

/**
 * Flat account record: nonce u64 | balance u256 | codeHash | storageRoot | storage root location
 * (12 bytes, zero for an empty storage trie) — 116 bytes.
 */
export const ACCOUNT_RECORD_SIZE = 116

export type StoredAccount = Account & { storageRoot: Uint8Array }

export const EMPTY_CODE_HASH = hexToBytes(KECCAK256_EMPTY)

/** `storageRoot` is the storage trie's root reference: a 44-byte stub (hash ‖ location) or EMPTY_ROOT. */
export function encodeAccountRecord(a: Account, codeHash: Uint8Array, storageRoot: Uint8Array): Uint8Array {
  const out = new Uint8Array(ACCOUNT_RECORD_SIZE)
  writeBigInt(out, 0, 8, a.nonce)
  writeBigInt(out, 8, 32, a.balance)
  out.set(codeHash, 40)
  out.set(storageRoot, 72)
  return out
}

const EMPTY_ROOT_BYTES = hexToBytes(EMPTY_TRIE_ROOT)

function hasEmptyStorage(b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (b[72 + i] !== EMPTY_ROOT_BYTES[i]) return false
  return true
}

/** The storage trie's root reference of a record: its 44-byte stub, or the empty root. */
export function recordStorageRef(b: Uint8Array): Uint8Array {
  return hasEmptyStorage(b) ? EMPTY_ROOT_BYTES : b.slice(72, 116)
}

/** The aux location stored with an account's trie leaf: its storage root's location (null when empty). */
export function accountAux(b: Uint8Array): Uint8Array | null {
  return hasEmptyStorage(b) ? null : b.slice(104, 116)
}

function isEmptyCodeHash(b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (b[40 + i] !== EMPTY_CODE_HASH[i]) return false
  return true
}

export function decodeAccountRecord(b: Uint8Array): Readonly<Account> {
  // Most accounts have no code: reuse the constant instead of building a 66-char hex string.
  const codeHash = isEmptyCodeHash(b) ? KECCAK256_EMPTY : toHex(b.subarray(40, 72))
  // Frozen: readers hand the same object out of their caches on every hit.
  return Object.freeze({ nonce: toBigInt(b, 0, 8), balance: toBigInt(b, 8, 32), codeHash })
}

export function recordStorageRoot(b: Uint8Array): Uint8Array {
  return b.slice(72, 104)
}

/** The secure-trie leaf of an account: rlp([nonce, balance, storageRoot, codeHash]). */
export function accountLeaf(record: Uint8Array): Uint8Array {
  return rlpEncode([
    minimalBytes(toBigInt(record, 0, 8)),
    minimalBytes(toBigInt(record, 8, 32)),
    record.subarray(72, 104),
    record.subarray(40, 72),
  ])
}

/** The secure-trie leaf of a storage slot: rlp(minimal big-endian value). */
export function storageLeaf(value: bigint): Uint8Array {
  return rlpEncode(minimalBytes(value))
}

/** Table tags of the history index. */
export const TAG_ACCOUNT = 1
export const TAG_STORAGE = 2
