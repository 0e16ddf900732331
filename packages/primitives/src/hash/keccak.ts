import { keccak_256 } from '@noble/hashes/sha3.js'
import type { Hash } from 'viem'
import { bytesToHex } from '../encoding/hex.js'

/** A keccak-256 implementation: bytes in, 32 bytes out. */
export type Keccak256Backend = (data: Uint8Array) => Uint8Array

let backend: Keccak256Backend = (data) => keccak_256(data)

/**
 * keccak-256 of `data` (32 bytes). Portable @noble/hashes by default; a measured faster backend
 * can be installed with {@link setKeccak256Backend} (see `useFastKeccak256`).
 *
 * @example keccak256(new Uint8Array()) // c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470
 */
export function keccak256(data: Uint8Array): Uint8Array {
  return backend(data)
}

/** keccak-256 as `0x` hex. */
export function keccak256Hex(data: Uint8Array): Hash {
  return bytesToHex(backend(data)) as Hash
}

/** Replaces the keccak backend process-wide (must return a fresh 32-byte array per call). */
export function setKeccak256Backend(fn: Keccak256Backend): void {
  backend = fn
}

/** keccak256 of the empty string. */
export const KECCAK256_EMPTY: Hash = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
/** keccak256(rlp('')) — the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Hash = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'
/** keccak256(rlp([])) — the hash of an empty ommers list. */
export const EMPTY_OMMERS_HASH: Hash = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347'
