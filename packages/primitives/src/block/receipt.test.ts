import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bigIntToBytes, bytesToBigInt, bytesToHex, hexToBytes } from '../encoding/hex.js'
import { EMPTY_TRIE_ROOT, keccak256 } from '../hash/keccak.js'
import { rlpEncode } from '../rlp/rlp.js'
import { orderedTrieRoot } from '../trie/ordered-trie-root.js'
import type { Log, Receipt } from '../types/block.js'
import { bloomAdd, bloomContains, bloomOr, logsBloom } from './bloom.js'
import { InvalidReceiptError, InvalidWithdrawalError } from './errors.js'
import { decodeReceipt, encodeReceipt, receiptsRoot } from './receipt.js'
import { decodeWithdrawal, encodeWithdrawal, withdrawalsRoot } from './withdrawal.js'

const addr = '0x00000000000000000000000000000000deadbeef' as const
const topic = hexToBytes(`0x${'ab'.repeat(32)}`)
const log: Log = { address: addr, topics: [topic], data: hexToBytes('0x0102') }

// Independent formulation of the bloom: a 2048-bit big-endian integer with bit (word & 2047) set.
function referenceBloom(items: Uint8Array[]): Uint8Array {
  let n = 0n
  for (const item of items) {
    const h = keccak256(item)
    for (let i = 0; i < 6; i += 2) n |= 1n << BigInt(((h[i]! << 8) | h[i + 1]!) & 2047)
  }
  return bigIntToBytes(n, 256)
}

describe('logs bloom', () => {
  it('matches an independent formulation', () => {
    expect(bytesToHex(logsBloom([log]))).toBe(bytesToHex(referenceBloom([hexToBytes(addr), topic])))
    expect(bytesToBigInt(logsBloom([]))).toBe(0n)
  })

  it('contains what was added (property) and ORs', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 20 }), (items) => {
        const bloom = new Uint8Array(256)
        for (const it of items) bloomAdd(bloom, it)
        for (const it of items) expect(bloomContains(bloom, it)).toBe(true)
        expect(bytesToHex(bloom)).toBe(bytesToHex(referenceBloom(items)))
      }),
      { numRuns: 100 },
    )
    const a = logsBloom([log])
    const b = logsBloom([{ address: `0x${'01'.repeat(20)}`, topics: [], data: new Uint8Array() }])
    const both = bloomOr(a.slice(), b)
    expect(
      bloomContains(both, hexToBytes(addr)) && bloomContains(both, hexToBytes(`0x${'01'.repeat(20)}`)),
    ).toBe(true)
    expect(bloomContains(new Uint8Array(256), hexToBytes(addr))).toBe(false)
  })
})

describe('receipts', () => {
  const receipt: Receipt = {
    type: 2,
    status: 1,
    cumulativeGasUsed: 63_000n,
    logsBloom: logsBloom([log]),
    logs: [log],
  }

  it('encodes typed and legacy receipts as consensus does, and round-trips', () => {
    const body = rlpEncode([1, 63_000n, receipt.logsBloom, [[hexToBytes(addr), [topic], log.data]]])
    expect(bytesToHex(encodeReceipt(receipt))).toBe(`0x02${bytesToHex(body).slice(2)}`)
    expect(bytesToHex(encodeReceipt({ ...receipt, type: 0 }))).toBe(bytesToHex(body))
    for (const r of [
      receipt,
      { ...receipt, type: 0 },
      { ...receipt, type: 3, status: 0 as const, logs: [] },
    ]) {
      expect(decodeReceipt(encodeReceipt(r))).toEqual(r)
      expect(decodeReceipt(bytesToHex(encodeReceipt(r)))).toEqual(r)
    }
  })

  it('rejects malformed receipts', () => {
    const bloom = new Uint8Array(256)
    const bad = [
      new Uint8Array(),
      new Uint8Array([0x80]),
      new Uint8Array([0x02, 0x80]),
      rlpEncode([1, 0n, bloom]),
      rlpEncode([2, 0n, bloom, []]),
      rlpEncode([hexToBytes(EMPTY_TRIE_ROOT), 0n, bloom, []]),
      rlpEncode([1, 0n, bloom.subarray(1), []]),
      rlpEncode([1, 0n, bloom, [[hexToBytes(addr), [new Uint8Array(31)], new Uint8Array()]]]),
      rlpEncode([1, 0n, bloom, [[hexToBytes(addr), []]]]),
    ]
    for (const b of bad) expect(() => decodeReceipt(b), bytesToHex(b)).toThrow(InvalidReceiptError)
    expect(() => encodeReceipt({ ...receipt, logsBloom: new Uint8Array(3) })).toThrow(InvalidReceiptError)
    expect(() => decodeReceipt('0xzz' as `0x${string}`)).toThrow(InvalidReceiptError)
  })

  it('receiptsRoot is the ordered trie of encodings', () => {
    expect(receiptsRoot([])).toBe(EMPTY_TRIE_ROOT)
    expect(receiptsRoot([receipt, receipt])).toBe(
      orderedTrieRoot([encodeReceipt(receipt), encodeReceipt(receipt)]),
    )
  })
})

describe('withdrawals', () => {
  it('round-trips and validates', () => {
    const w = { index: 5n, validatorIndex: 9n, address: addr, amount: 32_000_000_000n }
    expect(bytesToHex(encodeWithdrawal(w))).toBe(
      bytesToHex(rlpEncode([5n, 9n, hexToBytes(addr), 32_000_000_000n])),
    )
    expect(decodeWithdrawal(encodeWithdrawal(w))).toEqual(w)
    expect(withdrawalsRoot([])).toBe(EMPTY_TRIE_ROOT)
    expect(withdrawalsRoot([w])).toBe(orderedTrieRoot([encodeWithdrawal(w)]))
    expect(() => encodeWithdrawal({ ...w, amount: 1n << 64n })).toThrow(InvalidWithdrawalError)
    expect(() => decodeWithdrawal(rlpEncode([5n, 9n, hexToBytes(addr)]))).toThrow(InvalidWithdrawalError)
    expect(() => decodeWithdrawal(rlpEncode([5n, 9n, new Uint8Array(19), 1n]))).toThrow(
      InvalidWithdrawalError,
    )
    expect(() => decodeWithdrawal(new Uint8Array([0xc1]))).toThrow(InvalidWithdrawalError)
  })
})
