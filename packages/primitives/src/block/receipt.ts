import type { Address, Hash } from 'viem'
import { hexToBytes } from '../encoding/hex.js'
import { type RlpInput, type RlpItem, rlpDecode, rlpEncode } from '../rlp/rlp.js'
import { orderedTrieRoot } from '../trie/ordered-trie-root.js'
import type { Log, Receipt } from '../types/block.js'
import { InvalidReceiptError } from './errors.js'
import { fixedField, listField, uintField } from './fields.js'

const fail = (reason: string) => new InvalidReceiptError(reason)

/**
 * Consensus encoding of a receipt: `rlp([status, cumulativeGasUsed, logsBloom, logs])`, prefixed
 * with the transaction type byte for typed transactions (EIP-2718); legacy receipts are plain RLP.
 * @example encodeReceipt({ type: 2, status: 1, cumulativeGasUsed: 21000n, logsBloom: new Uint8Array(256), logs: [] })
 */
export function encodeReceipt(receipt: Receipt): Uint8Array {
  if (receipt.logsBloom.length !== 256)
    throw fail(`logsBloom must be 256 bytes, got ${receipt.logsBloom.length}`)
  if (receipt.status !== 0 && receipt.status !== 1) throw fail(`status must be 0 or 1, got ${receipt.status}`)
  const logs: RlpInput[] = receipt.logs.map((log) => [hexToBytes(log.address), log.topics, log.data])
  const body = rlpEncode([receipt.status, receipt.cumulativeGasUsed, receipt.logsBloom, logs])
  const type = receipt.type
  if (type === 0) return body
  if (!Number.isInteger(type) || type < 1 || type > 0x7f) throw fail(`type ${type} is not an EIP-2718 type`)
  const out = new Uint8Array(body.length + 1)
  out[0] = type
  out.set(body, 1)
  return out
}

/**
 * Decodes a consensus receipt (typed envelope or legacy RLP). Pre-Byzantium receipts (with an
 * intermediate state root instead of a status) are rejected.
 * @throws InvalidReceiptError
 */
export function decodeReceipt(bytes: Uint8Array | `0x${string}`): Receipt {
  let raw: Uint8Array
  try {
    raw = typeof bytes === 'string' ? hexToBytes(bytes) : bytes
  } catch (err) {
    throw new InvalidReceiptError('not hex', err)
  }
  if (raw.length === 0) throw fail('empty input')
  let type = 0
  let body = raw
  if (raw[0]! < 0x80) {
    type = raw[0]!
    body = raw.subarray(1)
  } else if (raw[0]! < 0xc0) throw fail('neither a typed envelope nor an RLP list')
  let item: RlpItem
  try {
    item = rlpDecode(body)
  } catch (err) {
    throw new InvalidReceiptError('not valid RLP', err)
  }
  const fields = listField(item, 'receipt', fail)
  if (fields.length !== 4) throw fail(`expected 4 fields, got ${fields.length}`)
  const statusBytes = fields[0]
  if (
    !(statusBytes instanceof Uint8Array) ||
    statusBytes.length > 1 ||
    (statusBytes.length === 1 && statusBytes[0] !== 1)
  )
    throw fail('status must be empty (0) or 0x01 (1)')
  return {
    type,
    status: statusBytes.length === 1 ? 1 : 0,
    cumulativeGasUsed: uintField(fields[1], 'cumulativeGasUsed', fail, 8),
    logsBloom: hexToBytes(fixedField(fields[2], 'logsBloom', 256, fail)),
    logs: listField(fields[3], 'logs', fail).map(decodeLog),
  }
}

function decodeLog(item: RlpItem): Log {
  const f = listField(item, 'log', fail)
  if (f.length !== 3) throw fail(`a log has 3 fields, got ${f.length}`)
  const topics = listField(f[1], 'topics', fail).map((t) => hexToBytes(fixedField(t, 'topic', 32, fail)))
  if (!(f[2] instanceof Uint8Array)) throw fail('log data must be a byte string')
  return { address: fixedField<Address>(f[0], 'log address', 20, fail), topics, data: f[2].slice() }
}

/**
 * The receipts root of a block: the ordered trie of consensus-encoded receipts.
 * @example receiptsRoot(blockResult.receipts)
 */
export function receiptsRoot(receipts: readonly Receipt[]): Hash {
  return orderedTrieRoot(receipts.map(encodeReceipt))
}
