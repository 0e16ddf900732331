import type { Hash } from 'viem'
import { bytesToHex } from '../encoding/hex.js'
import { keccak256 } from '../hash/keccak.js'
import type { Transaction } from '../types/transaction.js'
import { encodeTransaction } from './encode-transaction.js'

/**
 * The transaction hash: keccak256 of the network encoding (see {@link encodeTransaction}).
 *
 * @example transactionHash(decodeTransaction(raw)) // '0x…' as in eth_getTransactionByHash
 */
export function transactionHash(tx: Transaction): Hash {
  return bytesToHex(keccak256(encodeTransaction(tx))) as Hash
}
