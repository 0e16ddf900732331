import type {
  Address,
  BlockEnv,
  ChainConfig,
  StateDiff,
  StateReader,
  Transaction,
  TxResult,
  Withdrawal,
} from '@metis-sdk/primitives'

/** Parameters of one transaction run, as the VM takes them. */
export type ExecuteTransactionParameters = {
  state: StateReader
  block: BlockEnv
  tx: Transaction
  sender: Address
  trackReads?: boolean | undefined
}

/** Parameters of an EIP-4788/2935/7002/7251 system call. */
export type ExecuteSystemCallParameters = {
  state: StateReader
  block: BlockEnv
  to: Address
  data: Uint8Array
}

/** What a system call returns: its output and state changes. */
export type SystemCallResult = { output: Uint8Array; diff: StateDiff; status?: string | undefined }

/**
 * The VM surface the executor drives. `@metis-sdk/vm` provides it; a builder may pass another
 * EVM with the same shape (the seam DESIGN.md describes).
 */
export type TxExecutor = {
  executeTransaction(parameters: ExecuteTransactionParameters): TxResult
  executeSystemCall(parameters: ExecuteSystemCallParameters): SystemCallResult
}

/** A block header (the primitives codec's shape). */
export type { BlockHeader } from '@metis-sdk/primitives'

import type { BlockHeader } from '@metis-sdk/primitives'

/**
 * The chain config (primitives' {@link ChainConfig}), plus the EIP-6110 deposit contract for
 * Prague requests (deposits are not collected without it).
 */
export type ExecutorChainConfig = ChainConfig & { depositContractAddress?: Address | undefined }

/** A block to execute: header, transactions in order, withdrawals, and senders if already recovered. */
export type ExecutableBlock = {
  header: BlockHeader
  transactions: readonly Transaction[]
  withdrawals?: readonly Withdrawal[] | undefined
  senders?: readonly Address[] | undefined
  /** Ommer headers (must be empty after the Merge). */
  ommers?: readonly unknown[] | undefined
}
