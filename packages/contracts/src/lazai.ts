import { encodeAbiParameters, type Hex, keccak256 } from 'viem'

export interface LazaiProofData {
  id: bigint
  score: bigint
  fileUrl: string
  proofUrl: string
}

const proofDataParams = [
  {
    type: 'tuple',
    components: [
      { name: 'id', type: 'uint256' },
      { name: 'score', type: 'uint256' },
      { name: 'fileUrl', type: 'string' },
      { name: 'proofUrl', type: 'string' },
    ],
  },
] as const

/**
 * `keccak256(abi.encode(ProofData))` as LazAI's verifier nodes compute it: the tuple encoding,
 * with its leading offset word (the tuple is dynamic), not the flat encoding of the fields.
 * Kept for interoperability with Alith-era proofs; our DataRegistry uses EIP-712 instead.
 */
export function lazaiProofDataHash(data: LazaiProofData): Hex {
  return keccak256(encodeAbiParameters(proofDataParams, [data]))
}
