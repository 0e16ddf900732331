import { done, outOfGas, wordGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x04 IDENTITY: 15 + 3 per word; returns a copy so callers may mutate memory freely. */
export function identity(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = wordGas(15, 3, input.length)
  if (gas > gasLimit) return outOfGas(gasLimit)
  return done(gas, gasLimit, input.slice())
}
