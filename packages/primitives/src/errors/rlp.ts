import { BaseError } from './base.js'

/** RLP input that is malformed or not canonical. `reason` says which rule it breaks. */
export class RlpDecodingError extends BaseError {
  override name = 'RlpDecodingError'
  readonly reason: string
  constructor(reason: string, offset?: number) {
    super(`Invalid RLP: ${reason}.`, {
      details: offset === undefined ? undefined : `at byte ${offset}`,
      code: -32602,
    })
    this.reason = reason
  }
}

/** A value that cannot be RLP-encoded (negative integer, unsupported type). */
export class RlpEncodingError extends BaseError {
  override name = 'RlpEncodingError'
  constructor(reason: string) {
    super(`Cannot RLP-encode value: ${reason}.`)
  }
}
