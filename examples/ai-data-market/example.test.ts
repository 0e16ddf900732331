import { parseEther } from 'viem'
import { expect, it } from 'vitest'
import { runAiDataMarket } from './main.js'

it('runs the AI data market end to end on a createChain node', async () => {
  const lines: string[] = []
  const r = await runAiDataMarket((l) => lines.push(l))
  expect(lines.length).toBeGreaterThanOrEqual(12)
  expect(r.tokenId).toBe(1n)
  expect(r.remainingQuota).toBe(99n)
  const cost = 1_500n * parseEther('0.0001')
  expect(r.dataShare).toBe((cost * 2000n) / 10_000n)
  // the only holder receives the whole data share plus the direct settlement
  expect(r.claimed).toBe(r.dataShare + parseEther('0.05'))
  // node: job fee + charge minus the data share
  expect(r.nodeWithdrawn).toBe(cost - r.dataShare)
}, 120_000)
