import type { Hash } from 'viem'
import { bytesToHex } from '../encoding/hex.js'
import { keccak256Sponge } from './keccak-sponge.js'

/** A keccak-256 implementation: bytes in, a fresh 32-byte array out. */
export type Keccak256Backend = (data: Uint8Array) => Uint8Array

// Default: our synchronous unrolled sponge (~1.9 µs per 64-byte hash here vs ~5.4 µs for
// @noble/hashes, which the property tests use as the reference). `useFastKeccak256()` swaps in
// hash-wasm (~0.7 µs) where it loads; its set-up is asynchronous, so it is opt-in at start-up.
let backend: Keccak256Backend = keccak256Sponge

/**
 * keccak-256 of `data` (32 bytes). Synchronous pure-JS by default; a measured faster backend can be
 * installed with {@link useFastKeccak256} or {@link setKeccak256Backend}.
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

/**
 * Installs the hash-wasm keccak backend (WebAssembly, ~2.5x faster than the default here) when the
 * optional `hash-wasm` package loads. Call once at start-up; resolves `true` when installed.
 *
 * @example await useFastKeccak256()
 */
export async function useFastKeccak256(): Promise<boolean> {
  try {
    const { createKeccak } = await import('hash-wasm')
    const hasher = await createKeccak(256)
    setKeccak256Backend((data) => {
      hasher.init()
      hasher.update(data)
      return hasher.digest('binary')
    })
    return true
  } catch {
    return false
  }
}

/** keccak256 of the empty string. */
export const KECCAK256_EMPTY: Hash = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
/** keccak256(rlp('')) — the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Hash = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'
/** keccak256(rlp([])) — the hash of an empty ommers list. */
export const EMPTY_OMMERS_HASH: Hash = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347'
