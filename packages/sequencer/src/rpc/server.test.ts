import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createNode, type Node } from '../node/create-node.js'
import type { RpcServer } from './server.js'

// Hostile input over real HTTP/WS: every case gets the right JSON-RPC error and the node keeps serving.
let node: Node
let server: RpcServer
beforeAll(async () => {
  node = createNode()
  server = await node.listen({ port: 0, maxBodyBytes: 1024 * 1024 })
})
afterAll(async () => {
  await node.close()
})

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers }
}
const call = (method: string, params?: unknown, id: unknown = 1) =>
  post(JSON.stringify({ jsonrpc: '2.0', id, method, params }))

async function stillServing() {
  expect((await call('eth_chainId', [])).json.result).toBe('0x7a69')
}

describe('JSON-RPC server under hostile input', () => {
  it('malformed JSON -> -32700', async () => {
    const r = await post('{"jsonrpc": "2.0", "method": ')
    expect(r.json.error.code).toBe(-32700)
    await stillServing()
  })

  it('invalid request objects -> -32600', async () => {
    expect((await post('"hello"')).json.error.code).toBe(-32600)
    expect((await post(JSON.stringify({ id: 1, method: 'eth_chainId' }))).json.error.code).toBe(-32600)
    expect((await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 42 }))).json.error.code).toBe(-32600)
    expect((await post('[]')).json.error.code).toBe(-32600)
    await stillServing()
  })

  it('unknown methods -> -32601', async () => {
    const r = await call('eth_doesNotExist', [])
    expect(r.json.error).toEqual({
      code: -32601,
      message: 'the method eth_doesNotExist does not exist/is not available',
    })
  })

  it('wrong param types -> -32602', async () => {
    expect((await call('eth_getBalance', ['0x1234', 'latest'])).json.error.code).toBe(-32602)
    expect((await call('eth_getBalance', [12, 'latest'])).json.error.code).toBe(-32602)
    expect((await call('eth_getBlockByNumber', ['banana', false])).json.error.code).toBe(-32602)
    expect((await call('eth_getBalance', { address: '0x00' })).json.error.code).toBe(-32602)
    expect((await call('eth_getBalance', [])).json.error.code).toBe(-32602)
    expect((await call('eth_chainId', [1, 2, 3])).json.error.code).toBe(-32602)
    expect((await call('eth_call', [{ to: '0xzz' }])).json.error.code).toBe(-32602)
    await stillServing()
  })

  it('oversized bodies -> 413 with a JSON-RPC error', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_call',
      params: [{ data: `0x${'00'.repeat(1024 * 1024)}` }],
    })
    const r = await post(big)
    expect(r.status).toBe(413)
    expect(r.json.error.code).toBe(-32005)
    await stillServing()
  })

  it('batches: mixed results in order; 10k-request batches are refused per request', async () => {
    const r = await post(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'eth_chainId' },
        { jsonrpc: '2.0', id: 2, method: 'nope' },
        { jsonrpc: '2.0', method: 'eth_chainId' }, // notification: no response
        { jsonrpc: '2.0', id: 'x', method: 'eth_blockNumber', params: [] },
      ]),
    )
    expect(r.json.map((x: { id: unknown }) => x.id)).toEqual([1, 2, 'x'])
    expect(r.json[1].error.code).toBe(-32601)
    const huge = Array.from({ length: 10_000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' }))
    const h = await post(JSON.stringify(huge))
    expect(h.json).toHaveLength(10_000)
    expect(h.json[9999]).toEqual({
      jsonrpc: '2.0',
      id: 9999,
      error: { code: -32600, message: 'batch too large' },
    })
    await stillServing()
  })

  it('invalid raw transactions and signatures', async () => {
    expect((await call('eth_sendRawTransaction', ['0x'])).json.error.code).toBe(-32000)
    expect((await call('eth_sendRawTransaction', ['0xdeadbeef'])).json.error.code).toBe(-32000)
    // a type-2 tx with r = s = 0 (invalid signature)
    const { encodeTransaction, bytesToHex } = await import('@metis-sdk/primitives')
    const unsigned = {
      type: 2 as const,
      chainId: 31337n,
      nonce: 0n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 21_000n,
      to: `0x${'11'.repeat(20)}` as `0x${string}`,
      value: 0n,
      data: new Uint8Array(),
      accessList: [],
      yParity: 0,
      r: 0n,
      s: 0n,
    }
    const bad = await call('eth_sendRawTransaction', [bytesToHex(encodeTransaction(unsigned))])
    expect(bad.json.error.code).toBe(-32000)
    expect(bad.json.error.message).toMatch(/invalid/)
    // absurd gas limit, signed by a funded dev account
    const { signTransaction } = await import('@metis-sdk/primitives')
    const absurd = signTransaction(
      { ...unsigned, gasLimit: 2n ** 63n } as never,
      node.accounts[0]!.privateKey,
    )
    const r = await call('eth_sendRawTransaction', [bytesToHex(encodeTransaction(absurd))])
    expect(r.json.error.code).toBe(-32000)
    expect(r.json.error.message).toMatch(/exceeds block gas limit|insufficient funds|gas limit/)
    await stillServing()
  })

  it('CORS preflight and headers', async () => {
    const res = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'http://example.com' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const r = await call('eth_chainId', [])
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('WebSocket: garbage frames, subscriptions, and newHeads notifications', async () => {
    const ws = new WebSocket(server.wsUrl)
    await new Promise((r) => ws.once('open', r))
    const messages: any[] = []
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())))
    const waitFor = async (pred: (m: any) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const m = messages.find(pred)
        if (m) return m
        await new Promise((r) => setTimeout(r, 20))
      }
      throw new Error('timeout')
    }
    ws.send('not json')
    expect((await waitFor((m) => m.error?.code === -32700)).id).toBe(null)
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_subscribe', params: ['bogus'] }))
    expect((await waitFor((m) => m.id === 7)).error.code).toBe(-32602)
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'eth_subscribe', params: ['newHeads'] }))
    const sub = (await waitFor((m) => m.id === 8)).result
    await node.request({ method: 'evm_mine' })
    const head = await waitFor((m) => m.method === 'eth_subscription' && m.params.subscription === sub)
    expect(head.params.result.number).toMatch(/^0x/)
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'eth_unsubscribe', params: [sub] }))
    expect((await waitFor((m) => m.id === 9)).result).toBe(true)
    ws.close()
    await stillServing()
  })

  it('poll filters: block filter and log filter changes', async () => {
    const id = (await call('eth_newBlockFilter', [])).json.result
    await node.request({ method: 'evm_mine' })
    const changes = (await call('eth_getFilterChanges', [id])).json.result
    expect(changes).toHaveLength(1)
    expect((await call('eth_getFilterChanges', [id])).json.result).toHaveLength(0)
    expect((await call('eth_uninstallFilter', [id])).json.result).toBe(true)
    expect((await call('eth_getFilterChanges', [id])).json.error.message).toBe('filter not found')
  })
})
