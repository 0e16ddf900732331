import { describe, expect, it } from 'vitest'
import { SECP256K1_N } from '../crypto/secp256k1.js'
import type { Transaction } from '../types/transaction.js'
import {
  InitcodeSizeExceededError,
  IntrinsicGasTooLowError,
  InvalidTransactionError,
  InvalidTransactionSignatureError,
  TipAboveFeeCapError,
  TransactionChainIdMismatchError,
  TransactionFieldOutOfRangeError,
  TransactionShapeError,
  TransactionTypeNotSupportedError,
} from './errors.js'
import { signTransaction } from './sign-transaction.js'
import { validateTransaction } from './validate-transaction.js'

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const TO = '0x095e7baea6a6c7c4c2dfeb977efac326af552d87' as const
const HASH = `0x01${'ab'.repeat(31)}` as const

const legacy = signTransaction(
  {
    type: 0,
    nonce: 0n,
    gasPrice: 1n,
    gasLimit: 21000n,
    to: TO,
    value: 1n,
    data: new Uint8Array(),
    chainId: 1n,
  },
  KEY,
) as Extract<Transaction, { type: 0 }>
const unprotected = signTransaction(
  { type: 0, nonce: 0n, gasPrice: 1n, gasLimit: 21000n, to: TO, value: 1n, data: new Uint8Array() },
  KEY,
) as Extract<Transaction, { type: 0 }>
const fee = {
  chainId: 1n,
  nonce: 0n,
  maxPriorityFeePerGas: 1n,
  maxFeePerGas: 2n,
  gasLimit: 100_000n,
  to: TO,
  value: 0n,
  data: new Uint8Array(),
  accessList: [],
}
const eip1559 = signTransaction({ type: 2, ...fee }, KEY) as Extract<Transaction, { type: 2 }>
const blob = signTransaction(
  { type: 3, ...fee, maxFeePerBlobGas: 1n, blobVersionedHashes: [HASH] },
  KEY,
) as Extract<Transaction, { type: 3 }>
const setCode = signTransaction(
  { type: 4, ...fee, authorizationList: [{ chainId: 1n, address: TO, nonce: 0n, yParity: 0, r: 1n, s: 1n }] },
  KEY,
) as Extract<Transaction, { type: 4 }>

function reject(
  tx: Transaction,
  fork: Parameters<typeof validateTransaction>[1]['fork'],
  type: abstract new (...args: never) => Error,
  chainId?: bigint,
) {
  expect(() => validateTransaction(tx, { fork, chainId })).toThrow(type as never)
  expect(() => validateTransaction(tx, { fork, chainId })).toThrow(InvalidTransactionError)
}

