import type { Address, Hash, Hex } from 'viem'

/**
 * A block header with every consensus field through Prague. Optional fields are present exactly
 * from the fork that introduced them: baseFeePerGas (London), withdrawalsRoot (Shanghai),
 * blobGasUsed / excessBlobGas / parentBeaconBlockRoot (Cancun), requestsHash (Prague).
 */
export type BlockHeader = {
  parentHash: Hash
  /** keccak256(rlp(ommers)); EMPTY_OMMERS_HASH after the Merge. */
  ommersHash: Hash
  coinbase: Address
  stateRoot: Hash
  transactionsRoot: Hash
  receiptsRoot: Hash
  /** 256-byte logs bloom. */
  logsBloom: Hex
  difficulty: bigint
  number: bigint
  gasLimit: bigint
  gasUsed: bigint
  timestamp: bigint
  extraData: Hex
  /** `mixHash` before the Merge, `prevRandao` after it. */
  mixHash: Hash
  /** 8-byte proof-of-work nonce (zero after the Merge). */
  nonce: Hex
  baseFeePerGas?: bigint | undefined
  withdrawalsRoot?: Hash | undefined
  blobGasUsed?: bigint | undefined
  excessBlobGas?: bigint | undefined
  parentBeaconBlockRoot?: Hash | undefined
  requestsHash?: Hash | undefined
}

/** The optional header fields in consensus order; each needs all the ones before it. */
export const OPTIONAL_HEADER_FIELDS = [
  'baseFeePerGas',
  'withdrawalsRoot',
  'blobGasUsed',
  'excessBlobGas',
  'parentBeaconBlockRoot',
  'requestsHash',
] as const

/** Field counts of valid header encodings: 15 (Frontier) … 21 (Prague). */
export const HEADER_FIELD_COUNTS = [15, 16, 17, 20, 21] as const
