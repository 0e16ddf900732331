import { keccak256 } from '../hash/keccak.js'
import { rlpEncode } from '../rlp/rlp.js'
import type { Transaction, UnsignedTransaction } from '../types/transaction.js'
import { typedEnvelope } from './encode-transaction.js'
import { TransactionNotSignableError } from './errors.js'
import { uintBytes, unsignedFields } from './fields.js'

const EMPTY = new Uint8Array(0)

/**
 * The 32-byte payload a sender signs. Legacy: rlp of the six fields, plus `[chainId, 0, 0]` when
 * `chainId` is set (EIP-155); typed: keccak(type || rlp(fields without signature)).
 * Accepts signed transactions too (the signature is ignored).
 * @throws TransactionNotSignableError for deposit transactions.
 *
 * @example signingHash({ type: 2, chainId: 1n, nonce: 0n, … })
 */
export function signingHash(tx: UnsignedTransaction | Transaction): Uint8Array {
  if (tx.type === 0x7e) throw new TransactionNotSignableError(tx.type)
  const fields = unsignedFields(tx)
  if (tx.type === 0) {
    if (tx.chainId !== undefined) fields.push(uintBytes(tx.chainId), EMPTY, EMPTY)
    return keccak256(rlpEncode(fields))
  }
  return keccak256(typedEnvelope(tx.type, rlpEncode(fields)))
}