describe('validateTransaction', () => {
  it('accepts well-formed transactions', () => {
    validateTransaction(legacy, { fork: 'Prague', chainId: 1n })
    validateTransaction(unprotected, { fork: 'Frontier' })
    validateTransaction(unprotected, { fork: 'Prague', chainId: 1n })
    validateTransaction(eip1559, { fork: 'London', chainId: 1n })
    validateTransaction(blob, { fork: 'Cancun', chainId: 1n })
    validateTransaction(setCode, { fork: 'Prague', chainId: 1n })
  })

  it('rejects types before their fork', () => {
    reject(
      signTransaction({ type: 1, ...fee, gasPrice: 1n }, KEY),
      'Istanbul',
      TransactionTypeNotSupportedError,
    )
    reject(eip1559, 'Berlin', TransactionTypeNotSupportedError)
    reject(blob, 'Shanghai', TransactionTypeNotSupportedError)
    reject(setCode, 'Cancun', TransactionTypeNotSupportedError)
  })

  it('checks signature values per fork', () => {
    reject(legacy, 'EIP150', InvalidTransactionSignatureError) // EIP-155 v before Spurious Dragon
    reject({ ...unprotected, v: 29n }, 'Prague', InvalidTransactionSignatureError)
    reject({ ...eip1559, yParity: 2 }, 'Prague', InvalidTransactionSignatureError)
    reject({ ...eip1559, r: 0n }, 'Prague', InvalidTransactionSignatureError)
    reject({ ...eip1559, s: SECP256K1_N }, 'Prague', InvalidTransactionSignatureError)
    const highS = { ...unprotected, s: SECP256K1_N - unprotected.s, v: unprotected.v === 27n ? 28n : 27n }
    validateTransaction(highS, { fork: 'Frontier' }) // allowed before EIP-2
    reject(highS, 'Homestead', InvalidTransactionSignatureError)
  })

  it('checks the chain id', () => {
    reject(legacy, 'Prague', TransactionChainIdMismatchError, 5n)
    reject(eip1559, 'Prague', TransactionChainIdMismatchError, 5n)
    validateTransaction(unprotected, { fork: 'Prague', chainId: 5n })
  })

  it('checks field bounds', () => {
    reject({ ...eip1559, nonce: 2n ** 64n - 1n }, 'Prague', TransactionFieldOutOfRangeError)
    reject({ ...eip1559, gasLimit: 2n ** 64n }, 'Prague', TransactionFieldOutOfRangeError)
    reject({ ...eip1559, value: 2n ** 256n }, 'Prague', TransactionFieldOutOfRangeError)
    reject(
      { ...eip1559, maxFeePerGas: 2n ** 255n, maxPriorityFeePerGas: 0n },
      'Prague',
      TransactionFieldOutOfRangeError,
    )
    reject({ ...eip1559, maxPriorityFeePerGas: 3n }, 'Prague', TipAboveFeeCapError)
  })

  it('checks intrinsic gas and the Prague calldata floor', () => {
    reject({ ...eip1559, gasLimit: 20_999n }, 'Prague', IntrinsicGasTooLowError)
    const calldata = { ...eip1559, data: new Uint8Array(100).fill(1), gasLimit: 21_000n + 1600n }
    validateTransaction(calldata, { fork: 'Cancun' })
    reject(calldata, 'Prague', IntrinsicGasTooLowError) // floor: 21000 + 10 × 400
    reject({ ...setCode, gasLimit: 30_000n }, 'Prague', IntrinsicGasTooLowError)
  })

  it('limits initcode size from Shanghai (EIP-3860)', () => {
    const create = { ...eip1559, to: null, data: new Uint8Array(49_153), gasLimit: 10_000_000n }
    validateTransaction(create, { fork: 'Paris' })
    reject(create, 'Shanghai', InitcodeSizeExceededError)
    validateTransaction({ ...create, data: new Uint8Array(49_152) }, { fork: 'Shanghai' })
  })

  it('enforces blob and set-code transaction rules', () => {
    reject({ ...blob, blobVersionedHashes: [] }, 'Cancun', TransactionShapeError)
    reject({ ...blob, blobVersionedHashes: [`0x02${'ab'.repeat(31)}`] }, 'Cancun', TransactionShapeError)
    reject({ ...blob, blobVersionedHashes: Array(7).fill(HASH) }, 'Cancun', TransactionShapeError)
    validateTransaction({ ...blob, blobVersionedHashes: Array(9).fill(HASH) }, { fork: 'Prague' })
    reject({ ...blob, to: null } as never, 'Cancun', TransactionShapeError)
    reject({ ...setCode, authorizationList: [] }, 'Prague', TransactionShapeError)
    reject({ ...setCode, to: null } as never, 'Prague', TransactionShapeError)
  })

  it('caps the transaction gas limit at 2^24 from Osaka (EIP-7825)', () => {
    const big = { ...eip1559, gasLimit: 2n ** 24n + 1n }
    validateTransaction(big, { fork: 'Prague' })
    reject(big, 'Osaka', TransactionFieldOutOfRangeError)
  })

  it('uses geth wording for mempool-facing messages', () => {
    const messages = (tx: Transaction) => {
      try {
        validateTransaction(tx, { fork: 'Prague', chainId: 1n })
      } catch (err) {
        return (err as InvalidTransactionError).shortMessage
      }
    }
    expect(messages({ ...eip1559, gasLimit: 1n })).toBe('intrinsic gas too low')
    expect(messages({ ...eip1559, maxPriorityFeePerGas: 3n })).toBe(
      'max priority fee per gas higher than max fee per gas',
    )
    expect(messages({ ...eip1559, chainId: 2n })).toBe('invalid chain id for signer')
  })
})
