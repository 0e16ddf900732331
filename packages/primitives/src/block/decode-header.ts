import type { Address, Hash, Hex } from 'viem'
import { hexToBytes } from '../encoding/hex.js'
import { type RlpItem, rlpDecode } from '../rlp/rlp.js'
import { InvalidHeaderError } from './errors.js'
import { bytesField, fixedField, uintField } from './fields.js'
import { type BlockHeader, HEADER_FIELD_COUNTS } from './header.js'

const fail = (reason: string) => new InvalidHeaderError(reason)

/**
 * Decodes an RLP block header. Strict: canonical RLP and integers (number, gas, timestamp and blob
 * gas fields are uint64, as in geth), exact field sizes, and a field count of 15, 16, 17, 20 or 21, which decides the optional fields present.
 * @throws InvalidHeaderError
 * @example decodeHeader(encodeHeader(header)) // deep-equals header
 */
export function decodeHeader(bytes: Uint8Array | Hex): BlockHeader {
  let item: RlpItem
  try {
    item = rlpDecode(typeof bytes === 'string' ? hexToBytes(bytes) : bytes)
  } catch (err) {
    throw new InvalidHeaderError('not valid RLP', err)
  }
  return headerFromItem(item)
}

/** Builds a header from an already-decoded RLP item (used by the block decoder). */
export function headerFromItem(item: RlpItem): BlockHeader {
  if (!Array.isArray(item)) throw fail('expected a list')
  const n = item.length
  if (!(HEADER_FIELD_COUNTS as readonly number[]).includes(n))
    throw fail(`${n} fields is not a header of any fork (expected ${HEADER_FIELD_COUNTS.join(', ')})`)
  const header: BlockHeader = {
    parentHash: fixedField<Hash>(item[0], 'parentHash', 32, fail),
    ommersHash: fixedField<Hash>(item[1], 'ommersHash', 32, fail),
    coinbase: fixedField<Address>(item[2], 'coinbase', 20, fail),
    stateRoot: fixedField<Hash>(item[3], 'stateRoot', 32, fail),
    transactionsRoot: fixedField<Hash>(item[4], 'transactionsRoot', 32, fail),
    receiptsRoot: fixedField<Hash>(item[5], 'receiptsRoot', 32, fail),
    logsBloom: fixedField<Hex>(item[6], 'logsBloom', 256, fail),
    difficulty: uintField(item[7], 'difficulty', fail),
    number: uintField(item[8], 'number', fail, 8),
    gasLimit: uintField(item[9], 'gasLimit', fail, 8),
    gasUsed: uintField(item[10], 'gasUsed', fail, 8),
    timestamp: uintField(item[11], 'timestamp', fail, 8),
    extraData: bytesField(item[12], 'extraData', fail),
    mixHash: fixedField<Hash>(item[13], 'mixHash', 32, fail),
    nonce: fixedField<Hex>(item[14], 'nonce', 8, fail),
  }
  if (n >= 16) header.baseFeePerGas = uintField(item[15], 'baseFeePerGas', fail)
  if (n >= 17) header.withdrawalsRoot = fixedField<Hash>(item[16], 'withdrawalsRoot', 32, fail)
  if (n >= 20) {
    header.blobGasUsed = uintField(item[17], 'blobGasUsed', fail, 8)
    header.excessBlobGas = uintField(item[18], 'excessBlobGas', fail, 8)
    header.parentBeaconBlockRoot = fixedField<Hash>(item[19], 'parentBeaconBlockRoot', 32, fail)
  }
  if (n >= 21) header.requestsHash = fixedField<Hash>(item[20], 'requestsHash', 32, fail)
  return header
}
