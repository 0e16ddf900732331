// @metis-sdk/executor (MPEF) — public surface.

// The in-memory state lives in primitives (the VM's state tests use it too); re-exported here
// because executor users hand it to executeBlock and the workers.
export {
  createMemoryState,
  type GenesisAlloc,
  MemoryState,
  type MemoryStateSnapshot,
  memoryStateFromSnapshot,
} from '@metis-sdk/primitives'
export { blockEnvOf } from './block/block-env.js'
export {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_REQUEST_ADDRESS,
  HISTORY_STORAGE_ADDRESS,
  SYSTEM_ADDRESS,
  WITHDRAWAL_REQUEST_ADDRESS,
} from './block/constants.js'
export { type ExecuteBlockOptions, executeBlockSequential } from './block/execute-block.js'
export { type ImportBlockOptions, type ImportBlockResult, importBlock } from './block/import-block.js'
export { requestsHash } from './block/requests.js'
export { type ParentHeader, validateHeader } from './block/validate-header.js'
export { BlockValidationError, ExecutorClosedError, ParallelExecutionError } from './errors/executor.js'
export { type CreateExecutorParameters, createExecutor, type Executor } from './executor.js'
export type { ExecutionReport, ParallelOptions } from './parallel/execute-block-parallel.js'
export type { WorkerStateSpec } from './parallel/protocol.js'
export { emptyDiff, mergeAccount, mergeDiff } from './state/merge-diff.js'
export { OverlayState } from './state/overlay.js'
export type {
  BlockHeader,
  ExecutableBlock,
  ExecuteSystemCallParameters,
  ExecuteTransactionParameters,
  ExecutorChainConfig,
  SystemCallResult,
  TxExecutor,
} from './types.js'
