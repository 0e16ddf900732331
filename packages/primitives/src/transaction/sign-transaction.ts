import type { Hex } from 'viem'
import { signHash } from '../crypto/secp256k1.js'
import type { Transaction, UnsignedTransaction } from '../types/transaction.js'
import { signingHash } from './signing-hash.js'

/**
 * Signs a transaction with a private key (RFC 6979, low-s). Legacy transactions with a `chainId`
 * get an EIP-155 `v` (chainId*2+35+yParity), without one `v` = 27+yParity.
 * @throws InvalidPrivateKeyError, TransactionNotSignableError
 *
 * @example signTransaction({ type: 2, chainId: 1n, nonce: 0n, maxPriorityFeePerGas: 1n, maxFeePerGas: 2n,
 *   gasLimit: 21000n, to: '0x…', value: 1n, data: new Uint8Array(), accessList: [] }, privateKey)
 */
export function signTransaction(unsigned: UnsignedTransaction, privateKey: Hex): Transaction {
  const { r, s, yParity } = signHash(signingHash(unsigned), privateKey)
  if (unsigned.type === 0) {
    const v =
      unsigned.chainId === undefined ? 27n + BigInt(yParity) : unsigned.chainId * 2n + 35n + BigInt(yParity)
    return { ...unsigned, v, r, s }
  }
  return { ...unsigned, yParity, r, s } as Transaction
}
