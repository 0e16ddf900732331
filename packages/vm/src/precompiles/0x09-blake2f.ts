import { fail, outOfGas } from './result.js'
import type { PrecompileResult } from './types.js'

// EIP-152 exposes BLAKE2b's compression function F with a caller-chosen round count. @noble/hashes
// only exposes the full hash (its compress step is private and fixed at 12 rounds), so F is written
// here. 64-bit words are kept as (lo, hi) uint32 pairs in one Int32-free Uint32Array: this avoids
// a BigInt per operation, which would make the per-round cost (1 gas) far too slow to run.

const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
])

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
]

// Working vector v[0..15] as lo/hi pairs: v[2i] = low 32 bits, v[2i+1] = high 32 bits.
const v = new Uint32Array(32)
const m = new Uint32Array(32)

/** v[a] += v[b] + m[x] (64-bit, mod 2^64). */
function add3(a: number, b: number, x: number): void {
  const lo = v[2 * a]! + v[2 * b]! + m[2 * x]!
  const carry = Math.floor(lo / 0x100000000)
  v[2 * a] = lo
  v[2 * a + 1] = v[2 * a + 1]! + v[2 * b + 1]! + m[2 * x + 1]! + carry
}

/** v[a] += v[b] (64-bit). */
function add2(a: number, b: number): void {
  const lo = v[2 * a]! + v[2 * b]!
  const carry = lo > 0xffffffff ? 1 : 0
  v[2 * a] = lo
  v[2 * a + 1] = v[2 * a + 1]! + v[2 * b + 1]! + carry
}

/** v[d] = rotr64(v[d] ^ v[a], n) for n in {16, 24, 32, 63}. */
function xorRot(d: number, a: number, n: number): void {
  const lo = v[2 * d]! ^ v[2 * a]!
  const hi = v[2 * d + 1]! ^ v[2 * a + 1]!
  if (n === 32) {
    v[2 * d] = hi
    v[2 * d + 1] = lo
  } else if (n < 32) {
    v[2 * d] = (lo >>> n) | (hi << (32 - n))
    v[2 * d + 1] = (hi >>> n) | (lo << (32 - n))
  } else {
    const r = n - 32 // rotr by 32+r = swap halves then rotr by r
    v[2 * d] = (hi >>> r) | (lo << (32 - r))
    v[2 * d + 1] = (lo >>> r) | (hi << (32 - r))
  }
}

function mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
  add3(a, b, x)
  xorRot(d, a, 32)
  add2(c, d)
  xorRot(b, c, 24)
  add3(a, b, y)
  xorRot(d, a, 16)
  add2(c, d)
  xorRot(b, c, 63)
}

function readU32LE(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0
}

/**
 * BLAKE2b compression F(h, m, t, f) with `rounds` rounds (RFC 7693 §3.2). `h` (64 bytes) is
 * updated in place; words are little-endian.
 */
export function blake2bCompress(
  rounds: number,
  h: Uint8Array,
  block: Uint8Array,
  t: Uint8Array,
  last: boolean,
): void {
  for (let i = 0; i < 16; i++) v[i] = readU32LE(h, 4 * i)
  v.set(IV, 16)
  v[24] = v[24]! ^ readU32LE(t, 0) // v12 ^= t0
  v[25] = v[25]! ^ readU32LE(t, 4)
  v[26] = v[26]! ^ readU32LE(t, 8) // v13 ^= t1
  v[27] = v[27]! ^ readU32LE(t, 12)
  if (last) {
    v[28] = ~v[28]! // v14 = ~v14
    v[29] = ~v[29]!
  }
  for (let i = 0; i < 32; i++) m[i] = readU32LE(block, 4 * i)
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10]!
    mix(0, 4, 8, 12, s[0]!, s[1]!)
    mix(1, 5, 9, 13, s[2]!, s[3]!)
    mix(2, 6, 10, 14, s[4]!, s[5]!)
    mix(3, 7, 11, 15, s[6]!, s[7]!)
    mix(0, 5, 10, 15, s[8]!, s[9]!)
    mix(1, 6, 11, 12, s[10]!, s[11]!)
    mix(2, 7, 8, 13, s[12]!, s[13]!)
    mix(3, 4, 9, 14, s[14]!, s[15]!)
  }
  for (let i = 0; i < 16; i++) {
    const w = (readU32LE(h, 4 * i) ^ v[i]! ^ v[i + 16]!) >>> 0
    h[4 * i] = w & 0xff
    h[4 * i + 1] = (w >>> 8) & 0xff
    h[4 * i + 2] = (w >>> 16) & 0xff
    h[4 * i + 3] = w >>> 24
  }
}

/**
 * 0x09 BLAKE2F (EIP-152): input rounds(4, BE) ‖ h(64) ‖ m(128) ‖ t(16) ‖ f(1), exactly 213 bytes,
 * f ∈ {0, 1}. Gas = rounds. Output is the new h (64 bytes).
 */
export function blake2f(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (input.length !== 213) return fail(gasLimit, 'InvalidInputLength')
  const rounds = ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0
  if (rounds > gasLimit) return outOfGas(gasLimit)
  const f = input[212]!
  if (f !== 0 && f !== 1) return fail(gasLimit, 'InvalidFinalFlag')
  const h = input.slice(4, 68)
  blake2bCompress(rounds, h, input.subarray(68, 196), input.subarray(196, 212), f === 1)
  return { ok: true, gasUsed: rounds, output: h }
}
