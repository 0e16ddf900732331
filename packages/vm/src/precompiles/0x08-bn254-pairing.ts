import { decodeG1, decodeG2, type G1Point, type G2Point, pairingCheck } from './bn254-codec.js'
import { fail, outOfGas } from './result.js'
import type { Precompile, PrecompileResult } from './types.js'

function makePairing(base: number, perPair: number): Precompile {
  return (input, gasLimit): PrecompileResult => {
    // Length is checked first; a bad length fails (consuming all gas) whatever the limit.
    if (input.length % 192 !== 0) return fail(gasLimit, 'InvalidInputLength')
    const k = input.length / 192
    const gas = base + perPair * k
    if (gas > gasLimit) return outOfGas(gasLimit)
    const pairs: { g1: G1Point; g2: G2Point }[] = []
    for (let i = 0; i < k; i++) {
      const g1 = decodeG1(input, i * 192)
      const g2 = decodeG2(input, i * 192 + 64)
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
}

/** 0x08 BN254 pairing check (EIP-197), 45000 + 34000·k gas since Istanbul (EIP-1108). */
export const bn254Pairing: Precompile = makePairing(45000, 34000)
/** 0x08 BN254 pairing check at its Byzantium price, 100000 + 80000·k gas. */
export const bn254PairingByzantium: Precompile = makePairing(100000, 80000)
