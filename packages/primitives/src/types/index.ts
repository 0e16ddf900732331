export type { BlockEnv, BlockResult, Log, Receipt, TxResult, TxStatus, Withdrawal } from './block.js'
export type {
  Account,
  AccountDiff,
  CommitResult,
  StateDB,
  StateDiff,
  StateKey,
  StateReader,
} from './state.js'
export type {
  AccessList,
  AccessListItem,
  Authorization,
  DepositTransaction,
  Eip1559Transaction,
  Eip2930Transaction,
  Eip4844Transaction,
  Eip7702Transaction,
  LegacyTransaction,
  Transaction,
  TxType,
  UnsignedTransaction,
} from './transaction.js'
