import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpNode } from './rpc-helpers.js'

// Hostile input beyond src/rpc/server.test.ts: absurd gas on every execution method, bad tracer
// options, nesting bombs, absurd ranges and block counts, unknown accounts. Each gets a JSON-RPC
// answer (result or the right error) and the node keeps serving.
let t: Awaited<ReturnType<typeof startHttpNode>>
let from: string
const HUGE = '0xffffffffffffffffffffffff'
beforeAll(async () => {
  t = await startHttpNode()
  from = t.node.accounts[0]!.address
})
afterAll(async () => {
  await t.close()
})
const alive = async () => expect((await t.raw('eth_chainId')).result).toBe('0x7a69')

describe('hostile JSON-RPC input', () => {
  it('absurd call gas is capped at the block gas limit (geth) for eth_call, estimateGas, traceCall, createAccessList', async () => {
    const req = { from, to: t.node.accounts[1]!.address, gas: HUGE }
    expect((await t.raw('eth_call', [req])).result).toBe('0x')
    expect((await t.raw('eth_estimateGas', [req])).result).toBe('0x5208')
    expect((await t.raw('debug_traceCall', [req, 'latest', { tracer: 'callTracer' }])).result.gas).toBe(
      '0x1c9c380',
    )
    expect((await t.raw('eth_createAccessList', [req])).result).toEqual({ accessList: [], gasUsed: '0x5208' })
    // a gas quantity over 256 bits is not a quantity at all
    expect((await t.raw('eth_call', [{ ...req, gas: `0x${'f'.repeat(65)}` }])).error?.code).toBe(-32602)
    await alive()
  })

  it('transactions with absurd gas limits and unknown senders are refused with -32000', async () => {
    const r = await t.raw('eth_sendTransaction', [{ from, to: from, gas: '0xffffffffffffffffffff' }])
    expect(r.error?.code).toBe(-32000)
    const u = await t.raw('eth_sendTransaction', [
      { from: '0x000000000000000000000000000000000000dead', to: from },
    ])
    expect(u.error).toEqual({ code: -32000, message: 'unknown account' })
    await alive()
  })

  it('bad tracer options and unknown transactions', async () => {
    const bad = await t.raw('debug_traceCall', [{ from, to: from }, 'latest', { tracer: 'bogusTracer' }])
    expect(bad.error?.code).toBe(-32602)
    const opts = await t.raw('debug_traceCall', [{ from, to: from }, 'latest', { limit: -1 }])
    expect(opts.error?.code).toBe(-32602)
    const missing = await t.raw('debug_traceTransaction', [`0x${'00'.repeat(32)}`])
    expect(missing.error?.code).toBe(-32000)
    expect((await t.raw('debug_traceTransaction', ['0x1234'])).error?.code).toBe(-32602)
    await alive()
  })

  it('absurd ranges, block numbers and counts', async () => {
    const logs = await t.raw('eth_getLogs', [{ fromBlock: '0x0', toBlock: '0xffffffffffffffff' }])
    expect(logs.error?.code).toBe(-32005)
    expect((await t.raw('eth_getBlockByNumber', ['0xffffffffffffffff', false])).result).toBe(null)
    expect((await t.raw('eth_getBalance', [from, '0xffffffffffffffff'])).error?.code).toBe(-32000)
    expect((await t.raw('anvil_mine', ['0xffffffffff'])).error?.code).toBe(-32602)
    expect((await t.raw('eth_newFilter', [{ topics: [[], [], [], [], []] }])).error?.code).toBe(-32602)
    expect((await t.raw('evm_increaseTime', [-5])).error?.code).toBe(-32602)
    await alive()
  })

  it('a 100k-deep JSON nesting bomb is an invalid request, not a crash', async () => {
    const body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const res = await fetch(t.server.url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(200)
    const json = await res.json()
    expect(JSON.stringify(json)).toContain('-32600')
    await alive()
  })

  it('null, string and object params where a list is expected', async () => {
    for (const params of [null, 'latest', { a: 1 }, 42])
      expect((await t.raw('eth_getBalance', params as never)).error?.code).toBe(-32602)
    await alive()
  })
})
