import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { done, outOfGas, wordGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x02 SHA256: 60 + 12 per 32-byte word. */
export function sha256(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = wordGas(60, 12, input.length)
  if (gas > gasLimit) return outOfGas(gasLimit)
  return done(gas, gasLimit, nobleSha256(input))
}
