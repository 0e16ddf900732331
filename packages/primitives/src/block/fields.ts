// Internal helpers shared by the block codecs (not exported from the package).

import { bytesToBigInt, bytesToHex } from '../encoding/hex.js'
import type { BaseError } from '../errors/base.js'
import type { RlpItem } from '../rlp/rlp.js'

type ErrorFactory = (reason: string) => BaseError

/** A canonical unsigned integer field (no leading zero bytes, at most `maxBytes`). */
export function uintField(
  item: RlpItem | undefined,
  name: string,
  fail: ErrorFactory,
  maxBytes = 32,
): bigint {
  if (!(item instanceof Uint8Array)) throw fail(`${name} must be a byte string`)
  if (item.length > 0 && item[0] === 0) throw fail(`${name} has leading zero bytes`)
  if (item.length > maxBytes) throw fail(`${name} is wider than ${maxBytes * 8} bits`)
  return bytesToBigInt(item)
}

/** A fixed-size byte field as hex. */
export function fixedField<T extends `0x${string}`>(
  item: RlpItem | undefined,
  name: string,
  size: number,
  fail: ErrorFactory,
): T {
  if (!(item instanceof Uint8Array)) throw fail(`${name} must be a byte string`)
  if (item.length !== size) throw fail(`${name} must be ${size} bytes, got ${item.length}`)
  return bytesToHex(item) as T
}

/** A byte string field of any length as hex. */
export function bytesField(item: RlpItem | undefined, name: string, fail: ErrorFactory): `0x${string}` {
  if (!(item instanceof Uint8Array)) throw fail(`${name} must be a byte string`)
  return bytesToHex(item)
}

/** A list field. */
export function listField(item: RlpItem | undefined, name: string, fail: ErrorFactory): RlpItem[] {
  if (!Array.isArray(item)) throw fail(`${name} must be a list`)
  return item
}
