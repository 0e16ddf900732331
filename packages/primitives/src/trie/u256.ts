// Internal: bigint ⇄ bytes without hex strings. Not exported from the package.
import { IntegerOutOfRangeError } from '../errors/encoding.js'

const MAX_U256 = (1n << 256n) - 1n
const scratch = new DataView(new ArrayBuffer(32))
const scratchBytes = new Uint8Array(scratch.buffer)

/**
 * Writes `value` as 32 big-endian bytes into `out` at `pos`. Why not bigIntToBytes: that builds a
 * hex string; four 64-bit limb writes are ~5x faster for storage slots (measured in trie.bench).
 */
export function writeU256(value: bigint, out: Uint8Array, pos: number): void {
  if (value < 0n || value > MAX_U256) throw new IntegerOutOfRangeError('uint256', value)
  if (value <= 0x1fffffffffffffn) {
    out.fill(0, pos, pos + 25)
    let n = Number(value)
    for (let i = pos + 31; i >= pos + 25; i--) {
      out[i] = n % 256
      n = Math.floor(n / 256)
    }
    return
  }
  scratch.setBigUint64(24, BigInt.asUintN(64, value))
  scratch.setBigUint64(16, BigInt.asUintN(64, value >> 64n))
  scratch.setBigUint64(8, BigInt.asUintN(64, value >> 128n))
  scratch.setBigUint64(0, value >> 192n)
  out.set(scratchBytes, pos)
}

/** `value` (0 ≤ value < 2^256) as minimal big-endian bytes (0n → empty), in a fresh array. */
export function u256ToMinimalBytes(value: bigint): Uint8Array {
  if (value >= 0n && value <= 0x1fffffffffffffn) {
    let n = Number(value)
    if (n === 0) return new Uint8Array(0)
    let len = 0
    for (let v = n; v > 0; v = Math.floor(v / 256)) len++
    const out = new Uint8Array(len)
    for (let i = len - 1; i >= 0; i--) {
      out[i] = n % 256
      n = Math.floor(n / 256)
    }
    return out
  }
  const full = new Uint8Array(32)
  writeU256(value, full, 0)
  let i = 0
  while (full[i] === 0) i++
  return full.subarray(i)
}
