import { createHash } from 'node:crypto'
import { bytesToHex, concatBytes, type Hash, type Log } from '@metis-sdk/primitives'
import { DEPOSIT_EVENT_TOPIC } from './constants.js'

/** EIP-6110: the deposit request payloads in `logs` emitted by the deposit contract. */
export function depositRequests(logs: readonly Log[], depositContract: string): Uint8Array {
  const parts: Uint8Array[] = []
  const contract = depositContract.toLowerCase()
  for (const log of logs) {
    if (log.address.toLowerCase() !== contract || log.topics.length === 0) continue
    if (bytesToHex(log.topics[0]!) !== DEPOSIT_EVENT_TOPIC) continue
    // DepositEvent(bytes pubkey, bytes withdrawal_credentials, bytes amount, bytes signature, bytes index)
    const d = log.data
    for (let field = 0; field < 5; field++) {
      const offset = readWord(d, field * 32)
      const length = readWord(d, offset)
      parts.push(d.subarray(offset + 32, offset + 32 + length))
    }
  }
  return concatBytes(...parts)
}

function readWord(data: Uint8Array, at: number): number {
  let v = 0
  for (let i = at + 24; i < at + 32; i++) v = v * 256 + data[i]!
  return v
}

/** EIP-7685 requests hash: sha256 over sha256(type ‖ data) of every non-empty request list. */
function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest())
}

export function requestsHash(requests: readonly [type: number, data: Uint8Array][]): Hash {
  const hashes: Uint8Array[] = []
  for (const [type, data] of requests) {
    if (data.length === 0) continue
    hashes.push(sha256(concatBytes(new Uint8Array([type]), data)))
  }
  return bytesToHex(sha256(concatBytes(...hashes))) as Hash
}
