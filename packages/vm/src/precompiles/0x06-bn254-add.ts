import { decodeG1, encodeG1 } from './bn254-codec.js'
import { fail, outOfGas, rightPad } from './result.js'
import type { Precompile, PrecompileResult } from './types.js'

function makeAdd(gas: number): Precompile {
  return (input, gasLimit): PrecompileResult => {
    if (gas > gasLimit) return outOfGas(gasLimit)
    const data = rightPad(input, 128)
    const a = decodeG1(data, 0)
    const b = decodeG1(data, 64)
    if (!a || !b) return fail(gasLimit, 'InvalidPoint')
    try {
      return { ok: true, gasUsed: gas, output: encodeG1(a.add(b)) }
    } catch {
      return fail(gasLimit, 'InvalidPoint')
    }
  }
}

/** 0x06 BN254 ECADD (EIP-196), 150 gas since Istanbul (EIP-1108). Input right-padded to 128. */
export const bn254Add: Precompile = makeAdd(150)
/** 0x06 BN254 ECADD at its Byzantium price, 500 gas. */
export const bn254AddByzantium: Precompile = makeAdd(500)
