import { bigIntToBytes, numberToBytes } from '../encoding/hex.js'
import { RlpDecodingError, RlpEncodingError } from '../errors/rlp.js'

/** A decoded RLP item: a byte string or a list of items. */
export type RlpItem = Uint8Array | RlpItem[]

/** What {@link rlpEncode} accepts: bytes, unsigned integers (minimal big-endian) or lists thereof. */
export type RlpInput = Uint8Array | bigint | number | RlpInput[]

/**
 * RLP-encodes bytes, unsigned integers and nested lists.
 *
 * @example rlpEncode([new Uint8Array([0x01]), 1024n]) // c4 01 82 04 00
 */
export function rlpEncode(input: RlpInput): Uint8Array {
  const size = encodedLength(input)
  const out = new Uint8Array(size)
  const end = write(input, out, 0)
  if (end !== size) throw new RlpEncodingError('internal length mismatch')
  return out
}

function asBytes(input: Uint8Array | bigint | number): Uint8Array {
  if (input instanceof Uint8Array) return input
  if (typeof input === 'bigint') {
    if (input < 0n) throw new RlpEncodingError('negative integer')
    return bigIntToBytes(input)
  }
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0)
      throw new RlpEncodingError(`not an unsigned safe integer: ${input}`)
    return numberToBytes(input)
  }
  throw new RlpEncodingError(`unsupported type ${typeof input}`)
}

function lengthOfLength(len: number): number {
  let n = 0
  for (let v = len; v > 0; v = Math.floor(v / 256)) n++
  return n
}

function payloadLength(input: RlpInput): number {
  if (Array.isArray(input)) {
    let total = 0
    for (const item of input) total += encodedLength(item)
    return total
  }
  return asBytes(input).length
}

function encodedLength(input: RlpInput): number {
  if (Array.isArray(input)) {
    const len = payloadLength(input)
    return len < 56 ? 1 + len : 1 + lengthOfLength(len) + len
  }
  const bytes = asBytes(input)
  if (bytes.length === 1 && bytes[0]! < 0x80) return 1
  return bytes.length < 56 ? 1 + bytes.length : 1 + lengthOfLength(bytes.length) + bytes.length
}

function writeHeader(out: Uint8Array, pos: number, len: number, short: number, long: number): number {
  if (len < 56) {
    out[pos] = short + len
    return pos + 1
  }
  const lol = lengthOfLength(len)
  out[pos] = long + lol
  for (let i = lol, v = len; i > 0; i--, v = Math.floor(v / 256)) out[pos + i] = v % 256
  return pos + 1 + lol
}

function write(input: RlpInput, out: Uint8Array, pos: number): number {
  if (Array.isArray(input)) {
    pos = writeHeader(out, pos, payloadLength(input), 0xc0, 0xf7)
    for (const item of input) pos = write(item, out, pos)
    return pos
  }
  const bytes = asBytes(input)
  if (bytes.length === 1 && bytes[0]! < 0x80) {
    out[pos] = bytes[0]!
    return pos + 1
  }
  pos = writeHeader(out, pos, bytes.length, 0x80, 0xb7)
  out.set(bytes, pos)
  return pos + bytes.length
}

/**
 * Decodes one RLP item that must span the whole input. Strict: rejects non-canonical
 * encodings (single bytes < 0x80 wrapped in a header, short payloads with long headers,
 * length prefixes with leading zeros) and trailing bytes.
 * @throws RlpDecodingError
 */
export function rlpDecode(input: Uint8Array): RlpItem {
  if (!(input instanceof Uint8Array)) throw new RlpDecodingError('input is not a byte array')
  if (input.length === 0) throw new RlpDecodingError('empty input')
  const [item, end] = decodeAt(input, 0, input.length, 0)
  if (end !== input.length) throw new RlpDecodingError(`${input.length - end} trailing bytes`, end)
  return item
}

/**
 * Decodes the first item of `input` and returns it with the number of bytes it used
 * (for streams of concatenated items).
 */
export function rlpDecodePrefix(input: Uint8Array): { item: RlpItem; length: number } {
  if (input.length === 0) throw new RlpDecodingError('empty input')
  const [item, end] = decodeAt(input, 0, input.length, 0)
  return { item, length: end }
}

const MAX_DEPTH = 1024

function readLength(input: Uint8Array, pos: number, lol: number, limit: number): number {
  if (pos + lol > limit) throw new RlpDecodingError('length prefix runs past the end of input', pos)
  if (input[pos] === 0) throw new RlpDecodingError('length prefix has leading zero bytes', pos)
  if (lol > 6) throw new RlpDecodingError('length prefix too large', pos)
  let len = 0
  for (let i = 0; i < lol; i++) len = len * 256 + input[pos + i]!
  if (len < 56) throw new RlpDecodingError('long-form length used for a payload shorter than 56 bytes', pos)
  return len
}

function decodeAt(input: Uint8Array, pos: number, limit: number, depth: number): [RlpItem, number] {
  if (depth > MAX_DEPTH) throw new RlpDecodingError('nesting too deep', pos)
  if (pos >= limit) throw new RlpDecodingError('unexpected end of input', pos)
  const b = input[pos]!
  if (b < 0x80) return [input.subarray(pos, pos + 1), pos + 1]
  if (b < 0xb8) {
    const len = b - 0x80
    const start = pos + 1
    if (start + len > limit) throw new RlpDecodingError('string runs past the end of input', pos)
    if (len === 1 && input[start]! < 0x80)
      throw new RlpDecodingError('single byte below 0x80 must not have a prefix', pos)
    return [input.subarray(start, start + len), start + len]
  }
  if (b < 0xc0) {
    const lol = b - 0xb7
    const len = readLength(input, pos + 1, lol, limit)
    const start = pos + 1 + lol
    if (start + len > limit) throw new RlpDecodingError('string runs past the end of input', pos)
    return [input.subarray(start, start + len), start + len]
  }
  let len: number
  let start: number
  if (b < 0xf8) {
    len = b - 0xc0
    start = pos + 1
  } else {
    const lol = b - 0xf7
    len = readLength(input, pos + 1, lol, limit)
    start = pos + 1 + lol
  }
  const end = start + len
  if (end > limit) throw new RlpDecodingError('list runs past the end of input', pos)
  const items: RlpItem[] = []
  let p = start
  while (p < end) {
    const [item, next] = decodeAt(input, p, end, depth + 1)
    items.push(item)
    p = next
  }
  return [items, end]
}
