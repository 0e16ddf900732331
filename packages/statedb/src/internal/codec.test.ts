import { EMPTY_TRIE_ROOT, hexToBytes, KECCAK256_EMPTY, keccak256Hex, rlpEncode } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { StateDBCorruptError } from '../errors/statedb.js'
import { minimalBytes, toHex } from './bytes.js'
import {
  accountAux,
  accountLeaf,
  decodeAccountRecord,
  encodeAccountRecord,
  recordHasStorage,
  recordStorageRef,
  recordStorageRoot,
  withStorageRef,
} from './codec.js'

const EMPTY_ROOT = hexToBytes(EMPTY_TRIE_ROOT)
const CODE_HASH = keccak256Hex(Uint8Array.of(0x60, 0x00))
const stub = Uint8Array.from({ length: 44 }, (_, i) => (i * 7 + 3) & 0xff)

describe('variable-length account records', () => {
  const values = [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, (1n << 64n) - 1n, 10n ** 18n, (1n << 256n) - 1n]
  it('round-trip nonce, balance, code hash and storage root, and build the Ethereum account leaf', () => {
    for (const nonce of values.filter((v) => v < 1n << 64n))
      for (const balance of values)
        for (const codeHash of [KECCAK256_EMPTY, CODE_HASH])
          for (const ref of [EMPTY_ROOT, stub]) {
            const rec = encodeAccountRecord({ nonce, balance, codeHash }, hexToBytes(codeHash), ref)
            expect(decodeAccountRecord(rec)).toEqual({ nonce, balance, codeHash })
            const root = ref === EMPTY_ROOT ? EMPTY_ROOT : stub.subarray(0, 32)
            expect(toHex(recordStorageRoot(rec))).toBe(toHex(root))
            expect(toHex(recordStorageRef(rec))).toBe(toHex(ref))
            expect(recordHasStorage(rec)).toBe(ref === stub)
            expect(accountAux(rec) && toHex(accountAux(rec)!)).toBe(
              ref === stub ? toHex(stub.subarray(32)) : null,
            )
            expect(toHex(accountLeaf(rec))).toBe(
              toHex(rlpEncode([minimalBytes(nonce), minimalBytes(balance), root, hexToBytes(codeHash)])),
            )
            const swapped = withStorageRef(rec, ref === stub ? EMPTY_ROOT : stub)
            expect(decodeAccountRecord(swapped)).toEqual({ nonce, balance, codeHash })
            expect(recordHasStorage(swapped)).toBe(ref !== stub)
          }
  })

  it('an externally owned account takes a few bytes; a record of the wrong length is corruption', () => {
    const rec = encodeAccountRecord(
      { nonce: 1n, balance: 10n ** 18n, codeHash: KECCAK256_EMPTY },
      hexToBytes(KECCAK256_EMPTY),
      EMPTY_ROOT,
    )
    expect(rec.length).toBe(12)
    // decoded from the front of a longer buffer (lmdb-js's reused read buffer)
    const padded = new Uint8Array(64)
    padded.set(rec)
    expect(decodeAccountRecord(padded, rec.length).balance).toBe(10n ** 18n)
    expect(() => decodeAccountRecord(rec.subarray(0, 11))).toThrow(StateDBCorruptError)
    expect(() => decodeAccountRecord(Uint8Array.of(0, 9, 0, 0))).toThrow(StateDBCorruptError)
    expect(() => decodeAccountRecord(Uint8Array.of(4, 0, 0))).toThrow(StateDBCorruptError)
  })
})
