import { BaseError } from '../errors/base.js'

/** Bytes that are not a valid RLP account body `[nonce, balance, storageRoot, codeHash]`. */
export class InvalidAccountEncodingError extends BaseError {
  override name = 'InvalidAccountEncodingError'
  constructor(reason: string, cause?: unknown) {
    super(`Invalid account encoding: ${reason}.`, { cause, code: -32602 })
  }
}
