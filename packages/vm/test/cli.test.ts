import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { locateFixtures } from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const cli = resolve(import.meta.dirname, '../src/cli.ts')
const tsx = join(root, 'node_modules/.bin/tsx')

function run(args: string[]) {
  return spawnSync(tsx, ['--conditions=@metis-sdk/source', cli, ...args], { encoding: 'utf8', cwd: root })
}

describe('metis-evm CLI', () => {
  it('run executes bytecode and prints output, gas and status', () => {
    const r = run(['run', '--code', '0x600160020160005260206000f3'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('output: 0x0000000000000000000000000000000000000000000000000000000000000003')
    expect(r.stdout).toContain('gasUsed: 21024')
    expect(r.stdout).toContain('status: success')
  })

  it('statetest --json prints one JSON line per case and the summary line', () => {
    const loc = locateFixtures('GeneralStateTests/stExample/add11.json')
    if (!loc.available) return
    const r = run(['statetest', '--json', loc.path])
    const lines = r.stdout.trim().split('\n')
    const last = lines.pop()!
    expect(last).toMatch(/^\d+ passed, \d+ failed$/)
    expect(lines.length).toBeGreaterThan(0)
    for (const l of lines) {
      const j = JSON.parse(l)
      expect(Object.keys(j)).toEqual(['name', 'fork', 'index', 'pass', 'stateRoot', 'logsHash', 'error'])
      expect(j.pass).toBe(true)
    }
    expect(last).toBe(`${lines.length} passed, 0 failed`)
    expect(r.status).toBe(0)
  })

  it('exits 1 when a case fails (wrong fork filter yields nothing, a tampered file fails)', () => {
    const r = run(['run', '--code', '0x00', '--fork', 'NoSuchFork'])
    expect(r.status).toBe(2)
  })
})
