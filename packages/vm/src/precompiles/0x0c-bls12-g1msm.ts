import { decodeG1, encodeG1, G1, type G1Point, msm } from './bls12-381-codec.js'
import { G1_MSM_DISCOUNT, G1MUL_GAS, msmGas } from './bls12-381-gas.js'
import { fail, outOfGas, readBig } from './result.js'
import type { PrecompileResult } from './types.js'

const PAIR = 160

/**
 * 0x0c BLS12_G1MSM (EIP-2537): k ≥ 1 pairs of G1 point (128) ‖ scalar (32) → Σ scalarᵢ·pointᵢ.
 * Points must be in the subgroup; scalars may exceed q. Gas: k · 12000 · discount(k) / 1000.
 */
export function bls12G1Msm(input: Uint8Array, gasLimit: number): PrecompileResult {
  const k = Math.floor(input.length / PAIR)
  if (k === 0 || input.length % PAIR !== 0) return fail(gasLimit, 'InvalidInputLength')
  const gas = msmGas(k, G1MUL_GAS, G1_MSM_DISCOUNT)
  if (gas > gasLimit) return outOfGas(gasLimit)
  const points: G1Point[] = []
  const scalars: bigint[] = []
  for (let i = 0; i < k; i++) {
    const p = decodeG1(input, i * PAIR, true)
    if (!p) return fail(gasLimit, 'InvalidPoint')
    points.push(p)
    scalars.push(readBig(input, i * PAIR + 128, i * PAIR + 160))
  }
  try {
    return { ok: true, gasUsed: gas, output: encodeG1(msm(G1, points, scalars)) }
  } catch {
    return fail(gasLimit, 'InvalidPoint')
  }
}
