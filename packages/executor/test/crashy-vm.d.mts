import type { TxResult } from '@metis-sdk/primitives'
import type {
  ExecuteSystemCallParameters,
  ExecuteTransactionParameters,
  SystemCallResult,
} from '../src/types.js'
export declare function executeTransaction(parameters: ExecuteTransactionParameters): TxResult
export declare function executeSystemCall(parameters: ExecuteSystemCallParameters): SystemCallResult
