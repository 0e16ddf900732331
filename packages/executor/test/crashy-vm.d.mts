import type { ExecuteSystemCallParameters, ExecuteTransactionParameters, SystemCallResult } from '../src/types.js'
import type { TxResult } from '@metis-sdk/primitives'
export declare function executeTransaction(parameters: ExecuteTransactionParameters): TxResult
export declare function executeSystemCall(parameters: ExecuteSystemCallParameters): SystemCallResult
