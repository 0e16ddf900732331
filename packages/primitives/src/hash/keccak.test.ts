import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { bytesToHex } from '../encoding/hex.js'
import { KECCAK256_EMPTY, keccak256, keccak256Hex, setKeccak256Backend, useFastKeccak256 } from './keccak.js'
import { keccak256Sponge } from './keccak-sponge.js'

describe('keccak256', () => {
  afterAll(() => setKeccak256Backend(keccak256Sponge))

  it('hashes the empty string', () => {
    expect(keccak256Hex(new Uint8Array())).toBe(KECCAK256_EMPTY)
  })

  it('agrees with @noble/hashes at every length around the rate boundaries', () => {
    for (let n = 0; n < 600; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255)
      expect(bytesToHex(keccak256Sponge(data)), `length ${n}`).toBe(bytesToHex(keccak_256(data)))
    }
  })

  it('agrees with @noble/hashes on random input (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (data) => {
        expect(keccak256Sponge(data)).toEqual(keccak_256(data))
      }),
      { numRuns: 300 },
    )
  })

  it('returns a fresh array each call', () => {
    const a = keccak256(new Uint8Array([1]))
    const b = keccak256(new Uint8Array([2]))
    expect(a).not.toEqual(b)
    expect(bytesToHex(a)).toBe(bytesToHex(keccak_256(new Uint8Array([1]))))
  })

  it('the hash-wasm backend agrees with the default', async () => {
    expect(await useFastKeccak256()).toBe(true)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const a = keccak256(data)
        const b = keccak256(data)
        expect(a).toEqual(keccak_256(data))
        expect(a).not.toBe(b)
      }),
      { numRuns: 200 },
    )
  })
})
