import { decodeFp, encodeG1, mapFpToG1 } from './bls12-381-codec.js'
import { MAP_FP_TO_G1_GAS } from './bls12-381-gas.js'
import { fail, outOfGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x10 BLS12_MAP_FP_TO_G1 (EIP-2537): one 64-byte Fp element → a G1 point. 5500 gas. */
export function bls12MapFpToG1(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (MAP_FP_TO_G1_GAS > gasLimit) return outOfGas(gasLimit)
  if (input.length !== 64) return fail(gasLimit, 'InvalidInputLength')
  const u = decodeFp(input, 0)
  if (u === undefined) return fail(gasLimit, 'InvalidFieldElement')
  try {
    return { ok: true, gasUsed: MAP_FP_TO_G1_GAS, output: encodeG1(mapFpToG1(u)) }
  } catch {
    return fail(gasLimit, 'InvalidFieldElement')
  }
}
