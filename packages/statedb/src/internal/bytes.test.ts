import { describe, expect, it } from 'vitest'
import { parseAddressInto, toBigInt, toHex, writeBigInt } from './bytes.js'

describe('bytes', () => {
  it('toBigInt decodes every length (chunked path) like a hex parse', () => {
    let x = 0x1234567n
    for (let bits = 1; bits <= 256; bits++) {
      const v = ((1n << BigInt(bits)) - 1n) ^ (x & ((1n << BigInt(bits)) - 1n))
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 256n) - 1n)
      const b = new Uint8Array(40)
      expect(writeBigInt(b, 8, 32, v)).toBe(true)
      expect(toBigInt(b, 8, 32)).toBe(BigInt(toHex(b.subarray(8, 40))))
    }
    expect(toBigInt(new Uint8Array(32))).toBe(0n)
  })

  it('writeBigInt writes big-endian bytes of every width (number and limb paths) and reports overflow', () => {
    let x = 0x9e3779b97f4a7c15n
    for (let bits = 0; bits <= 256; bits++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 256n) - 1n)
      const v = bits === 0 ? 0n : (x & ((1n << BigInt(bits)) - 1n)) | (1n << BigInt(bits - 1))
      for (const size of [8, 20, 32]) {
        const b = new Uint8Array(size + 4).fill(0)
        const fits = v < 1n << BigInt(size * 8)
        expect(writeBigInt(b, 2, size, v)).toBe(fits)
        if (fits) {
          expect(toHex(b)).toBe(`0x0000${v.toString(16).padStart(size * 2, '0')}0000`)
        }
      }
    }
    expect(writeBigInt(new Uint8Array(8), 0, 8, -1n)).toBe(false)
  })

  it('parseAddressInto accepts lower/upper case and rejects everything else', () => {
    const out = new Uint8Array(20)
    const a = '0x00112233445566778899aabbccddeeff0a1b2c3d'
    expect(parseAddressInto(a, out, 0)).toBe(1)
    expect(toHex(out)).toBe(a)
    out.fill(0)
    expect(parseAddressInto(a.toUpperCase().replace('0X', '0x'), out, 0)).toBe(2)
    expect(toHex(out)).toBe(a)
    for (const bad of [
      '',
      '0x',
      a.slice(0, 41),
      `${a}0`,
      a.replace('0x', '00'),
      a.replace('ff', 'fg'),
      a.replace('ff', 'f\u0130'),
      a.replace('ff', '\u0166f'),
      a.replace('ff', 'f '),
    ])
      expect(parseAddressInto(bad, out, 0)).toBe(0)
  })
})
