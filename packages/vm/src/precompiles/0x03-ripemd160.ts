import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js'
import { done, outOfGas, wordGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x03 RIPEMD160: 600 + 120 per word; the 20-byte digest is left-padded to 32 bytes. */
export function ripemd160(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = wordGas(600, 120, input.length)
  if (gas > gasLimit) return outOfGas(gasLimit)
  const out = new Uint8Array(32)
  out.set(nobleRipemd160(input), 12)
  return done(gas, gasLimit, out)
}
