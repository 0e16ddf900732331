import { blake2b } from '@noble/hashes/blake2.js'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pointEvaluation } from './0x0a-point-evaluation.js'
import { modexp } from './0x05-modexp.js'
import { blake2f } from './0x09-blake2f.js'
import { precompilesFor } from './index.js'

const word = (v: bigint) => {
  const out = new Uint8Array(32)
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const MAX = (1n << 256n) - 1n

describe('modexp edge cases', () => {
  it('caps gas for huge exponent lengths without reading or allocating them', () => {
    const input = concat(word(1n), word(MAX), word(1n), Uint8Array.of(2, 0xff, 0xff, 7))
    expect(modexp(input, 30_000_000)).toEqual({ ok: false, gasUsed: 30_000_000, error: 'OutOfGas' })
    // 2^53-ish gas limit: still OOG, computed in bigint.
    expect(modexp(input, Number.MAX_SAFE_INTEGER).ok).toBe(false)
  })

  it('huge base length with zero modulus length is out of gas, never allocated', () => {
    const input = concat(word(1n << 40n), word(0n), word(0n))
    expect(modexp(input, 30_000_000).ok).toBe(false)
  })

  it('zero base and modulus lengths with a 2^255 exponent length: 200 gas, empty, never read', () => {
    // complexity is 0 words², so only the 200 minimum applies (as in geth/revm); the exponent
    // must not be touched or allocated.
    expect(modexp(concat(word(0n), word(1n << 255n), word(0n)), 30_000_000)).toEqual({
      ok: true,
      gasUsed: 200,
      output: new Uint8Array(0),
    })
  })

  it('empty input and all-zero lengths cost the 200 minimum and return nothing', () => {
    expect(modexp(new Uint8Array(0), 200)).toEqual({ ok: true, gasUsed: 200, output: new Uint8Array(0) })
    expect(modexp(new Uint8Array(0), 199).ok).toBe(false)
  })

  it('computes with right-padded operands and modulus 0 / 1', () => {
    // 3^5 mod 100 = 43, modulus given as a 1-byte word
    const input = concat(word(1n), word(1n), word(1n), Uint8Array.of(3, 5, 100))
    expect(modexp(input, 1000)).toMatchObject({ ok: true, output: Uint8Array.of(43) })
    // modulus bytes missing entirely → 0
    expect(modexp(concat(word(1n), word(1n), word(2n), Uint8Array.of(3, 5)), 1000)).toMatchObject({
      ok: true,
      output: new Uint8Array(2),
    })
    expect(modexp(concat(word(1n), word(1n), word(1n), Uint8Array.of(3, 5, 1)), 1000)).toMatchObject({
      output: Uint8Array.of(0),
    })
  })

  it('agrees with bigint arithmetic on random operands', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX }),
        fc.bigInt({ min: 0n, max: MAX }),
        fc.bigInt({ min: 1n, max: MAX }),
        (b, e, m) => {
          const res = modexp(concat(word(32n), word(32n), word(32n), word(b), word(e), word(m)), 1e7)
          expect(res.ok).toBe(true)
          let acc = 1n
          let base = b % m
          let x = e
          while (x > 0n) {
            if (x & 1n) acc = (acc * base) % m
            base = (base * base) % m
            x >>= 1n
          }
          if (res.ok) expect(hex(res.output)).toBe(hex(word(acc % m)))
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('blake2f', () => {
  // Build F's input for a one-block BLAKE2b-512 hash of a short message; 12 rounds of F must then
  // equal the full hash from @noble/hashes (an independent implementation).
  function singleBlockInput(msg: Uint8Array, rounds: number, flag: number): Uint8Array {
    const iv = [
      0x6a09e667f3bcc908n,
      0xbb67ae8584caa73bn,
      0x3c6ef372fe94f82bn,
      0xa54ff53a5f1d36f1n,
      0x510e527fade682d1n,
      0x9b05688c2b3e6c1fn,
      0x1f83d9abfb41bd6bn,
      0x5be0cd19137e2179n,
    ]
    iv[0] = iv[0]! ^ 0x01010040n // digest length 64, fanout 1, depth 1
    const h = new Uint8Array(64)
    const view = new DataView(h.buffer)
    for (let i = 0; i < 8; i++) view.setBigUint64(8 * i, iv[i]!, true)
    const m = new Uint8Array(128)
    m.set(msg)
    const t = new Uint8Array(16)
    new DataView(t.buffer).setBigUint64(0, BigInt(msg.length), true)
    const r = new Uint8Array(4)
    new DataView(r.buffer).setUint32(0, rounds, false)
    return concat(r, h, m, t, Uint8Array.of(flag))
  }

  it('12 rounds of F equal BLAKE2b-512 for single-block messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), (msg) => {
        const res = blake2f(singleBlockInput(msg, 12, 1), 12)
        expect(res).toEqual({ ok: true, gasUsed: 12, output: blake2b(msg) })
      }),
      { numRuns: 50 },
    )
  })

  it('EIP-152 vector 5 ("abc", 12 rounds)', () => {
    const res = blake2f(singleBlockInput(new TextEncoder().encode('abc'), 12, 1), 12)
    expect(res.ok && hex(res.output)).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    )
  })

  it('rejects wrong length, bad final flag; rounds are gas', () => {
    const good = singleBlockInput(new Uint8Array(3), 12, 1)
    expect(blake2f(good.subarray(0, 212), 100)).toMatchObject({ ok: false, gasUsed: 100 })
    expect(blake2f(concat(good, Uint8Array.of(0)), 100)).toMatchObject({ ok: false, gasUsed: 100 })
    const badFlag = Uint8Array.from(good)
    badFlag[212] = 2
    expect(blake2f(badFlag, 100)).toMatchObject({ ok: false, gasUsed: 100 })
    expect(blake2f(good, 11)).toEqual({ ok: false, gasUsed: 11, error: 'OutOfGas' })
    expect(blake2f(singleBlockInput(new Uint8Array(3), 0xffffffff, 0), 30_000_000).ok).toBe(false)
    expect(blake2f(singleBlockInput(new Uint8Array(3), 0, 0), 0)).toMatchObject({ ok: true, gasUsed: 0 })
  })
})

