import fc from 'fast-check'
import { recoverAddress as viemRecoverAddress } from 'viem'
import { privateKeyToAddress as viemPrivateKeyToAddress } from 'viem/accounts'
import { afterEach, describe, expect, it } from 'vitest'
import { bytesToHex } from '../encoding/hex.js'
import { keccak256 } from '../hash/keccak.js'
import { InvalidMessageHashError, InvalidPrivateKeyError } from './errors.js'
import {
  privateKeyToAddress,
  recoverAddress,
  recoverPublicKey,
  SECP256K1_N,
  secp256k1BackendName,
  signHash,
  useSecp256k1Backend,
} from './secp256k1.js'

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const key = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((b) => b.some((x) => x !== 0) && BigInt(bytesToHex(b)) < SECP256K1_N)
  .map((b) => bytesToHex(b))
const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
const hex32 = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}` as const
const initial = secp256k1BackendName()
const backends = (['native', 'noble'] as const).filter((b) => useSecp256k1Backend(b))
useSecp256k1Backend(initial)

afterEach(() => {
  useSecp256k1Backend(initial)
})

describe('secp256k1', () => {
  it('prefers the native backend where the addon loads', () => {
    expect(backends).toContain('noble')
    expect(initial).toBe(backends.includes('native') ? 'native' : 'noble')
  })

  it('derives the address of a known key', () => {
    expect(privateKeyToAddress(KEY)).toBe('0x2c7536e3605d9c16a7a3d7b1898e529396a65c23')
  })

  for (const name of backends) {
    it(`${name}: sign → recover round-trips and matches viem`, async () => {
      useSecp256k1Backend(name)
      await fc.assert(
        fc.asyncProperty(key, hash32, async (k, h) => {
          const sig = signHash(h, k)
          expect(sig.s <= SECP256K1_N >> 1n).toBe(true)
          const addr = privateKeyToAddress(k)
          expect(addr).toBe(viemPrivateKeyToAddress(k).toLowerCase())
          expect(recoverAddress(h, sig.yParity, sig.r, sig.s)).toBe(addr)
          const viemAddr = await viemRecoverAddress({
            hash: bytesToHex(h),
            signature: { r: hex32(sig.r), s: hex32(sig.s), yParity: sig.yParity },
          })
          expect(viemAddr.toLowerCase()).toBe(addr)
        }),
        { numRuns: name === 'noble' ? 25 : 100 },
      )
    })
  }

  it('both backends give identical signatures and recoveries, including high s', () => {
    if (backends.length < 2) return
    fc.assert(
      fc.property(key, hash32, (k, h) => {
        useSecp256k1Backend('native')
        const a = signHash(h, k)
        const highS = SECP256K1_N - a.s
        const ra = recoverAddress(h, 1 - a.yParity, a.r, highS)
        useSecp256k1Backend('noble')
        expect(signHash(h, k)).toEqual(a)
        // (r, n - s) with the flipped parity is the same key: accepted, as ecrecover does.
        expect(recoverAddress(h, 1 - a.yParity, a.r, highS)).toBe(ra)
        expect(ra).toBe(privateKeyToAddress(k))
      }),
      { numRuns: 20 },
    )
  })

  it('returns undefined, never throws, for invalid signatures', () => {
    const h = keccak256(new Uint8Array([1]))
    const { r, s, yParity } = signHash(h, KEY)
    for (const name of backends) {
      useSecp256k1Backend(name)
      expect(recoverAddress(h, yParity, 0n, s)).toBeUndefined()
      expect(recoverAddress(h, yParity, r, 0n)).toBeUndefined()
      expect(recoverAddress(h, yParity, SECP256K1_N, s)).toBeUndefined()
      expect(recoverAddress(h, yParity, r, SECP256K1_N)).toBeUndefined()
      expect(recoverAddress(h, 2, r, s)).toBeUndefined()
      expect(recoverAddress(h, -1, r, s)).toBeUndefined()
      expect(recoverAddress(h.subarray(1), yParity, r, s)).toBeUndefined()
      // No curve point has x = n - 1 (ethereum/tests TransactionWithRvalueHigh): recovery fails.
      expect(recoverPublicKey(h, 0, SECP256K1_N - 1n, s)).toBeUndefined()
      fc.assert(
        fc.property(
          hash32,
          fc.integer({ min: -1, max: 3 }),
          fc.bigInt({ min: -1n, max: 2n ** 256n }),
          fc.bigInt({ min: -1n, max: 2n ** 256n }),
          (hh, y, rr, ss) => {
            const out = recoverAddress(hh, y, rr, ss)
            expect(out === undefined || /^0x[0-9a-f]{40}$/.test(out)).toBe(true)
          },
        ),
        { numRuns: name === 'noble' ? 30 : 300 },
      )
    }
  })

  it('rejects invalid private keys and hashes with typed errors', () => {
    const h = new Uint8Array(32)
    for (const bad of [
      '0x',
      '0x01',
      `0x${'00'.repeat(32)}`,
      hex32(SECP256K1_N),
      `0x${'ff'.repeat(32)}`,
      'nothex',
    ])
      expect(() => signHash(h, bad as `0x${string}`)).toThrow(InvalidPrivateKeyError)
    expect(() => signHash(new Uint8Array(31), KEY)).toThrow(InvalidMessageHashError)
    expect(() => privateKeyToAddress('0x00')).toThrow(InvalidPrivateKeyError)
    expect(privateKeyToAddress(hex32(SECP256K1_N - 1n))).toMatch(/^0x[0-9a-f]{40}$/)
  })
})
