import type { Address, Hash } from 'viem'

/** Transaction envelope types. 0x7e is the OP-stack style deposit transaction. */
export type TxType = 0 | 1 | 2 | 3 | 4 | 0x7e

/** One EIP-2930 access list entry. */
export type AccessListItem = { address: Address; storageKeys: Hash[] }
export type AccessList = AccessListItem[]

/** A signed EIP-7702 authorization tuple. */
export type Authorization = {
  chainId: bigint
  address: Address
  nonce: bigint
  yParity: number
  r: bigint
  s: bigint
}

type Signed = { r: bigint; s: bigint }

/** Legacy transaction; `v` is 27/28 (pre-EIP-155) or chainId*2+35/36. */
export type LegacyTransaction = Signed & {
  type: 0
  nonce: bigint
  gasPrice: bigint
  gasLimit: bigint
  to: Address | null
  value: bigint
  data: Uint8Array
  v: bigint
  /** Derived from `v` for EIP-155 transactions, undefined otherwise. */
  chainId?: bigint | undefined
}

export type Eip2930Transaction = Signed & {
  type: 1
  chainId: bigint
  nonce: bigint
  gasPrice: bigint
  gasLimit: bigint
  to: Address | null
  value: bigint
  data: Uint8Array
  accessList: AccessList
  yParity: number
}

export type Eip1559Transaction = Signed & {
  type: 2
  chainId: bigint
  nonce: bigint
  maxPriorityFeePerGas: bigint
  maxFeePerGas: bigint
  gasLimit: bigint
  to: Address | null
  value: bigint
  data: Uint8Array
  accessList: AccessList
  yParity: number
}

export type Eip4844Transaction = Signed & {
  type: 3
  chainId: bigint
  nonce: bigint
  maxPriorityFeePerGas: bigint
  maxFeePerGas: bigint
  gasLimit: bigint
  to: Address
  value: bigint
  data: Uint8Array
  accessList: AccessList
  maxFeePerBlobGas: bigint
  blobVersionedHashes: Hash[]
  yParity: number
}

export type Eip7702Transaction = Signed & {
  type: 4
  chainId: bigint
  nonce: bigint
  maxPriorityFeePerGas: bigint
  maxFeePerGas: bigint
  gasLimit: bigint
  to: Address
  value: bigint
  data: Uint8Array
  accessList: AccessList
  authorizationList: Authorization[]
  yParity: number
}

/** OP-stack deposit transaction (type 0x7e): unsigned, `from` is given, may mint ETH on L2. */
export type DepositTransaction = {
  type: 0x7e
  sourceHash: Hash
  from: Address
  to: Address | null
  mint: bigint
  value: bigint
  gasLimit: bigint
  isSystemTx: boolean
  data: Uint8Array
}

/** Any transaction MetisSDK understands. */
export type Transaction =
  | LegacyTransaction
  | Eip2930Transaction
  | Eip1559Transaction
  | Eip4844Transaction
  | Eip7702Transaction
  | DepositTransaction

/** The signature-free part of a transaction, as signed by `signTransaction`. */
export type UnsignedTransaction =
  | Omit<LegacyTransaction, 'v' | 'r' | 's'>
  | Omit<Eip2930Transaction, 'yParity' | 'r' | 's'>
  | Omit<Eip1559Transaction, 'yParity' | 'r' | 's'>
  | Omit<Eip4844Transaction, 'yParity' | 'r' | 's'>
  | Omit<Eip7702Transaction, 'yParity' | 'r' | 's'>
