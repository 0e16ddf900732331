import type { Address } from 'viem'
import { recoverAddress } from '../crypto/secp256k1.js'
import type { Transaction } from '../types/transaction.js'
import { InvalidTransactionSignatureError } from './errors.js'
import { signingHash } from './signing-hash.js'

/**
 * The sender of a transaction, recovered from its signature (deposit transactions: `from`).
 * Accepts high `s` (Frontier rules); {@link validateTransaction} enforces the fork's stricter rules.
 * @throws InvalidTransactionSignatureError when `v`/`yParity`, `r` or `s` is invalid or no key recovers.
 *
 * @example recoverSender(decodeTransaction(raw)) // '0x…'
 */
export function recoverSender(tx: Transaction): Address {
  if (tx.type === 0x7e) return tx.from
  let parity: number
  let signed: Transaction = tx
  if (tx.type === 0) {
    const v = tx.v
    if (v === 27n || v === 28n) {
      if (tx.chainId !== undefined)
        throw new InvalidTransactionSignatureError('v is 27/28 but a chainId is set')
      parity = Number(v - 27n)
    } else if (v >= 35n) {
      parity = Number((v - 35n) & 1n)
      if (tx.chainId !== undefined && tx.chainId !== (v - 35n) >> 1n)
        throw new InvalidTransactionSignatureError(`v ${v} does not match chainId ${tx.chainId}`)
      if (tx.chainId === undefined) signed = { ...tx, chainId: (v - 35n) >> 1n }
    } else throw new InvalidTransactionSignatureError(`v ${v} is neither 27/28 nor EIP-155`)
  } else parity = tx.yParity
  const from = recoverAddress(signingHash(signed), parity, tx.r, tx.s)
  if (from === undefined)
    throw new InvalidTransactionSignatureError('signature does not recover to a public key')
  return from
}
