import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { type MarketReport, runAiDataMarket } from './main.js'

function check(r: MarketReport) {
  expect(r.tokenId).toBe(1n)
  expect(r.remainingQuota).toBe(99n)
  const cost = 1_500n * parseEther('0.0001')
  expect(r.dataShare).toBe((cost * 2000n) / 10_000n)
  // the only holder receives the whole data share plus the direct settlement
  expect(r.claimed).toBe(r.dataShare + parseEther('0.05'))
  // node: job fee + charge minus the data share
  expect(r.nodeWithdrawn).toBe(cost - r.dataShare)
}

describe('example: AI data market', () => {
  it('runs the AI data market end to end on a createChain node', async () => {
    const lines: string[] = []
    const r = await runAiDataMarket((l) => lines.push(l))
    expect(lines.length).toBeGreaterThanOrEqual(12)
    check(r)
  }, 120_000)

  it('gives the same results on the stack predeployed in genesis', async () => {
    const lines: string[] = []
    const r = await runAiDataMarket((l) => lines.push(l), { stack: 'genesis' })
    expect(lines[1]).toMatch(/^genesis has DAT 0x/)
    check(r)
    expect(r).toEqual(await runAiDataMarket(() => {}))
  }, 120_000)

  // The README's one command, verbatim, from the repository root.
  it('runs from its README in one command', () => {
    const readme = fileURLToPath(new URL('./README.md', import.meta.url))
    const cmd = /```sh\n(npx [^\n]+)\n```/.exec(readFileSync(readme, 'utf8'))![1]!
    const [bin, ...args] = cmd.split(' ')
    const root = fileURLToPath(new URL('../../', import.meta.url))
    const out = execFileSync(bin!, args, { cwd: root, encoding: 'utf8', timeout: 110_000 })
    expect(out).toContain('contributor claimed')
    expect(out).toContain('node withdrew')
  }, 120_000)
})
