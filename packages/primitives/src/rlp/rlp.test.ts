import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { RlpDecodingError } from '../errors/rlp.js'
import { type RlpItem, rlpDecode, rlpEncode } from './rlp.js'

const h = (x: string) => hexToBytes(x)

describe('rlp', () => {
  it('encodes the canonical examples', () => {
    expect(bytesToHex(rlpEncode(new Uint8Array()))).toBe('0x80')
    expect(bytesToHex(rlpEncode(0n))).toBe('0x80')
    expect(bytesToHex(rlpEncode(h('0x0f')))).toBe('0x0f')
    expect(bytesToHex(rlpEncode(1024n))).toBe('0x820400')
    expect(bytesToHex(rlpEncode([]))).toBe('0xc0')
    expect(bytesToHex(rlpEncode([[], [[]], [[], [[]]]]))).toBe('0xc7c0c1c0c3c0c1c0')
    const dog = new TextEncoder().encode('dog')
    expect(bytesToHex(rlpEncode(dog))).toBe('0x83646f67')
  })

  it('rejects non-canonical and truncated input with RlpDecodingError', () => {
    for (const bad of [
      '0x8100',
      '0x817f',
      '0xb800',
      '0xb90001',
      '0xc1',
      '0x83646f',
      '0x8000',
      '0xf800',
      '0x',
    ]) {
      expect(() => rlpDecode(h(bad)), bad).toThrow(RlpDecodingError)
    }
  })

  it('round-trips arbitrary nested items (property)', () => {
    const item: fc.Arbitrary<RlpItem> = fc.letrec<{ item: RlpItem }>((tie) => ({
      item: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.uint8Array({ maxLength: 80 }),
        fc.array(tie('item'), { maxLength: 5 }),
      ),
    })).item
    fc.assert(
      fc.property(item, (x) => {
        expect(rlpDecode(rlpEncode(x))).toEqual(x)
      }),
      { numRuns: 500 },
    )
  })

  it('never throws anything but RlpDecodingError on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const item = rlpDecode(bytes)
          expect(rlpEncode(item)).toEqual(bytes)
        } catch (e) {
          expect(e).toBeInstanceOf(RlpDecodingError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
