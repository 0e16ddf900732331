import { createNode, type Node } from '../src/node/create-node.js'
import type { RpcServer } from '../src/rpc/server.js'

/** A node served over real HTTP with a raw JSON-RPC client (fetch). */
export async function startHttpNode(options: Parameters<typeof createNode>[0] = {}) {
  const node: Node = createNode(options)
  const server: RpcServer = await node.listen({ port: 0 })
  let id = 0
  const raw = async (method: string, params: unknown[] = []) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    })
    return (await res.json()) as { result?: any; error?: { code: number; message: string; data?: unknown } }
  }
  const rpc = async (method: string, params: unknown[] = []) => {
    const r = await raw(method, params)
    if (r.error) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
    return r.result
  }
  const close = async () => {
    await server.close()
    await node.close()
  }
  return { node, server, raw, rpc, close }
}

/** Tiny assembler: hex opcode strings and `push(n)`/`push20(addr)` pieces. */
export const asm = (...parts: string[]) => `0x${parts.join('')}` as `0x${string}`
export const push = (v: number | bigint) => {
  let h = BigInt(v).toString(16)
  if (h.length % 2) h = `0${h}`
  const n = h.length / 2
  return (0x5f + n).toString(16) + h
}
export const push20 = (a: string) => `73${a.slice(2).toLowerCase()}`

/** Waits for the receipt of a mined transaction (automine). */
export async function receipt(rpc: (m: string, p?: unknown[]) => Promise<any>, hash: string) {
  for (let i = 0; i < 200; i++) {
    const r = await rpc('eth_getTransactionReceipt', [hash])
    if (r) return r
    await new Promise((res) => setTimeout(res, 10))
  }
  throw new Error('no receipt')
}
