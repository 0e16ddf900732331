import { bytesToHex, hexToBytes, keccak256, type Log, logsBloom } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { bloomFromBits, ReceiptBloomer } from './receipt-bloom.js'

const word = (k: number) => keccak256(new Uint8Array([k, k >> 8, 7]))
const address = (k: number) => bytesToHex(word(k).subarray(12)) as Log['address']

describe('ReceiptBloomer', () => {
  it('equals logsBloom for logs with 0..4 topics, repeated and mixed-case addresses', () => {
    const bloomer = new ReceiptBloomer(16) // small limit: the cache is cleared along the way
    for (let r = 0; r < 200; r++) {
      const logs: Log[] = []
      for (let l = 0; l < r % 4; l++) {
        const a = address((r * 7 + l) % 23)
        logs.push({
          address: (l % 2 === 0 ? a : a.toUpperCase().replace('0X', '0x')) as Log['address'],
          topics: Array.from({ length: (r + l) % 5 }, (_, t) => word(t === 0 ? r % 3 : r * 31 + t)),
          data: new Uint8Array(r % 40),
        })
      }
      expect(bytesToHex(bloomer.bloom(logs))).toBe(bytesToHex(logsBloom(logs)))
      expect(bytesToHex(bloomFromBits(bloomer.bits(logs)))).toBe(bytesToHex(logsBloom(logs)))
    }
  })

  it('gives the empty bloom for no logs', () => {
    expect(new ReceiptBloomer().bloom([])).toEqual(hexToBytes(`0x${'00'.repeat(256)}`))
  })
})
