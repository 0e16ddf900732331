import { hexToBytes, recoverAddress } from '@metis-sdk/primitives'
import { outOfGas, readBig, rightPad } from './result.js'
import type { PrecompileResult } from './types.js'

const GAS = 3000
const EMPTY = new Uint8Array(0)

/**
 * 0x01 ECRECOVER: input hash(32) || v(32) || r(32) || s(32), right-padded with zeros. Returns the
 * signer left-padded to 32 bytes, or empty output (still a success) for any invalid signature.
 */
export function ecrecover(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit) return outOfGas(gasLimit)
  const data = rightPad(input, 128)
  // v must be exactly 27 or 28 as a 32-byte word: the 31 high bytes are zero.
  for (let i = 32; i < 63; i++) if (data[i] !== 0) return { ok: true, gasUsed: GAS, output: EMPTY }
  const v = data[63]!
  if (v !== 27 && v !== 28) return { ok: true, gasUsed: GAS, output: EMPTY }
  const r = readBig(data, 64, 96)
  const s = readBig(data, 96, 128)
  // recoverAddress range-checks r, s in [1, n) and never throws (high s is allowed here).
  const address = recoverAddress(data.subarray(0, 32), v - 27, r, s)
  if (!address) return { ok: true, gasUsed: GAS, output: EMPTY }
  const out = new Uint8Array(32)
  out.set(hexToBytes(address), 12)
  return { ok: true, gasUsed: GAS, output: out }
}
