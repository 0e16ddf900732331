import { decodeG1, encodeG1 } from './bls12-381-codec.js'
import { G1ADD_GAS } from './bls12-381-gas.js'
import { fail, outOfGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x0b BLS12_G1ADD (EIP-2537): two 128-byte G1 points → their sum. No subgroup check. 375 gas. */
export function bls12G1Add(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (G1ADD_GAS > gasLimit) return outOfGas(gasLimit)
  if (input.length !== 256) return fail(gasLimit, 'InvalidInputLength')
  const a = decodeG1(input, 0, false)
  const b = decodeG1(input, 128, false)
  if (!a || !b) return fail(gasLimit, 'InvalidPoint')
  try {
    return { ok: true, gasUsed: G1ADD_GAS, output: encodeG1(a.add(b)) }
  } catch {
    return fail(gasLimit, 'InvalidPoint')
  }
}
