// ethereum/tests RLPTests: valid cases round-trip through rlpEncode/rlpDecode; invalid ones
// ("in": "INVALID") must make rlpDecode throw RlpDecodingError.
import { basename, join, relative } from 'node:path'
import { listJsonFiles, loadKnownFailures, locateFixtures, readJson } from '@metis-sdk/conformance'
import {
  bytesToHex,
  hexToBytes,
  RlpDecodingError,
  type RlpInput,
  type RlpItem,
  rlpDecode,
  rlpEncode,
} from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'

type In = string | number | In[]
type Case = { in: In; out: string }

const loc = locateFixtures('RLPTests')
const known = loadKnownFailures(join(__dirname, '../known-failures.json'))

// `in`: strings are byte strings (UTF-8), numbers and "#<decimal>" are integers, arrays are lists.
function toInput(v: In): RlpInput {
  if (Array.isArray(v)) return v.map(toInput)
  if (typeof v === 'number') return BigInt(v)
  if (v.startsWith('#')) return BigInt(v.slice(1))
  return new TextEncoder().encode(v)
}

const outBytes = (out: string) => hexToBytes(`0x${out.replace(/^0x/i, '')}`)

// Decoded items back to plain hex trees, for deep comparison.
const tree = (item: RlpItem): unknown => (Array.isArray(item) ? item.map(tree) : bytesToHex(item))

describe.skipIf(!loc.available)('RLPTests', () => {
  const files = loc.available ? listJsonFiles(loc.path) : []
  it('finds the fixture files', () => {
    expect(files.length).toBeGreaterThanOrEqual(3)
  })
  for (const file of files) {
    const cases = readJson<Record<string, Case>>(file)
    for (const [name, c] of Object.entries(cases)) {
      const id = `RLPTests/${relative(loc.path, file)}/${name}`
      it.skipIf(known.has(id))(`${basename(file)}/${name}`, () => {
        if (c.in === 'INVALID') {
          let bytes: Uint8Array
          try {
            bytes = outBytes(c.out)
          } catch {
            return // not even hex: nothing reaches the decoder
          }
          expect(() => rlpDecode(bytes)).toThrow(RlpDecodingError)
          return
        }
        const out = outBytes(c.out)
        const decoded = rlpDecode(out)
        expect(bytesToHex(rlpEncode(decoded as RlpInput))).toBe(bytesToHex(out))
        if (c.in === 'VALID') return
        const input = toInput(c.in)
        expect(bytesToHex(rlpEncode(input))).toBe(bytesToHex(out))
        expect(tree(decoded)).toEqual(tree(rlpDecode(rlpEncode(input))))
      })
    }
  }
})
