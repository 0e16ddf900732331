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
    if (typeof mod.executeTransaction === 'function' && typeof mod.executeSystemCall === 'function') return mod as TxExecutor
  } catch {}
  return undefined
}
const vm = await loadVm()
if (!vm) console.warn('[executor] skipping BlockchainTests: @metis-sdk/vm does not export executeTransaction yet')

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
        cases.push({ id: `${group}/${file.slice(root.length + 1)}::${name}`, test, invalid: group === 'InvalidBlocks' })
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
    for (const c of cases) {
      it(c.id, async () => {
        if (mode === 'parallel') executor ??= createExecutor({ workers: 2 })
        const outcome = await runBlockchainTest(c.test, vm!, mode === 'parallel' ? executor : undefined)
        const knownReason = known.get(c.id)
        if (outcome.ok) {
          expect(knownReason, 'listed in known-failures.json but passes; remove it').toBeUndefined()
          return
        }
        failures.push(`${c.id}: ${outcome.reason}`)
        if (knownReason === undefined) expect.fail(outcome.reason)
      })
    }
    it('passes at least 99% of ValidBlocks', () => {
      const valid = cases.filter((c) => !c.invalid).length
      const failedValid = failures.filter((f) => f.startsWith('ValidBlocks/')).length
      expect(failedValid).toBeLessThanOrEqual(Math.floor(valid * 0.01))
    })
  })
}
