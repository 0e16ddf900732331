#!/usr/bin/env node
// `npm run bench [-- suite...]`: runs each bench/suites/<suite>.mjs in its own Node process (so one
// suite's heap and JIT state cannot colour another's) and forwards its output.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { environment } from './lib/report.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const available = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort()
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
for (const w of wanted) {
  if (!available.includes(w)) {
    console.error(`unknown bench suite "${w}"; available: ${available.join(', ')}`)
    process.exit(2)
  }
}
const suites = wanted.length ? wanted : available
const env = environment()
console.log(`MetisSDK benchmarks — ${env.date}, Node ${env.node}, ${env.cores} cores (${env.cpu})`)
let failed = 0
for (const suite of suites) {
  const file = join(here, 'suites', `${suite}.mjs`)
  if (!existsSync(file)) continue
  console.log(`\n=== suite ${suite} ===`)
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', file], {
    stdio: 'inherit',
    cwd: here,
    env: { ...process.env, METIS_BENCH_SUITE: suite },
  })
  if (r.status !== 0) {
    failed++
    console.error(`suite ${suite} failed with exit code ${r.status}`)
  }
}
process.exit(failed ? 1 : 0)
