import { describe, expect, it } from 'vitest'
import { parseDevFlags, startDev } from './dev.js'

describe('metis dev', () => {
  it('validates flags', () => {
    expect(() => parseDevFlags({ port: 'abc' })).toThrow(/--port/)
    expect(() => parseDevFlags({ port: '70000' })).toThrow(/--port/)
    expect(() => parseDevFlags({ fork: 'Nonsense' })).toThrow(/unknown fork/)
    const o = parseDevFlags({ chainId: '1337', blockTime: '2', ephemeral: true })
    expect(o.chainId).toBe(1337n)
    expect(o.blockTime).toBe(2)
    expect(o.dataDir).toBeUndefined()
    expect(o.port).toBe(8545)
  })

  it('starts a node, prints the accounts like anvil and serves JSON-RPC', async () => {
    const options = parseDevFlags({ port: '0', ephemeral: true, chainId: '31337' })
    const { node, server, banner } = await startDev(options)
    try {
      expect(banner).toContain(
        '(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (10000.000000000000000000 ETH)',
      )
      expect(banner).toContain('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
      expect(banner).toContain('31337')
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      expect(await res.json()).toEqual({ jsonrpc: '2.0', id: 1, result: '0x7a69' })
    } finally {
      await server.close()
      await node.close()
    }
  })
})
