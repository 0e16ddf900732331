import { readdirSync, readFileSync } from 'node:fs'
import type { Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import { artifacts } from '../src/index.js'

// Coverage audit as a test, so it cannot silently regress: every external/public function and
// every custom error of the shipped contracts must be exercised by name in some contract test,
// every `require` message must appear in a test, and each reference bug of lazai-notes.md §2
// must have its regression test.

const testDir = new URL('./', import.meta.url)
const solDir = new URL('../src/solidity/', import.meta.url)
const testSources = readdirSync(testDir)
  .filter((f) => f.endsWith('.test.ts') && f !== 'abi-coverage.test.ts')
  .map((f) => readFileSync(new URL(f, testDir), 'utf8'))
  .concat(readFileSync(new URL('../src/lazai.test.ts', import.meta.url), 'utf8'))
  .join('\n')

/** Contracts that are not part of the product (test helpers). */
const TEST_ONLY = new Set(['TestERC20'])

/** Names that cannot be reached, with the reason (reviewed; keep this list short). */
const UNREACHABLE: Record<string, string> = {
  InvalidShortString:
    "OpenZeppelin ShortStrings via EIP712: only for names > 31 bytes; ours are constants ('MetisAISettlement', …)",
  StringTooLong: 'OpenZeppelin ShortStrings via EIP712: same as InvalidShortString',
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A function is "used" when called by name: `'name'`, `"name"`, `` `name` `` or `.name(`. */
const calls = (name: string) => new RegExp(`['"\`]${esc(name)}['"\`]|\\.${esc(name)}\\b`).test(testSources)
/** An error is "asserted" when its name is quoted (expectRevert(…, 'Name'), errorName checks). */
const asserts = (name: string) => new RegExp(`['"\`]${esc(name)}['"\`]`).test(testSources)

function solidityFiles(dir: URL): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...solidityFiles(new URL(`${e.name}/`, dir)))
    else if (e.name.endsWith('.sol')) out.push(readFileSync(new URL(e.name, dir), 'utf8'))
  }
  return out
}

describe('contract test coverage', () => {
  const shipped = Object.entries(artifacts).filter(([name]) => !TEST_ONLY.has(name))

  it('lists a non-trivial ABI surface', () => {
    const fns = shipped.flatMap(([, a]) => (a.abi as Abi).filter((x) => x.type === 'function'))
    expect(fns.length).toBeGreaterThan(100)
  })

  it.each(shipped.map(([name, a]) => [name, a.abi as Abi] as const))(
    'every function and custom error of %s is tested',
    (_name, abi) => {
      const missingFns = abi
        .filter((x) => x.type === 'function' && !calls(x.name))
        .map((x) => (x as { name: string }).name)
      const missingErrors = abi
        .filter((x) => x.type === 'error' && !(x.name in UNREACHABLE) && !asserts(x.name))
        .map((x) => (x as { name: string }).name)
      expect({ missingFns, missingErrors }).toEqual({ missingFns: [], missingErrors: [] })
    },
  )

  it('every require message in the Solidity sources is asserted', () => {
    const messages = solidityFiles(solDir).flatMap((src) =>
      [...src.matchAll(/require\s*\([^;]*?,\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
    )
    expect(messages.filter((m) => !testSources.includes(m))).toEqual([])
  })

  it('every reverting custom error declared in the sources is in an ABI', () => {
    const declared = new Set(
      solidityFiles(solDir).flatMap((src) => [...src.matchAll(/\berror\s+(\w+)\s*\(/g)].map((m) => m[1]!)),
    )
    const inAbi = new Set(
      shipped.flatMap(([, a]) =>
        (a.abi as Abi).filter((x) => x.type === 'error').map((x) => (x as { name: string }).name),
      ),
    )
    expect([...declared].filter((e) => !inAbi.has(e))).toEqual([])
  })

  it('has a regression test for each reference bug of lazai-notes.md §2 (1–9)', () => {
    const titles = [...testSources.matchAll(/\bit\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!)
    const covered = new Set<number>()
    for (const t of titles)
      for (const m of t.matchAll(/bugs? (\d+)(?: and (\d+))?/g)) {
        covered.add(Number(m[1]))
        if (m[2]) covered.add(Number(m[2]))
      }
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => !covered.has(n))).toEqual([])
  })
})
