import type { Address, Hash, Hex } from '@metis-sdk/primitives'

/** One storage slot's proof, as in `eth_getProof` (EIP-1186). */
export type StorageProof = {
  /** The slot as requested (32-byte hex). */
  key: Hex
  /** The slot value (0n when absent). */
  value: bigint
  /** RLP-encoded trie nodes from the storage root to the slot (or to where it is proven absent). */
  proof: Hex[]
}

/** An account proof, as in `eth_getProof` (EIP-1186). Absent accounts have zero/empty fields. */
export type AccountProof = {
  address: Address
  accountProof: Hex[]
  balance: bigint
  codeHash: Hash
  nonce: bigint
  storageHash: Hash
  storageProof: StorageProof[]
}
