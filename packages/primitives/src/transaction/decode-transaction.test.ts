import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex, concatBytes, hexToBytes } from '../encoding/hex.js'
import { BaseError } from '../errors/base.js'
import { type RlpItem, rlpDecode, rlpEncode } from '../rlp/rlp.js'
import type { Transaction } from '../types/transaction.js'
import { decodeTransaction, decodeTransactionFromBlockItem } from './decode-transaction.js'
import { encodeTransaction } from './encode-transaction.js'
import {
  TransactionDecodingError,
  TransactionFieldOutOfRangeError,
  TransactionTypeNotSupportedError,
} from './errors.js'

const MAX_U256 = (1n << 256n) - 1n
const u256 = fc.bigInt({ min: 0n, max: MAX_U256 })
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })
const bytesN = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => bytesToHex(b))
const address = bytesN(20) as fc.Arbitrary<`0x${string}`>
const hash = bytesN(32) as fc.Arbitrary<`0x${string}`>
const data = fc.uint8Array({ maxLength: 80 })
const to = fc.option(address, { nil: null })
const accessList = fc.array(fc.record({ address, storageKeys: fc.array(hash, { maxLength: 3 }) }), {
  maxLength: 3,
})
const sig = { r: u256, s: u256, yParity: fc.integer({ min: 0, max: 1 }) }
const fees = { maxPriorityFeePerGas: u256, maxFeePerGas: u256 }

const legacyTx = fc
  .record({ nonce: u64, gasPrice: u256, gasLimit: u64, to, value: u256, data, v: u256, r: u256, s: u256 })
  .map((t): Transaction => ({ type: 0, ...t, ...(t.v >= 35n ? { chainId: (t.v - 35n) >> 1n } : {}) }))
const eip2930Tx = fc
  .record({
    chainId: u256,
    nonce: u64,
    gasPrice: u256,
    gasLimit: u64,
    to,
    value: u256,
    data,
    accessList,
    ...sig,
  })
  .map((t): Transaction => ({ type: 1, ...t }))
const eip1559Tx = fc
  .record({ chainId: u256, nonce: u64, ...fees, gasLimit: u64, to, value: u256, data, accessList, ...sig })
  .map((t): Transaction => ({ type: 2, ...t }))
const eip4844Tx = fc
  .record({
    chainId: u256,
    nonce: u64,
    ...fees,
    gasLimit: u64,
    to: address,
    value: u256,
    data,
    accessList,
    maxFeePerBlobGas: u256,
    blobVersionedHashes: fc.array(hash, { maxLength: 4 }),
    ...sig,
  })
  .map((t): Transaction => ({ type: 3, ...t }))
const authorization = fc.record({
  chainId: u256,
  address,
  nonce: u64,
  yParity: fc.integer({ min: 0, max: 255 }),
  r: u256,
  s: u256,
})
const eip7702Tx = fc
  .record({
    chainId: u256,
    nonce: u64,
    ...fees,
    gasLimit: u64,
    to: address,
    value: u256,
    data,
    accessList,
    authorizationList: fc.array(authorization, { maxLength: 3 }),
    ...sig,
  })
  .map((t): Transaction => ({ type: 4, ...t }))
const depositTx = fc
  .record({
    sourceHash: hash,
    from: address,
    to,
    mint: u256,
    value: u256,
    gasLimit: u64,
    isSystemTx: fc.boolean(),
    data,
  })
  .map((t): Transaction => ({ type: 0x7e, ...t }))

const anyTx = fc.oneof(legacyTx, eip2930Tx, eip1559Tx, eip4844Tx, eip7702Tx, depositTx)

function expectTyped(fn: () => unknown): void {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(BaseError)
    return
  }
}

const LEGACY =
  '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83'

