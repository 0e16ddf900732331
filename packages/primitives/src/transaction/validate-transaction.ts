import { type Hardfork, isForkAtLeast } from '../chain/hardforks.js'
import { SECP256K1_N, SECP256K1_N_HALF } from '../crypto/secp256k1.js'
import type { Transaction } from '../types/transaction.js'
import {
  InitcodeSizeExceededError,
  IntrinsicGasTooLowError,
  InvalidTransactionSignatureError,
  TipAboveFeeCapError,
  TransactionChainIdMismatchError,
  TransactionFieldOutOfRangeError,
  TransactionShapeError,
  TransactionTypeNotSupportedError,
} from './errors.js'
import { floorDataGas, intrinsicGas } from './intrinsic-gas.js'

/** Options of {@link validateTransaction}. */
export type ValidateTransactionOptions = {
  /** Rules of this fork apply. */
  fork: Hardfork
  /** When given, the transaction must be signed for this chain (unprotected legacy txs pass). */
  chainId?: bigint | undefined
}

const MAX_U64 = (1n << 64n) - 1n
const MAX_U256 = (1n << 256n) - 1n
const MAX_INITCODE_SIZE = 49_152 // EIP-3860: 2 × MAX_CODE_SIZE
const BLOB_VERSION_KZG = 0x01
const MAX_TX_GAS_OSAKA = 1n << 24n // EIP-7825

/** First fork in which each typed envelope is valid. */
const TYPE_FORK: Record<number, Hardfork> = { 1: 'Berlin', 2: 'London', 3: 'Cancun', 4: 'Prague' }

function maxBlobsPerTx(fork: Hardfork): number {
  if (isForkAtLeast(fork, 'Osaka')) return 6 // EIP-7594 per-transaction cap
  if (isForkAtLeast(fork, 'Prague')) return 9 // EIP-7691 block maximum
  return 6 // EIP-4844 block maximum
}

function checkRange(field: string, value: bigint, max: bigint, reason?: string): void {
  if (value < 0n || value > max)
    throw new TransactionFieldOutOfRangeError(field, `${field} out of range: ${value}`, reason)
}

/**
 * Static (state-independent) validity of a transaction under a fork's rules: type active in the fork,
 * field bounds (nonce < 2^64-1 per EIP-2681, gas limit < 2^64, 256-bit values, gasLimit × fee cap
 * < 2^256), signature shape (r, s in [1, n), s ≤ n/2 since Homestead, legacy v 27/28 or EIP-155 since
 * Spurious Dragon), chain id, gas limit ≥ intrinsic gas (and ≥ the EIP-7623 floor since Prague),
 * tip ≤ fee cap, initcode ≤ 49152 bytes (Shanghai+), blob and set-code transaction rules.
 * Does not recover the sender (see {@link recoverSender}) and reads no state. Deposit (0x7e)
 * transactions come from L1 derivation rather than users and are only bounds-checked.
 * @throws an {@link InvalidTransactionError} subclass naming the broken rule.
 *
 * @example validateTransaction(decodeTransaction(raw), { fork: 'Prague', chainId: 1n })
 */
