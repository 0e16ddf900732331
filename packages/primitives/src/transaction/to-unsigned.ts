import type { Transaction, UnsignedTransaction } from '../types/transaction.js'
import { TransactionNotSignableError } from './errors.js'

/**
 * Drops the signature of a transaction (`v`/`yParity`, `r`, `s`), keeping a legacy `chainId`.
 * @throws TransactionNotSignableError for deposit transactions.
 *
 * @example signingHash(toUnsigned(tx))
 */
export function toUnsigned(tx: Transaction): UnsignedTransaction {
  if (tx.type === 0x7e) throw new TransactionNotSignableError(tx.type)
  if (tx.type === 0) {
    const { v: _v, r: _r, s: _s, ...rest } = tx
    return rest
  }
  const { yParity: _y, r: _r, s: _s, ...rest } = tx
  return rest as UnsignedTransaction
}
