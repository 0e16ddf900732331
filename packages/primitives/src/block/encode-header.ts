import { hexToBytes } from '../encoding/hex.js'
import { BaseError } from '../errors/base.js'
import { type RlpInput, rlpEncode } from '../rlp/rlp.js'
import { InvalidHeaderError } from './errors.js'
import { type BlockHeader, HEADER_FIELD_COUNTS, OPTIONAL_HEADER_FIELDS } from './header.js'

/** The header as RLP list items (shared by {@link encodeHeader} and the block encoder). */
export function headerFields(header: BlockHeader): RlpInput[] {
  try {
    const fields: RlpInput[] = [
      sized(header.parentHash, 32, 'parentHash'),
      sized(header.ommersHash, 32, 'ommersHash'),
      sized(header.coinbase, 20, 'coinbase'),
      sized(header.stateRoot, 32, 'stateRoot'),
      sized(header.transactionsRoot, 32, 'transactionsRoot'),
      sized(header.receiptsRoot, 32, 'receiptsRoot'),
      sized(header.logsBloom, 256, 'logsBloom'),
      header.difficulty,
      header.number,
      header.gasLimit,
      header.gasUsed,
      header.timestamp,
      hexToBytes(header.extraData),
      sized(header.mixHash, 32, 'mixHash'),
      sized(header.nonce, 8, 'nonce'),
    ]
    let missing: string | undefined
    for (const name of OPTIONAL_HEADER_FIELDS) {
      const value = header[name]
      if (value === undefined) {
        missing ??= name
        continue
      }
      if (missing) throw new InvalidHeaderError(`${name} is set but ${missing}, which precedes it, is not`)
      fields.push(typeof value === 'bigint' ? value : sized(value, 32, name))
    }
    if (!(HEADER_FIELD_COUNTS as readonly number[]).includes(fields.length))
      throw new InvalidHeaderError(`${fields.length} fields is not a header of any fork`)
    return fields
  } catch (err) {
    if (err instanceof InvalidHeaderError) throw err
    throw new InvalidHeaderError(err instanceof BaseError ? err.shortMessage : String(err), err)
  }
}

function sized(hex: string, size: number, name: string): Uint8Array {
  const bytes = hexToBytes(hex)
  if (bytes.length !== size)
    throw new InvalidHeaderError(`${name} must be ${size} bytes, got ${bytes.length}`)
  return bytes
}

/**
 * RLP-encodes a block header. Optional fields must be contiguous (a Cancun header has all of
 * baseFeePerGas … parentBeaconBlockRoot).
 * @throws InvalidHeaderError
 * @example encodeHeader(header) // Uint8Array: rlp([parentHash, ommersHash, …])
 */
export function encodeHeader(header: BlockHeader): Uint8Array {
  return rlpEncode(headerFields(header))
}
