import { readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { listJsonFiles, loadKnownFailures, locateFixtures, readJson } from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'
import { runStateTestFile, type StateTestJson } from '../../src/index.js'

export const GROUPS = 4
const knownFile = resolve(import.meta.dirname, '../../known-failures.json')

/**
 * Fixture files that pass but cost minutes of CPU each, skipped to keep `npm test` within budget
 * (run them with `metis-evm statetest <file>`).
 */
const SLOW: Record<string, string> = {
  'stTimeConsuming/CALLBlake2f_MaxRounds.json': 'BLAKE2F with 2^32-1 rounds (gas 10^10): minutes of CPU',
  'VMTests/vmPerformance/loopMul.json': '3 × 10M-iteration MUL loops: over a minute of CPU',
  'stTimeConsuming/static_Call50000_sha256.json': '50k STATICCALLs hashing large inputs: ~45 s of CPU',
}

function dirSize(p: string): number {
  let n = 0
  for (const f of listJsonFiles(p)) n += statSync(f).size
  return n
}

/** Top-level GeneralStateTests folders split into GROUPS buckets of similar size (greedy, stable). */
function groupDirs(root: string, group: number): string[] {
  const dirs = readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory())
    .sort()
    .map((d) => ({ d, size: dirSize(join(root, d)) }))
    .sort((a, b) => b.size - a.size || a.d.localeCompare(b.d))
  const buckets: { dirs: string[]; size: number }[] = Array.from({ length: GROUPS }, () => ({
    dirs: [],
    size: 0,
  }))
  for (const x of dirs) {
    const b = buckets.reduce((m, c) => (c.size < m.size ? c : m))
    b.dirs.push(x.d)
    b.size += x.size
  }
  return buckets[group]!.dirs.sort()
}

/**
 * One `it` per fixture file of this group; each compares post state root and logs hash per
 * (fork, data, gas, value) case. Cases listed in known-failures.json must fail (so the list stays
 * honest); everything else must pass.
 */
export function stateTestGroup(group: number): void {
  const loc = locateFixtures('GeneralStateTests')
  describe(`GeneralStateTests group ${group + 1}/${GROUPS}`, () => {
    if (!loc.available) {
      it.skip('fixtures not available', () => {})
      return
    }
    const known = loadKnownFailures(knownFile)
    const totals = { passed: 0, failed: 0, known: 0, skipped: 0 }
    const files = groupDirs(loc.path, group).flatMap((d) => listJsonFiles(join(loc.path, d)))
    for (const file of files) {
      const id = relative(loc.path, file)
      if (SLOW[id]) {
        it.skip(`${id} (${SLOW[id]})`, () => {})
        continue
      }
      it(id, () => {
        const results = runStateTestFile(readJson<Record<string, StateTestJson>>(file), {
          onSkip: (_f, n) => {
            totals.skipped += n
          },
        })
        const unexpected: string[] = []
        for (const r of results) {
          const caseId = `${id}/${r.name.split('::').pop()}/${r.fork}/d${r.index.data}g${r.index.gas}v${r.index.value}`
          if (known.has(caseId)) {
            totals.known++
            if (r.pass) unexpected.push(`${caseId}: listed in known-failures.json but passes now`)
          } else if (r.pass) totals.passed++
          else {
            totals.failed++
            unexpected.push(`${caseId}: ${r.error}`)
          }
        }
        expect(unexpected).toEqual([])
      }, 600_000)
    }
    it('summary', () => {
      console.log(
        `[GeneralStateTests ${group + 1}/${GROUPS}] ${totals.passed} passed, ${totals.failed} failed, ${totals.known} known failures, ${totals.skipped} pre-Shanghai cases skipped`,
      )
    })
  })
}
