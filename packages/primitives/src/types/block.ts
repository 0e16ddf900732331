import type { Address, Hash } from 'viem'
import type { Hardfork } from '../chain/hardforks.js'
import type { StateDiff } from './state.js'

/** Everything the VM needs to know about the block a transaction runs in. */
export type BlockEnv = {
  number: bigint
  timestamp: bigint
  coinbase: Address
  gasLimit: bigint
  /** EIP-1559 base fee per gas (0n before London). */
  baseFee: bigint
  /** The beacon chain randomness (post-Merge `mixHash`), returned by PREVRANDAO. */
  prevRandao: Hash
  /** Pre-Merge difficulty (0n after the Merge). */
  difficulty: bigint
  /** EIP-4844 excess blob gas of this block (Cancun+). */
  excessBlobGas?: bigint | undefined
  /** EIP-4844 blob base fee derived from `excessBlobGas` (Cancun+). */
  blobBaseFee?: bigint | undefined
  /** EIP-4788 parent beacon block root (Cancun+). */
  parentBeaconBlockRoot?: Hash | undefined
  chainId: bigint
  fork: Hardfork
}

/** One log entry emitted by a transaction. */
export type Log = {
  address: Address
  topics: Uint8Array[]
  data: Uint8Array
}

/** Why a transaction stopped. `success` and `revert` are normal outcomes; the rest are halts. */
export type TxStatus = 'success' | 'revert' | 'halt'

/** The outcome of executing one transaction. */
export type TxResult = {
  status: TxStatus
  /** For halts: the EVM halt reason (e.g. 'OutOfGas', 'InvalidOpcode', 'StackOverflow'). */
  haltReason?: string | undefined
  /** Gas charged to the sender, after refunds and the EIP-7623 floor. */
  gasUsed: bigint
  /** Refund applied (already subtracted from gasUsed). */
  gasRefunded: bigint
  /** Return data (or revert data). */
  output: Uint8Array
  logs: Log[]
  /** Address of the contract created by a create transaction that succeeded. */
  createdAddress?: `0x${string}` | undefined
  /** Blob gas used (EIP-4844). */
  blobGasUsed: bigint
  diff: StateDiff
}

/** A transaction receipt as consensus encodes it. */
export type Receipt = {
  type: number
  status: 0 | 1
  cumulativeGasUsed: bigint
  logsBloom: Uint8Array
  logs: Log[]
}

/** An EIP-4895 withdrawal. `amount` is in gwei. */
export type Withdrawal = {
  index: bigint
  validatorIndex: bigint
  address: Address
  amount: bigint
}

/** The result of executing a whole block. */
export type BlockResult = {
  receipts: Receipt[]
  txResults: TxResult[]
  logsBloom: Uint8Array
  gasUsed: bigint
  blobGasUsed: bigint
  /** The block's combined state changes, ready for `StateDB.commit`. */
  diff: StateDiff
  transactionsRoot: Hash
  receiptsRoot: Hash
  withdrawalsRoot?: Hash | undefined
  /** EIP-7685 requests hash (Prague). */
  requestsHash?: Hash | undefined
  /** Filled once the state DB has committed `diff`. */
  stateRoot?: Hash | undefined
}
