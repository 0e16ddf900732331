// @metis-sdk/executor (MPEF) — public surface.
export type {
  BlockHeader,
  ExecutableBlock,
  ExecutorChainConfig,
  ExecuteSystemCallParameters,
  ExecuteTransactionParameters,
  SystemCallResult,
  TxExecutor,
} from './types.js'
export { BlockValidationError, ExecutorClosedError, ParallelExecutionError } from './errors/executor.js'
export { OverlayState } from './state/overlay.js'
export { emptyDiff, mergeAccount, mergeDiff } from './state/merge-diff.js'
export {
  MemoryState,
  createMemoryState,
  memoryStateFromSnapshot,
  type GenesisAlloc,
  type MemoryStateSnapshot,
} from './state/memory-state.js'
export { blockEnvOf } from './block/block-env.js'
export { requestsHash } from './block/requests.js'
export {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_REQUEST_ADDRESS,
  HISTORY_STORAGE_ADDRESS,
  SYSTEM_ADDRESS,
  WITHDRAWAL_REQUEST_ADDRESS,
} from './block/constants.js'
export { executeBlockSequential, type ExecuteBlockOptions } from './block/execute-block.js'
export { validateHeader, type ParentHeader } from './block/validate-header.js'
export { importBlock, type ImportBlockOptions, type ImportBlockResult } from './block/import-block.js'
export type { ExecutionReport, ParallelOptions } from './parallel/execute-block-parallel.js'
export type { WorkerStateSpec } from './parallel/protocol.js'
export { createExecutor, type CreateExecutorParameters, type Executor } from './executor.js'