describe('decodeTransaction', () => {
  it('decodes the EIP-155 example transaction', () => {
    const tx = decodeTransaction(LEGACY)
    expect(tx).toMatchObject({
      type: 0,
      nonce: 9n,
      gasPrice: 20_000_000_000n,
      gasLimit: 21000n,
      to: '0x3535353535353535353535353535353535353535',
      value: 10n ** 18n,
      v: 37n,
      chainId: 1n,
    })
    expect(bytesToHex(encodeTransaction(tx))).toBe(LEGACY)
  })

  for (const [name, arb] of [
    ['legacy', legacyTx],
    ['2930', eip2930Tx],
    ['1559', eip1559Tx],
    ['4844', eip4844Tx],
    ['7702', eip7702Tx],
    ['deposit', depositTx],
  ] as const) {
    it(`round-trips ${name} transactions (encode → decode → encode)`, () => {
      fc.assert(
        fc.property(arb, (tx) => {
          const raw = encodeTransaction(tx)
          const back = decodeTransaction(raw)
          expect(back).toEqual(tx)
          expect(encodeTransaction(back)).toEqual(raw)
          expect(decodeTransaction(bytesToHex(raw))).toEqual(tx)
        }),
        { numRuns: 150 },
      )
    })
  }

  it('only ever throws typed errors on random bytes', () => {
    const prefix = fc.constantFrom(
      undefined,
      0x00,
      0x01,
      0x02,
      0x03,
      0x04,
      0x05,
      0x7e,
      0x7f,
      0x80,
      0xc0,
      0xf8,
    )
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 200 }), (p, body) => {
        expectTyped(() => decodeTransaction(p === undefined ? body : concatBytes(new Uint8Array([p]), body)))
      }),
      { numRuns: 2000 },
    )
  })

  it('only ever throws typed errors on random well-formed RLP of roughly transaction shape', () => {
    // Random field lists reach the field checks (lengths, leading zeros, nested lists) that
    // random bytes rarely get past the RLP layer to.
    const leaf = fc.oneof(
      fc.uint8Array({ maxLength: 3 }),
      fc.uint8Array({ minLength: 19, maxLength: 21 }),
      fc.uint8Array({ minLength: 31, maxLength: 33 }),
    )
    const { item } = fc.letrec<{ item: RlpItem }>((tie) => ({
      item: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('item'), { maxLength: 4 }),
      ),
    }))
    fc.assert(
      fc.property(
        fc.constantFrom(undefined, 0x01, 0x02, 0x03, 0x04, 0x7e),
        fc.array(item, { minLength: 7, maxLength: 15 }),
        (type, fields) => {
          const payload = rlpEncode(fields as never)
          expectTyped(() =>
            decodeTransaction(type === undefined ? payload : concatBytes(new Uint8Array([type]), payload)),
          )
          expectTyped(() =>
            decodeTransactionFromBlockItem(
              type === undefined ? fields : concatBytes(new Uint8Array([type]), payload),
            ),
          )
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('rejects every truncation and any trailing byte of a valid encoding', () => {
    fc.assert(
      fc.property(anyTx, fc.nat(), fc.integer({ min: 0, max: 255 }), (tx, cut, extra) => {
        const raw = encodeTransaction(tx)
        const len = cut % raw.length
        expect(() => decodeTransaction(raw.subarray(0, len))).toThrow(BaseError)
        expect(() => decodeTransaction(concatBytes(raw, new Uint8Array([extra])))).toThrow(BaseError)
      }),
      { numRuns: 300 },
    )
  })

  it('rejects a wrong-length recipient address with a typed error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).filter((n) => n !== 20),
        (n) => {
          const fields: RlpItem[] = rlpDecode(hexToBytes(LEGACY)) as RlpItem[]
          fields[3] = new Uint8Array(n).fill(0x35)
          const err = catchError(() => decodeTransaction(rlpEncode(fields as never)))
          expect(err).toBeInstanceOf(TransactionDecodingError)
          expect((err as TransactionDecodingError).reason).toBe(n < 20 ? 'to-too-short' : 'to-too-long')
        },
      ),
    )
  })

  it('rejects non-canonical integers, overflowing fields and unknown types', () => {
    const fields = rlpDecode(hexToBytes(LEGACY)) as RlpItem[]
    const withField = (i: number, value: Uint8Array) => {
      const copy = [...fields]
      copy[i] = value
      return rlpEncode(copy as never)
    }
    expect(catchError(() => decodeTransaction(withField(0, new Uint8Array([0, 9]))))).toMatchObject({
      reason: 'leading-zeros',
    })
    expect(catchError(() => decodeTransaction(withField(0, new Uint8Array(9).fill(1))))).toBeInstanceOf(
      TransactionFieldOutOfRangeError,
    )
    expect(catchError(() => decodeTransaction(withField(2, new Uint8Array(9).fill(1))))).toBeInstanceOf(
      TransactionFieldOutOfRangeError,
    )
    expect(catchError(() => decodeTransaction(withField(4, new Uint8Array(33).fill(1))))).toBeInstanceOf(
      TransactionFieldOutOfRangeError,
    )
    expect(catchError(() => decodeTransaction(rlpEncode(fields.slice(0, 8) as never)))).toMatchObject({
      reason: 'too-few-fields',
    })
    expect(
      catchError(() => decodeTransaction(rlpEncode([...fields, new Uint8Array()] as never))),
    ).toMatchObject({
      reason: 'too-many-fields',
    })
    expect(catchError(() => decodeTransaction('0x05c0'))).toBeInstanceOf(TransactionTypeNotSupportedError)
    expect(catchError(() => decodeTransaction('0x8180'))).toBeInstanceOf(TransactionDecodingError)
    expect(catchError(() => decodeTransaction('0x'))).toBeInstanceOf(TransactionDecodingError)
    expect(catchError(() => decodeTransaction('0xzz'))).toBeInstanceOf(TransactionDecodingError)
  })

  it('rejects a yParity other than 0/1 and a blob transaction without recipient', () => {
    const tx: Transaction = {
      type: 2,
      chainId: 1n,
      nonce: 0n,
      maxPriorityFeePerGas: 1n,
      maxFeePerGas: 1n,
      gasLimit: 21000n,
      to: null,
      value: 0n,
      data: new Uint8Array(),
      accessList: [],
      yParity: 1,
      r: 1n,
      s: 1n,
    }
    const raw = encodeTransaction({ ...tx, yParity: 2 })
    expect(catchError(() => decodeTransaction(raw))).toMatchObject({ reason: 'invalid-y-parity' })
    const fields = rlpDecode(encodeTransaction(tx).subarray(1)) as RlpItem[]
    const blob = [...fields.slice(0, 9), new Uint8Array(), [], ...fields.slice(9)]
    const raw4844 = concatBytes(new Uint8Array([3]), rlpEncode(blob as never))
    expect(catchError(() => decodeTransaction(raw4844))).toMatchObject({ reason: 'to-missing' })
  })
})

describe('decodeTransactionFromBlockItem', () => {
  it('decodes legacy list items and typed byte-string items', () => {
    fc.assert(
      fc.property(anyTx, (tx) => {
        const raw = encodeTransaction(tx)
        const item = tx.type === 0 ? rlpDecode(raw) : raw
        expect(decodeTransactionFromBlockItem(item)).toEqual(tx)
      }),
      { numRuns: 100 },
    )
  })

  it('rejects a legacy encoding wrapped as a byte string', () => {
    expect(() => decodeTransactionFromBlockItem(hexToBytes(LEGACY))).toThrow(TransactionDecodingError)
    expect(() => decodeTransactionFromBlockItem(new Uint8Array())).toThrow(TransactionDecodingError)
  })
})

function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected an error')
}
