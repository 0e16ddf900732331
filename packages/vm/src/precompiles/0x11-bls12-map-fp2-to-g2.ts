import { decodeFp2, encodeG2, mapFp2ToG2 } from './bls12-381-codec.js'
import { MAP_FP2_TO_G2_GAS } from './bls12-381-gas.js'
import { fail, outOfGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x11 BLS12_MAP_FP2_TO_G2 (EIP-2537): one 128-byte Fp2 element → a G2 point. 23800 gas. */
export function bls12MapFp2ToG2(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (MAP_FP2_TO_G2_GAS > gasLimit) return outOfGas(gasLimit)
  if (input.length !== 128) return fail(gasLimit, 'InvalidInputLength')
  const u = decodeFp2(input, 0)
  if (u === undefined) return fail(gasLimit, 'InvalidFieldElement')
  try {
    return { ok: true, gasUsed: MAP_FP2_TO_G2_GAS, output: encodeG2(mapFp2ToG2(u)) }
  } catch {
    return fail(gasLimit, 'InvalidFieldElement')
  }
}
