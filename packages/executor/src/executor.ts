import type { BlockResult, StateReader } from '@metis-sdk/primitives'
import { type ExecuteBlockOptions, executeBlockSequential } from './block/execute-block.js'
import {
  type ContentionHistory,
  type ExecutionReport,
  executeBlockParallel,
  type ParallelOptions,
} from './parallel/execute-block-parallel.js'
import { WorkerPool } from './parallel/pool.js'
import type { ExecutableBlock } from './types.js'

/** Options of {@link createExecutor}. */
export type CreateExecutorParameters = {
  /** Number of Block-STM workers (default 2). 0 or 1 worker still runs through the engine. */
  workers?: number | undefined
  /** Module the workers import the VM from (default `@metis-sdk/vm`). */
  vmModule?: string | undefined
  /** Shared arena size per block in bytes (default 64 MiB). */
  arenaBytes?: number | undefined
  /** Called when a parallel run fell back to sequential execution because of an error. */
  onError?: ((error: unknown) => void) | undefined
}

/** A block executor owning a pool of long-lived workers. */
export type Executor = {
  /** Executes a block, in parallel when `options.parallel !== false`; same result either way. */
  executeBlock(
    state: StateReader,
    block: ExecutableBlock,
    options: ExecuteBlockOptions & ParallelOptions & { parallel?: boolean | number | undefined },
  ): Promise<BlockResult>
  /** How the last block ran (mode, fallback reason, re-executions). */
  readonly lastReport: ExecutionReport | undefined
  /** Live worker threads (for monitoring and leak tests). */
  liveWorkers(): number
  /** Terminates the workers. */
  close(): Promise<void>
}

/**
 * Creates a block executor with a Block-STM worker pool.
 *
 * @example
 * const executor = createExecutor({ workers: 2 })
 * const result = await executor.executeBlock(state, block, { config, vm })
 * await executor.close()
 */
export function createExecutor(parameters: CreateExecutorParameters = {}): Executor {
  const pool = new WorkerPool(Math.max(1, parameters.workers ?? 2), {
    vmModule: parameters.vmModule,
    arenaBytes: parameters.arenaBytes,
  })
  const history: ContentionHistory = new Map()
  let lastReport: ExecutionReport | undefined
  return {
    async executeBlock(state, block, options) {
      if (options.parallel === false || options.parallel === 0) {
        lastReport = { mode: 'sequential', fallbackReason: 'parallel disabled' }
        return executeBlockSequential(state, block, options)
      }
      return executeBlockParallel(state, block, options, pool, history, (r) => {
        lastReport = r
        if (r.error !== undefined) parameters.onError?.(r.error)
      })
    },
    get lastReport() {
      return lastReport
    },
    liveWorkers: () => pool.liveWorkers(),
    close: () => pool.close(),
  }
}
