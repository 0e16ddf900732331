import { type BlockResult, bytesToHex, forkAt, type Hash, isForkAtLeast } from '@metis-sdk/primitives'
import type { MetisDB } from '@metis-sdk/statedb'
import { BlockValidationError } from '../errors/executor.js'
import type { Executor } from '../executor.js'
import type { ParallelOptions } from '../parallel/execute-block-parallel.js'
import type { ExecutableBlock } from '../types.js'
import { type ExecuteBlockOptions, executeBlockSequential } from './execute-block.js'
import { type ParentHeader, validateHeader } from './validate-header.js'

/** Options of {@link importBlock}. */
export type ImportBlockOptions = ExecuteBlockOptions &
  ParallelOptions & {
    /** Run through this executor (parallel unless `parallel: false`); sequential without one. */
    executor?: Executor | undefined
    parallel?: boolean | number | undefined
    /** The block hash recorded with the commit. */
    blockHash?: Hash | undefined
    /** Data directory of `db`, so parallel workers can open it read-only. */
    stateDbPath?: string | undefined
  }

/** What {@link importBlock} committed. */
export type ImportBlockResult = { result: BlockResult; version: bigint; stateRoot: Hash }

function check(reason: string, what: string, expected: unknown, got: unknown): void {
  if (expected !== got)
    throw new BlockValidationError(reason, `${what} mismatch`, {
      details: `header ${String(expected)}, computed ${String(got)}`,
    })
}

/**
 * Validates, executes and commits one block on top of `db`'s latest version: header rules,
 * then execution, then every header commitment (transactions/receipts/withdrawals roots, bloom,
 * gas used, blob gas, requests hash) and finally the state root after `commit`. A block that fails
 * after the commit is rolled back with `revertTo`, so `db` never keeps an invalid block.
 *
 * @example
 * const { stateRoot } = await importBlock(db, block, parentHeader, { config, vm })
 */
export async function importBlock(
  db: MetisDB,
  block: ExecutableBlock,
  parent: ParentHeader,
  options: ImportBlockOptions,
): Promise<ImportBlockResult> {
  const header = block.header
  validateHeader(header, parent, options.config)
  const fork = forkAt(options.config, header.number, header.timestamp)
  if (isForkAtLeast(fork, 'Paris') && (block.ommers?.length ?? 0) > 0)
    throw new BlockValidationError('ommers-not-allowed', 'post-Merge block with ommers')
  if (isForkAtLeast(fork, 'Shanghai') && block.withdrawals === undefined)
    throw new BlockValidationError('missing-withdrawals', 'Shanghai block without a withdrawals list')
  const parentVersion = db.latestVersion()
  const state = db.reader(parentVersion)
  const result = options.executor
    ? await options.executor.executeBlock(state, block, {
        ...options,
        workerState:
          options.workerState ??
          (options.stateDbPath
            ? { kind: 'statedb', path: options.stateDbPath, version: parentVersion }
            : undefined),
      })
    : executeBlockSequential(state, block, options)
  check('invalid-transactions-root', 'transactions root', header.transactionsRoot, result.transactionsRoot)
  check('invalid-gas-used', 'gas used', header.gasUsed, result.gasUsed)
  if (header.blobGasUsed !== undefined)
    check('invalid-blob-gas-used', 'blob gas used', header.blobGasUsed, result.blobGasUsed)
  check('invalid-receipts-root', 'receipts root', header.receiptsRoot, result.receiptsRoot)
  check('invalid-logs-bloom', 'logs bloom', header.logsBloom.toLowerCase(), bytesToHex(result.logsBloom))
  if (header.withdrawalsRoot !== undefined)
    check('invalid-withdrawals-root', 'withdrawals root', header.withdrawalsRoot, result.withdrawalsRoot)
  if (header.requestsHash !== undefined)
    check('invalid-requests-hash', 'requests hash', header.requestsHash, result.requestsHash)
  const committed = db.commit(result.diff, { blockNumber: header.number, blockHash: options.blockHash })
  if (committed.stateRoot !== header.stateRoot) {
    db.revertTo(parentVersion)
    check('invalid-state-root', 'state root', header.stateRoot, committed.stateRoot)
  }
  result.stateRoot = committed.stateRoot
  return { result, version: committed.version, stateRoot: committed.stateRoot }
}