describe('point evaluation', () => {
  it('rejects a wrong version byte, a bad proof, z ≥ modulus and wrong lengths', () => {
    expect(pointEvaluation(new Uint8Array(192), 49_999)).toEqual({
      ok: false,
      gasUsed: 49_999,
      error: 'OutOfGas',
    })
    expect(pointEvaluation(new Uint8Array(191), 50_000)).toMatchObject({ ok: false, gasUsed: 50_000 })
    expect(pointEvaluation(new Uint8Array(192), 50_000)).toMatchObject({
      ok: false,
      error: 'InvalidVersionedHash',
    })
  })

  it('accepts the zero polynomial opening (infinity commitment and proof) and returns the constants', () => {
    // Commitment to the zero blob is the compressed infinity point 0xc0 00…; p(z) = 0 for any z,
    // with the infinity point as proof.
    const inf = new Uint8Array(48)
    inf[0] = 0xc0
    const vh = sha256(inf)
    vh[0] = 1
    const input = concat(vh, word(12345n), word(0n), inf, inf)
    const res = pointEvaluation(input, 50_000)
    expect(res.ok).toBe(true)
    if (res.ok) {
      expect(res.gasUsed).toBe(50_000)
      expect(hex(res.output)).toBe(
        `${'0'.repeat(60)}100073eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001`,
      )
    }
    // y ≠ p(z) → bad proof
    expect(pointEvaluation(concat(vh, word(12345n), word(1n), inf, inf), 50_000)).toMatchObject({
      ok: false,
      error: 'InvalidProof',
    })
    // z not a canonical field element
    const r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
    expect(pointEvaluation(concat(vh, word(r), word(0n), inf, inf), 50_000).ok).toBe(false)
  })
})

describe('never throws', () => {
  const prague = precompilesFor('Prague')
  for (const [address, run] of prague) {
    if (address === 0x0a) continue // covered above; each failing call is cheap but KZG setup is not
    it(`0x${address.toString(16).padStart(2, '0')} on random bytes and lengths`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 600 }),
            fc.constantFrom(128, 160, 192, 213, 256, 288, 384, 512).map((n) => new Uint8Array(n).fill(0xff)),
          ),
          fc.integer({ min: 0, max: 1_000_000 }),
          (input, gas) => {
            const res = run(input, gas)
            if (!res.ok) expect(res.gasUsed).toBe(gas)
            else expect(res.gasUsed).toBeLessThanOrEqual(gas)
          },
        ),
        { numRuns: 60 },
      )
    })
  }
})
