import { BaseError } from '../errors/base.js'

/** A private key that is not 32 bytes or not in [1, n) of secp256k1. Never echoes the key. */
export class InvalidPrivateKeyError extends BaseError {
  override name = 'InvalidPrivateKeyError'
  constructor(reason = 'expected 32 bytes in the range [1, secp256k1n)') {
    super(`Invalid private key: ${reason}.`, { code: -32602 })
  }
}

/** A message hash passed to signing or recovery that is not 32 bytes. */
export class InvalidMessageHashError extends BaseError {
  override name = 'InvalidMessageHashError'
  constructor(length: number) {
    super(`Invalid message hash: expected 32 bytes, got ${length}.`, { code: -32602 })
  }
}
