import { BaseError } from '../errors/base.js'

/** Bytes or values that are not a valid block header (wrong field count, size or shape). */
export class InvalidHeaderError extends BaseError {
  override name = 'InvalidHeaderError'
  constructor(reason: string, cause?: unknown) {
    super(`Invalid block header: ${reason}.`, { cause, code: -32602 })
  }
}

/** Bytes or values that are not a valid block (body shape, transactions, withdrawals). */
export class InvalidBlockError extends BaseError {
  override name = 'InvalidBlockError'
  constructor(reason: string, cause?: unknown) {
    super(`Invalid block: ${reason}.`, { cause, code: -32602 })
  }
}

/** Bytes or values that are not a valid receipt. */
export class InvalidReceiptError extends BaseError {
  override name = 'InvalidReceiptError'
  constructor(reason: string, cause?: unknown) {
    super(`Invalid receipt: ${reason}.`, { cause, code: -32602 })
  }
}

/** Bytes or values that are not a valid EIP-4895 withdrawal. */
export class InvalidWithdrawalError extends BaseError {
  override name = 'InvalidWithdrawalError'
  constructor(reason: string, cause?: unknown) {
    super(`Invalid withdrawal: ${reason}.`, { cause, code: -32602 })
  }
}
