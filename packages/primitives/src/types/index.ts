export type { Account, AccountDiff, StateKey, StateDiff, StateReader, StateDB, CommitResult } from './state.js'
export type { BlockEnv, Log, TxStatus, TxResult, Receipt, Withdrawal, BlockResult } from './block.js'
export type {
  TxType,
  AccessListItem,
  AccessList,
  Authorization,
  LegacyTransaction,
  Eip2930Transaction,
  Eip1559Transaction,
  Eip4844Transaction,
  Eip7702Transaction,
  DepositTransaction,
  Transaction,
  UnsignedTransaction,
} from './transaction.js'
