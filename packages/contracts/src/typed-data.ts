import { type Address, type Hex, keccak256, stringToHex } from 'viem'

/** EIP-712 domains of the contracts; `name`/`version` match the Solidity constructors. */
export const domains = {
  dataRegistry: { name: 'MetisDataRegistry', version: '1' },
  verifiedComputing: { name: 'MetisVerifiedComputing', version: '1' },
  aiSettlement: { name: 'MetisAISettlement', version: '1' },
} as const

export const fileProofTypes = {
  FileProof: [
    { name: 'fileId', type: 'uint256' },
    { name: 'fileHash', type: 'bytes32' },
    { name: 'score', type: 'uint256' },
    { name: 'fileUrl', type: 'string' },
    { name: 'proofUrl', type: 'string' },
  ],
} as const

export const resultRecordTypes = {
  ResultRecord: [
    { name: 'jobId', type: 'uint256' },
    { name: 'inputHash', type: 'bytes32' },
    { name: 'modelHash', type: 'bytes32' },
    { name: 'outputHash', type: 'bytes32' },
    { name: 'score', type: 'uint256' },
    { name: 'proofUri', type: 'string' },
  ],
} as const

export const settlementRequestTypes = {
  Request: [
    { name: 'user', type: 'address' },
    { name: 'node', type: 'address' },
    { name: 'service', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'tokenId', type: 'uint256' },
  ],
} as const

export interface FileProofInput {
  chainId: number
  registry: Address
  fileId: bigint
  /** The file's hash string exactly as registered (the contract binds keccak256 of its bytes). */
  fileHash: string
  score: bigint
  fileUrl: string
  proofUrl: string
}

/** Typed data a verifier node signs to attest a DataRegistry file (bound to id, hash, chain, contract). */
export function fileProofTypedData(p: FileProofInput) {
  return {
    domain: { ...domains.dataRegistry, chainId: p.chainId, verifyingContract: p.registry },
    types: fileProofTypes,
    primaryType: 'FileProof',
    message: {
      fileId: p.fileId,
      fileHash: keccak256(stringToHex(p.fileHash)),
      score: p.score,
      fileUrl: p.fileUrl,
      proofUrl: p.proofUrl,
    },
  } as const
}

export interface ResultRecord {
  jobId: bigint
  inputHash: Hex
  modelHash: Hex
  outputHash: Hex
  score: bigint
  proofUri: string
}

/** Typed data of a VerifiedComputing result record. */
export function resultRecordTypedData(p: {
  chainId: number
  verifiedComputing: Address
  record: ResultRecord
}) {
  return {
    domain: { ...domains.verifiedComputing, chainId: p.chainId, verifyingContract: p.verifiedComputing },
    types: resultRecordTypes,
    primaryType: 'ResultRecord',
    message: p.record,
  } as const
}

export interface SettlementRequest {
  user: Address
  node: Address
  service: Hex
  nonce: bigint
  tokenId: bigint
}

/** Typed data a user signs per paid request; the node charges AISettlement with it. */
export function settlementRequestTypedData(p: {
  chainId: number
  settlement: Address
  request: SettlementRequest
}) {
  return {
    domain: { ...domains.aiSettlement, chainId: p.chainId, verifyingContract: p.settlement },
    types: settlementRequestTypes,
    primaryType: 'Request',
    message: p.request,
  } as const
}
