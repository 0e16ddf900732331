import { hexToBytes } from '../encoding/hex.js'
import { keccak256 } from '../hash/keccak.js'
import type { Log } from '../types/block.js'

/** Size of a logs bloom in bytes (2048 bits). */
export const BLOOM_BYTES = 256

/**
 * Sets the three bloom bits of `data` (an address or a topic) in `bloom`, in place.
 * Bits are the low 11 bits of the first three 16-bit words of keccak256(data).
 * @example bloomAdd(bloom, hexToBytes(log.address))
 */
export function bloomAdd(bloom: Uint8Array, data: Uint8Array): Uint8Array {
  const h = keccak256(data)
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 2047
    bloom[BLOOM_BYTES - 1 - (bit >> 3)]! |= 1 << (bit & 7)
  }
  return bloom
}

/**
 * True when all three bloom bits of `data` are set: `false` means "certainly absent", `true` means
 * "maybe present" (eth_getLogs then checks the logs themselves).
 * @example bloomContains(block.logsBloom, hexToBytes(address))
 */
export function bloomContains(bloom: Uint8Array, data: Uint8Array): boolean {
  const h = keccak256(data)
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 2047
    if ((bloom[BLOOM_BYTES - 1 - (bit >> 3)]! & (1 << (bit & 7))) === 0) return false
  }
  return true
}

/**
 * The logs bloom of a list of logs (a receipt's or, OR-ed over receipts, a block's).
 * @example logsBloom(receipt.logs) // 256-byte Uint8Array
 */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  const bloom = new Uint8Array(BLOOM_BYTES)
  for (const log of logs) {
    bloomAdd(bloom, hexToBytes(log.address))
    for (const topic of log.topics) bloomAdd(bloom, topic)
  }
  return bloom
}

/** ORs `other` into `bloom` in place (block bloom = OR of receipt blooms). */
export function bloomOr(bloom: Uint8Array, other: Uint8Array): Uint8Array {
  for (let i = 0; i < BLOOM_BYTES; i++) bloom[i]! |= other[i]!
  return bloom
}
