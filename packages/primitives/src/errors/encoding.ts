import { BaseError } from './base.js'

/** Input that is not valid hex (`0x` prefix, even length, hex digits only). */
export class InvalidHexError extends BaseError {
  override name = 'InvalidHexError'
  constructor(value: unknown, reason = 'not a 0x-prefixed hex string') {
    super(`Invalid hex value: ${reason}.`, { details: String(value).slice(0, 80), code: -32602 })
  }
}

/** A byte string of the wrong length (e.g. a 19-byte address). */
export class InvalidLengthError extends BaseError {
  override name = 'InvalidLengthError'
  constructor(what: string, expected: number, actual: number) {
    super(`Invalid ${what} length: expected ${expected} bytes, got ${actual}.`, { code: -32602 })
  }
}

/** An address that is not 20 bytes of 0x-prefixed hex. */
export class InvalidAddressError extends BaseError {
  override name = 'InvalidAddressError'
  constructor(value: unknown) {
    super('Invalid address: expected 20 bytes of 0x-prefixed hex.', {
      details: String(value).slice(0, 80),
      code: -32602,
    })
  }
}

/** A number outside the range a field allows (negative, or too wide for its type). */
export class IntegerOutOfRangeError extends BaseError {
  override name = 'IntegerOutOfRangeError'
  constructor(what: string, value: bigint | number, max?: bigint) {
    super(`Integer out of range for ${what}: ${value}${max === undefined ? '' : ` (max ${max})`}.`, {
      code: -32602,
    })
  }
}
