import { basename, join } from 'node:path'
import {
  eip2537TestsPath,
  listJsonFiles,
  loadKnownFailures,
  locateFixtures,
  readJson,
} from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'
import { precompilesFor } from '../src/precompiles/index.js'

// Every vector of the final EIP-2537 assets (Prague as shipped): output and exact gas for
// success vectors, ok:false for every fail-* vector. Fixture file → precompile address per the
// fixtures' README.

const ADDRESS: Record<string, number> = {
  add_G1_bls: 0x0b,
  msm_G1_bls: 0x0c,
  mul_G1_bls: 0x0c,
  add_G2_bls: 0x0d,
  msm_G2_bls: 0x0e,
  mul_G2_bls: 0x0e,
  pairing_check_bls: 0x0f,
  map_fp_to_G1_bls: 0x10,
  map_fp2_to_G2_bls: 0x11,
}

type Vector = { Input: string; Name: string; Expected?: string; Gas?: number; ExpectedError?: string }

const known = loadKnownFailures(join(import.meta.dirname, '../known-failures.json'))
const location = locateFixtures('.', eip2537TestsPath())
const precompiles = precompilesFor('Prague')

function hexToBytes(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex
  const out = new Uint8Array(h.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16)
  return out
}

function bytesToHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

describe.skipIf(!location.available)('EIP-2537 vectors (final)', () => {
  const files = location.available ? listJsonFiles(location.path) : []

  it('finds the fixture files', () => {
    expect(files.length).toBeGreaterThanOrEqual(17)
  })

  for (const file of files) {
    const name = basename(file, '.json')
    const failing = name.startsWith('fail-')
    const address = ADDRESS[failing ? name.slice(5) : name]
    describe(name, () => {
      it('maps to a precompile', () => {
        expect(address, `no address for ${name}`).toBeDefined()
      })
      if (address === undefined) return
      const vectors = readJson<Vector[]>(file)
      const run = precompiles.get(address)!
      for (const v of vectors) {
        const id = `eip-2537/${name}/${v.Name}`
        const test = known.has(id) ? it.skip : it
        test(v.Name, () => {
          const input = hexToBytes(v.Input)
          if (failing) {
            const gasLimit = 10_000_000
            const res = run(input, gasLimit)
            expect(res.ok, `expected failure: ${v.ExpectedError}`).toBe(false)
            expect(res.gasUsed).toBe(gasLimit)
            return
          }
          const gas = v.Gas!
          const res = run(input, gas)
          expect(res.ok, res.ok ? '' : res.error).toBe(true)
          if (!res.ok) return
          expect(bytesToHex(res.output)).toBe(v.Expected!.toLowerCase())
          expect(res.gasUsed).toBe(gas)
          // One gas short must fail with all gas consumed.
          expect(run(input, gas - 1)).toEqual({ ok: false, gasUsed: gas - 1, error: 'OutOfGas' })
        })
      }
    })
  }
})
