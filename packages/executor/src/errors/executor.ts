import { BaseError, type BaseErrorParameters } from '@metis-sdk/primitives'

/** A block that cannot be imported: bad header, invalid transaction, wrong root. `reason` is machine-readable. */
export class BlockValidationError extends BaseError {
  override name = 'BlockValidationError'
  readonly reason: string
  constructor(reason: string, message: string, parameters: BaseErrorParameters = {}) {
    super(message, parameters)
    this.reason = reason
  }
}

/** The parallel engine could not finish a block (worker crash, arena overflow); the block was re-run sequentially. */
export class ParallelExecutionError extends BaseError {
  override name = 'ParallelExecutionError'
}

/** The executor was used after `close()`. */
export class ExecutorClosedError extends BaseError {
  override name = 'ExecutorClosedError'
}
