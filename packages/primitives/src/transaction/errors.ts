import { BaseError, type BaseErrorParameters } from '../errors/base.js'

// JSON-RPC code geth uses for rejected transactions (eth_sendRawTransaction): -32000.
const TX_ERROR_CODE = -32000

/**
 * Base of every transaction decoding/validation error. `reason` is a stable machine-readable tag
 * (e.g. `nonce-too-big`); `shortMessage` uses geth's wording where clients match on it.
 */
export class InvalidTransactionError extends BaseError {
  override name = 'InvalidTransactionError'
  readonly reason: string
  constructor(reason: string, shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, { code: TX_ERROR_CODE, ...parameters })
    this.reason = reason
  }
}

/** A transaction type byte that is unknown, or not yet active in the given fork. */
export class TransactionTypeNotSupportedError extends InvalidTransactionError {
  override name = 'TransactionTypeNotSupportedError'
  readonly type: number
  constructor(type: number, fork?: string) {
    super('type-not-supported', 'transaction type not supported', {
      details:
        fork === undefined
          ? `type 0x${type.toString(16)}`
          : `type 0x${type.toString(16)} is not active in ${fork}`,
    })
    this.type = type
  }
}

/** Bytes that are not a well-formed transaction: bad RLP, wrong shape or field count, non-canonical integers, wrong lengths. */
export class TransactionDecodingError extends InvalidTransactionError {
  override name = 'TransactionDecodingError'
  readonly field: string | undefined
  constructor(reason: string, detail: string, field?: string, cause?: unknown) {
    super(reason, `invalid transaction encoding: ${detail}`, {
      details: field === undefined ? undefined : `field ${field}`,
      cause,
    })
    this.field = field
  }
}

/** A numeric field outside the range it allows (nonce ≥ 2^64-1, gas limit ≥ 2^64, values ≥ 2^256, …). */
export class TransactionFieldOutOfRangeError extends InvalidTransactionError {
  override name = 'TransactionFieldOutOfRangeError'
  readonly field: string
  constructor(field: string, message: string, reason = `${field}-out-of-range`) {
    super(reason, message, { details: `field ${field}` })
    this.field = field
  }
}

/** A signature that is malformed for the fork (v, r, s out of range, high s) or recovers no key. */
export class InvalidTransactionSignatureError extends InvalidTransactionError {
  override name = 'InvalidTransactionSignatureError'
  constructor(detail: string) {
    super('invalid-signature', 'invalid transaction v, r, s values', { details: detail })
  }
}

/** A transaction signed for another chain. */
export class TransactionChainIdMismatchError extends InvalidTransactionError {
  override name = 'TransactionChainIdMismatchError'
  constructor(expected: bigint, actual: bigint | undefined) {
    super('invalid-chain-id', 'invalid chain id for signer', {
      details: `expected ${expected}, transaction has ${actual ?? 'none'}`,
    })
  }
}

/** Gas limit below the intrinsic gas (or, since Prague, below the EIP-7623 calldata floor). */
export class IntrinsicGasTooLowError extends InvalidTransactionError {
  override name = 'IntrinsicGasTooLowError'
  constructor(gasLimit: bigint, required: bigint, what = 'intrinsic gas') {
    super(
      'intrinsic-gas-too-low',
      what === 'intrinsic gas' ? 'intrinsic gas too low' : 'insufficient gas for floor data gas cost',
      {
        details: `gas limit ${gasLimit}, ${what} ${required}`,
      },
    )
  }
}

/** maxPriorityFeePerGas above maxFeePerGas. */
export class TipAboveFeeCapError extends InvalidTransactionError {
  override name = 'TipAboveFeeCapError'
  constructor(tip: bigint, feeCap: bigint) {
    super('tip-above-fee-cap', 'max priority fee per gas higher than max fee per gas', {
      details: `maxPriorityFeePerGas ${tip}, maxFeePerGas ${feeCap}`,
    })
  }
}

/** Create transaction whose initcode exceeds 49152 bytes (EIP-3860, Shanghai+). */
export class InitcodeSizeExceededError extends InvalidTransactionError {
  override name = 'InitcodeSizeExceededError'
  constructor(size: number, max: number) {
    super('initcode-size-exceeded', 'max initcode size exceeded', {
      details: `initcode size ${size}, limit ${max}`,
    })
  }
}

/** A rule specific to blob (4844) or set-code (7702) transactions is broken (missing blobs, create, …). */
export class TransactionShapeError extends InvalidTransactionError {
  override name = 'TransactionShapeError'
  constructor(reason: string, message: string, details?: string) {
    super(reason, message, { details })
  }
}

/** A transaction without a signature (deposit) was asked for its signing hash or to be signed. */
export class TransactionNotSignableError extends InvalidTransactionError {
  override name = 'TransactionNotSignableError'
  constructor(type: number) {
    super('not-signable', 'transaction type has no signature', { details: `type 0x${type.toString(16)}` })
  }
}
