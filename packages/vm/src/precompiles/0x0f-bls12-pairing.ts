import { decodeG1, decodeG2, type G1Point, type G2Point, pairingCheck } from './bls12-381-codec.js'
import { PAIRING_BASE_GAS, PAIRING_PER_PAIR_GAS } from './bls12-381-gas.js'
import { fail, outOfGas } from './result.js'
import type { PrecompileResult } from './types.js'

const PAIR = 384

/**
 * 0x0f BLS12_PAIRING_CHECK (EIP-2537): k ≥ 1 pairs G1 (128) ‖ G2 (256), all in their subgroups →
 * 32-byte 1 if Π e(Pᵢ, Qᵢ) = 1 else 0. Gas: 32600·k + 37700.
 */
export function bls12PairingCheck(input: Uint8Array, gasLimit: number): PrecompileResult {
  const k = Math.floor(input.length / PAIR)
  if (k === 0 || input.length % PAIR !== 0) return fail(gasLimit, 'InvalidInputLength')
  const gas = PAIRING_PER_PAIR_GAS * k + PAIRING_BASE_GAS
  if (gas > gasLimit) return outOfGas(gasLimit)
  const pairs: { g1: G1Point; g2: G2Point }[] = []
  for (let i = 0; i < k; i++) {
    const g1 = decodeG1(input, i * PAIR, true)
    const g2 = decodeG2(input, i * PAIR + 128, true)
    if (!g1 || !g2) return fail(gasLimit, 'InvalidPoint')
    pairs.push({ g1, g2 })
  }
  let ok: boolean
  try {
    ok = pairingCheck(pairs)
  } catch {
    return fail(gasLimit, 'InvalidPoint')
  }
  const out = new Uint8Array(32)
  out[31] = ok ? 1 : 0
  return { ok: true, gasUsed: gas, output: out }
}
