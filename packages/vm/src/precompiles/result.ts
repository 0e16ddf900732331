import type { PrecompileResult } from './types.js'

// Internal helpers shared by the precompile files (not exported from the package).

/** Failure: consumes the whole gas limit, as every precompile failure does. */
export function fail(gasLimit: number, error: string): PrecompileResult {
  return { ok: false, gasUsed: gasLimit, error }
}

/** Out of gas: required gas exceeds the limit. */
export function outOfGas(gasLimit: number): PrecompileResult {
  return { ok: false, gasUsed: gasLimit, error: 'OutOfGas' }
}

/** Success, or OutOfGas when `gas` exceeds the limit. */
export function done(gas: number, gasLimit: number, output: Uint8Array): PrecompileResult {
  if (gas > gasLimit) return outOfGas(gasLimit)
  return { ok: true, gasUsed: gas, output }
}

/** Cost of `base + perWord · ceil(len / 32)` (sha256, ripemd160, identity). */
export function wordGas(base: number, perWord: number, len: number): number {
  return base + perWord * Math.ceil(len / 32)
}

/**
 * Copies `input` into a zero-filled buffer of exactly `len` bytes: the yellow-paper rule that
 * missing input bytes read as zero (ecrecover, bn254) and extra bytes are ignored.
 */
export function rightPad(input: Uint8Array, len: number): Uint8Array {
  if (input.length === len) return input
  const out = new Uint8Array(len)
  out.set(input.length > len ? input.subarray(0, len) : input)
  return out
}

/** Big-endian unsigned integer of a byte range. */
export function readBig(bytes: Uint8Array, start: number, end: number): bigint {
  let v = 0n
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(bytes[i]!)
  return v
}

/** `v` as a big-endian word of `len` bytes (v must fit). */
export function writeBig(v: bigint, len: number, out = new Uint8Array(len), offset = 0): Uint8Array {
  for (let i = len - 1; i >= 0; i--) {
    out[offset + i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}
