import { decodeG2, encodeG2, G2, type G2Point, msm } from './bls12-381-codec.js'
import { G2_MSM_DISCOUNT, G2MUL_GAS, msmGas } from './bls12-381-gas.js'
import { fail, outOfGas, readBig } from './result.js'
import type { PrecompileResult } from './types.js'

const PAIR = 288

/**
 * 0x0e BLS12_G2MSM (EIP-2537): k ≥ 1 pairs of G2 point (256) ‖ scalar (32) → Σ scalarᵢ·pointᵢ.
 * Points must be in the subgroup. Gas: k · 22500 · discount(k) / 1000.
 */
export function bls12G2Msm(input: Uint8Array, gasLimit: number): PrecompileResult {
  const k = Math.floor(input.length / PAIR)
  if (k === 0 || input.length % PAIR !== 0) return fail(gasLimit, 'InvalidInputLength')
  const gas = msmGas(k, G2MUL_GAS, G2_MSM_DISCOUNT)
  if (gas > gasLimit) return outOfGas(gasLimit)
  const points: G2Point[] = []
  const scalars: bigint[] = []
  for (let i = 0; i < k; i++) {
    const p = decodeG2(input, i * PAIR, true)
    if (!p) return fail(gasLimit, 'InvalidPoint')
    points.push(p)
    scalars.push(readBig(input, i * PAIR + 256, i * PAIR + 288))
  }
  try {
    return { ok: true, gasUsed: gas, output: encodeG2(msm(G2, points, scalars)) }
  } catch {
    return fail(gasLimit, 'InvalidPoint')
  }
}
