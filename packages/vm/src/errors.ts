import { BaseError } from '@metis-sdk/primitives'

/**
 * A transaction that cannot be included in the block at all (as opposed to one that runs and fails):
 * the executor rejects the block, the mempool drops the transaction. `reason` is a stable code
 * (e.g. 'nonce-too-low'), `shortMessage` the geth-style text.
 */
export class TransactionValidationError extends BaseError {
  override name = 'TransactionValidationError'
  readonly reason: string
  constructor(reason: string, message: string, details?: string) {
    super(message, { details, code: -32000 })
    this.reason = reason
  }
}
