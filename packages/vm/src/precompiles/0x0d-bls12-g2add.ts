import { decodeG2, encodeG2 } from './bls12-381-codec.js'
import { G2ADD_GAS } from './bls12-381-gas.js'
import { fail, outOfGas } from './result.js'
import type { PrecompileResult } from './types.js'

/** 0x0d BLS12_G2ADD (EIP-2537): two 256-byte G2 points → their sum. No subgroup check. 600 gas. */
export function bls12G2Add(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (G2ADD_GAS > gasLimit) return outOfGas(gasLimit)
  if (input.length !== 512) return fail(gasLimit, 'InvalidInputLength')
  const a = decodeG2(input, 0, false)
  const b = decodeG2(input, 256, false)
  if (!a || !b) return fail(gasLimit, 'InvalidPoint')
  try {
    return { ok: true, gasUsed: G2ADD_GAS, output: encodeG2(a.add(b)) }
  } catch {
    return fail(gasLimit, 'InvalidPoint')
  }
}
