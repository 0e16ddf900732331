import { BN254_ORDER, decodeG1, encodeG1 } from './bn254-codec.js'
import { fail, outOfGas, readBig, rightPad } from './result.js'
import type { Precompile, PrecompileResult } from './types.js'

function makeMul(gas: number): Precompile {
  return (input, gasLimit): PrecompileResult => {
    if (gas > gasLimit) return outOfGas(gasLimit)
    const data = rightPad(input, 96)
    const p = decodeG1(data, 0)
    if (!p) return fail(gasLimit, 'InvalidPoint')
    // Any 256-bit scalar is allowed; G1 has prime order r (cofactor 1), so reducing mod r is exact.
    const k = readBig(data, 64, 96) % BN254_ORDER
    try {
      return { ok: true, gasUsed: gas, output: encodeG1(p.multiplyUnsafe(k)) }
    } catch {
      return fail(gasLimit, 'InvalidPoint')
    }
  }
}

/** 0x07 BN254 ECMUL (EIP-196), 6000 gas since Istanbul (EIP-1108). Input right-padded to 96. */
export const bn254Mul: Precompile = makeMul(6000)
/** 0x07 BN254 ECMUL at its Byzantium price, 40000 gas. */
export const bn254MulByzantium: Precompile = makeMul(40000)
