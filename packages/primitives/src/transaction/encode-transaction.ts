import { hexToBytes } from '../encoding/hex.js'
import { rlpEncode } from '../rlp/rlp.js'
import type { Transaction } from '../types/transaction.js'
import { addressField, uintBytes, unsignedFields } from './fields.js'

/** `type || payload`: the typed-transaction envelope (EIP-2718). */
export function typedEnvelope(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1)
  out[0] = type
  out.set(payload, 1)
  return out
}

/**
 * Encodes a signed transaction in its network ("raw") form: an RLP list for legacy transactions,
 * `type || rlp(fields)` for typed ones (including the 0x7e deposit). This is what
 * `eth_sendRawTransaction` carries and what {@link transactionHash} hashes.
 *
 * @example encodeTransaction(decodeTransaction('0xf86b…')) // the same bytes back
 */
export function encodeTransaction(tx: Transaction): Uint8Array {
  if (tx.type === 0x7e) {
    return typedEnvelope(
      0x7e,
      rlpEncode([
        hexToBytes(tx.sourceHash),
        hexToBytes(tx.from),
        addressField(tx.to),
        uintBytes(tx.mint),
        uintBytes(tx.value),
        uintBytes(tx.gasLimit),
        tx.isSystemTx ? 1 : 0,
        tx.data,
      ]),
    )
  }
  const fields = unsignedFields(tx)
  if (tx.type === 0) {
    fields.push(uintBytes(tx.v), uintBytes(tx.r), uintBytes(tx.s))
    return rlpEncode(fields)
  }
  fields.push(uintBytes(tx.yParity), uintBytes(tx.r), uintBytes(tx.s))
  return typedEnvelope(tx.type, rlpEncode(fields))
}
