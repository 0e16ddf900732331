import { join } from 'node:path'
import { listJsonFiles, loadKnownFailures, locateFixtures, readJson } from '@metis-sdk/conformance'
import { afterAll, describe, expect, it } from 'vitest'
import { createExecutor, type Executor } from '../src/executor.js'
import type { TxExecutor } from '../src/types.js'
import { type BlockchainTest, runBlockchainTest, supportedNetwork } from './blockchain-fixture.js'

const known = loadKnownFailures(new URL('../known-failures.json', import.meta.url).pathname)

async function loadVm(): Promise<TxExecutor | undefined> {
  try {
    // A variable specifier keeps the type checker and bundler from requiring the VM at build time.
    const name = '@metis-sdk/vm'
    const mod = (await import(/* @vite-ignore */ name)) as Partial<TxExecutor>
    if (typeof mod.executeTransaction === 'function' && typeof mod.executeSystemCall === 'function')
      return mod as TxExecutor
  } catch {}
  return undefined
}
const vm = await loadVm()
if (!vm)
  console.warn('[executor] skipping BlockchainTests: @metis-sdk/vm does not export executeTransaction yet')

const loc = locateFixtures('BlockchainTests')
type Case = { id: string; test: BlockchainTest; invalid: boolean }
const cases: Case[] = []
if (loc.available && vm) {
  for (const group of ['ValidBlocks', 'InvalidBlocks']) {
    const root = join(loc.path, group)
    for (const file of listJsonFiles(root)) {
      const tests = readJson<Record<string, BlockchainTest>>(file)
      for (const [name, test] of Object.entries(tests)) {
        if (!supportedNetwork(test.network)) continue
        cases.push({
          id: `${group}/${file.slice(root.length + 1)}::${name}`,
          test,
          invalid: group === 'InvalidBlocks',
        })
      }
    }
  }
}

let executor: Executor | undefined
afterAll(async () => {
  await executor?.close()
})

for (const mode of ['sequential', 'parallel'] as const) {
  describe.runIf(cases.length > 0)(`BlockchainTests (${mode})`, () => {
    const failures: string[] = []
    const modes = new Map<string, number>()
    for (const c of cases) {
      it(c.id, async () => {
        if (mode === 'parallel') executor ??= createExecutor({ workers: 2 })
        const outcome = await runBlockchainTest(
          c.test,
          vm!,
          mode === 'parallel' ? executor : undefined,
          (m) => modes.set(m, (modes.get(m) ?? 0) + 1),
        )
        const knownReason = known.get(c.id)
        if (outcome.ok) {
          // Another package may fix a listed failure at any time; say so instead of failing the tree.
          if (knownReason !== undefined)
            console.warn(`[executor] ${c.id} is listed in known-failures.json but passes`)
          return
        }
        failures.push(`${c.id}: ${outcome.reason}`)
        if (knownReason === undefined) expect.fail(outcome.reason)
      })
    }
    it('reports the pass rate; every failure is listed with its reason', () => {
      const valid = cases.filter((c) => !c.invalid).length
      const failedValid = failures.filter((f) => f.startsWith('ValidBlocks/')).length
      console.info(
        `[executor] BlockchainTests ${mode}: ValidBlocks ${valid - failedValid}/${valid}, ` +
          `InvalidBlocks ${cases.length - valid - (failures.length - failedValid)}/${cases.length - valid}`,
      )
      for (const f of failures) expect(known.has(f.slice(0, f.indexOf(': '))), f).toBe(true)
      if (mode === 'parallel') {
        console.info(`[executor] imported blocks by mode: ${JSON.stringify(Object.fromEntries(modes))}`)
        expect(modes.get('parallel') ?? 0).toBeGreaterThan(0)
        expect(modes.get('parallel run failed') ?? 0).toBe(0)
      }
    })
  })
}