export function validateTransaction(tx: Transaction, options: ValidateTransactionOptions): void {
  const { fork, chainId } = options
  if (tx.type === 0x7e) {
    checkRange('gasLimit', tx.gasLimit, MAX_U64, 'gas-limit-overflow')
    checkRange('value', tx.value, MAX_U256)
    checkRange('mint', tx.mint, MAX_U256)
    return
  }
  if (tx.type !== 0) {
    const first = TYPE_FORK[tx.type]
    if (first === undefined || !isForkAtLeast(fork, first))
      throw new TransactionTypeNotSupportedError(tx.type, fork)
  }

  // Field bounds (decoded transactions already satisfy the width checks; built ones may not).
  if (tx.nonce < 0n || tx.nonce >= MAX_U64)
    throw new TransactionFieldOutOfRangeError('nonce', 'nonce has max value', 'nonce-too-big')
  checkRange('gasLimit', tx.gasLimit, MAX_U64, 'gas-limit-overflow')
  checkRange('value', tx.value, MAX_U256)
  const feeCap = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas
  checkRange(tx.type === 0 || tx.type === 1 ? 'gasPrice' : 'maxFeePerGas', feeCap, MAX_U256)
  if (tx.type >= 2) {
    const t = tx as Extract<Transaction, { maxPriorityFeePerGas: bigint }>
    checkRange('maxPriorityFeePerGas', t.maxPriorityFeePerGas, MAX_U256)
    if (t.maxPriorityFeePerGas > t.maxFeePerGas)
      throw new TipAboveFeeCapError(t.maxPriorityFeePerGas, t.maxFeePerGas)
  }
  if (tx.gasLimit * feeCap > MAX_U256)
    throw new TransactionFieldOutOfRangeError(
      'gasLimit',
      'gas limit times fee cap overflows 256 bits',
      'gas-fee-product-overflow',
    )
  if (tx.type === 3) {
    checkRange('maxFeePerBlobGas', tx.maxFeePerBlobGas, MAX_U256)
    if (tx.maxFeePerBlobGas * BigInt(tx.blobVersionedHashes.length) * 131_072n > MAX_U256)
      throw new TransactionFieldOutOfRangeError(
        'maxFeePerBlobGas',
        'blob fee cap times blob gas overflows 256 bits',
      )
  }

  // Signature shape.
  checkSignature(tx, fork, chainId)

  // Gas.
  const intrinsic = intrinsicGas(tx, fork)
  if (tx.gasLimit < intrinsic) throw new IntrinsicGasTooLowError(tx.gasLimit, intrinsic)
  const floor = floorDataGas(tx.data, fork)
  if (tx.gasLimit < floor) throw new IntrinsicGasTooLowError(tx.gasLimit, floor, 'floor data gas')
  if (isForkAtLeast(fork, 'Osaka') && tx.gasLimit > MAX_TX_GAS_OSAKA)
    throw new TransactionFieldOutOfRangeError(
      'gasLimit',
      'transaction gas limit too high',
      'gas-limit-too-high',
    )

  if (tx.to === null && isForkAtLeast(fork, 'Shanghai') && tx.data.length > MAX_INITCODE_SIZE)
    throw new InitcodeSizeExceededError(tx.data.length, MAX_INITCODE_SIZE)

  if (tx.type === 3) {
    if (tx.to === null) throw new TransactionShapeError('blob-create', 'blob transaction cannot be a create')
    const n = tx.blobVersionedHashes.length
    if (n === 0) throw new TransactionShapeError('blob-missing', 'blobless blob transaction')
    const max = maxBlobsPerTx(fork)
    if (n > max)
      throw new TransactionShapeError(
        'too-many-blobs',
        'too many blobs in transaction',
        `${n} blobs, limit ${max}`,
      )
    for (const h of tx.blobVersionedHashes)
      if (h.length !== 66 || Number.parseInt(h.slice(2, 4), 16) !== BLOB_VERSION_KZG)
        throw new TransactionShapeError('blob-version', 'blob version hash has an invalid version byte', h)
  }
  if (tx.type === 4) {
    if (tx.to === null)
      throw new TransactionShapeError('set-code-create', 'set-code transaction cannot be a create')
    if (tx.authorizationList.length === 0)
      throw new TransactionShapeError('empty-authorization-list', 'EIP-7702 transaction with empty auth list')
  }
}

function checkSignature(
  tx: Exclude<Transaction, { type: 0x7e }>,
  fork: Hardfork,
  chainId: bigint | undefined,
): void {
  const { r, s } = tx
  if (r < 1n || r >= SECP256K1_N) throw new InvalidTransactionSignatureError('r must be in [1, secp256k1n)')
  if (s < 1n || s >= SECP256K1_N) throw new InvalidTransactionSignatureError('s must be in [1, secp256k1n)')
  if (s > SECP256K1_N_HALF && isForkAtLeast(fork, 'Homestead'))
    throw new InvalidTransactionSignatureError('s must be at most secp256k1n/2 (EIP-2)')
  let txChainId: bigint | undefined
  if (tx.type === 0) {
    const v = tx.v
    if (v === 27n || v === 28n) txChainId = undefined
    else if (v >= 35n && isForkAtLeast(fork, 'EIP158')) txChainId = (v - 35n) >> 1n
    else throw new InvalidTransactionSignatureError(`invalid v ${v} for ${fork}`)
    if (tx.chainId !== undefined && tx.chainId !== txChainId)
      throw new InvalidTransactionSignatureError(`v ${v} does not match chainId ${tx.chainId}`)
  } else {
    if (tx.yParity !== 0 && tx.yParity !== 1)
      throw new InvalidTransactionSignatureError('yParity must be 0 or 1')
    txChainId = tx.chainId
  }
  if (chainId !== undefined && txChainId !== undefined && txChainId !== chainId)
    throw new TransactionChainIdMismatchError(chainId, txChainId)
}
