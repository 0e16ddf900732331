// Internal: the RLP field lists of every transaction type, shared by encoding, hashing and signing.
import type { Address } from 'viem'
import { hexToBytes } from '../encoding/hex.js'
import type { RlpInput } from '../rlp/rlp.js'
import type { AccessList, Authorization, Transaction, UnsignedTransaction } from '../types/transaction.js'
import { TransactionNotSignableError } from './errors.js'

const EMPTY = new Uint8Array(0)

export function addressField(to: Address | null): Uint8Array {
  return to === null ? EMPTY : hexToBytes(to)
}

export function accessListField(list: AccessList): RlpInput[] {
  const out: RlpInput[] = new Array(list.length)
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!
    out[i] = [hexToBytes(item.address), item.storageKeys.map((k) => hexToBytes(k))]
  }
  return out
}

export function authorizationListField(list: Authorization[]): RlpInput[] {
  return list.map((a) => [a.chainId, hexToBytes(a.address), a.nonce, a.yParity, a.r, a.s])
}

/** Fields without the signature, in wire order (legacy: no EIP-155 suffix). */
export function unsignedFields(tx: UnsignedTransaction | Transaction): RlpInput[] {
  switch (tx.type) {
    case 0:
      return [tx.nonce, tx.gasPrice, tx.gasLimit, addressField(tx.to), tx.value, tx.data]
    case 1:
      return [
        tx.chainId,
        tx.nonce,
        tx.gasPrice,
        tx.gasLimit,
        addressField(tx.to),
        tx.value,
        tx.data,
        accessListField(tx.accessList),
      ]
    case 2:
      return [
        tx.chainId,
        tx.nonce,
        tx.maxPriorityFeePerGas,
        tx.maxFeePerGas,
        tx.gasLimit,
        addressField(tx.to),
        tx.value,
        tx.data,
        accessListField(tx.accessList),
      ]
    case 3:
      return [
        tx.chainId,
        tx.nonce,
        tx.maxPriorityFeePerGas,
        tx.maxFeePerGas,
        tx.gasLimit,
        addressField(tx.to),
        tx.value,
        tx.data,
        accessListField(tx.accessList),
        tx.maxFeePerBlobGas,
        tx.blobVersionedHashes.map((h) => hexToBytes(h)),
      ]
    case 4:
      return [
        tx.chainId,
        tx.nonce,
        tx.maxPriorityFeePerGas,
        tx.maxFeePerGas,
        tx.gasLimit,
        addressField(tx.to),
        tx.value,
        tx.data,
        accessListField(tx.accessList),
        authorizationListField(tx.authorizationList),
      ]
    default:
      throw new TransactionNotSignableError((tx as { type: number }).type)
  }
}
