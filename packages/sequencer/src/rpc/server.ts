import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'
import { RpcError, RpcErrorCode, RpcInvalidParamsError } from '../errors.js'
import type { BlockEvent, MetisNode } from '../node/node.js'
import { type RpcDispatcher, stringify } from './dispatcher.js'
import { criteriaOf, logMatches } from './filters.js'
import { logFilter } from './schemas.js'

/** Options of {@link startRpcServer}. */
export type RpcServerOptions = {
  port?: number | undefined
  host?: string | undefined
  /** Max request body (and WebSocket message) in bytes (default 5 MiB, geth's limit). */
  maxBodyBytes?: number | undefined
  /** Access-Control-Allow-Origin value (default `*`). */
  cors?: string | undefined
}

/** A listening JSON-RPC server. */
export type RpcServer = {
  url: string
  wsUrl: string
  port: number
  host: string
  server: Server
  close(): Promise<void>
}

/**
 * Serves JSON-RPC over HTTP (POST, batches, CORS, body limit) and WebSocket (same methods plus
 * eth_subscribe / eth_unsubscribe) on one port.
 */
export function startRpcServer(
  node: MetisNode,
  dispatcher: RpcDispatcher,
  options: RpcServerOptions = {},
): Promise<RpcServer> {
  const maxBody = options.maxBodyBytes ?? 5 * 1024 * 1024
  const cors = options.cors ?? '*'
  const host = options.host ?? '127.0.0.1'

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', cors)
    res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS')
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization')
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return
    }
    if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(stringify({ ok: true, block: `0x${node.latest().header.number.toString(16)}` }))
      return
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST, GET, OPTIONS' }).end()
      return
    }
    readBody(req, maxBody).then(
      (body) => respond(res, body),
      () =>
        sendJson(res, 413, {
          jsonrpc: '2.0',
          id: null,
          error: { code: RpcErrorCode.LimitExceeded, message: 'request body too large' },
        }),
    )
  })

  const respond = async (res: ServerResponse, body: string) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      sendJson(res, 200, {
        jsonrpc: '2.0',
        id: null,
        error: { code: RpcErrorCode.Parse, message: 'parse error' },
      })
      return
    }
    try {
      const out = await dispatcher.handle(parsed)
      if (out === undefined) res.writeHead(200, { 'content-type': 'application/json' }).end()
      else sendJson(res, 200, out)
    } catch (err) {
      sendJson(res, 500, {
        jsonrpc: '2.0',
        id: null,
        error: { code: RpcErrorCode.Internal, message: String(err) },
      })
    }
  }

  const wss = new WebSocketServer({ server, maxPayload: maxBody })
  wss.on('connection', (ws) => handleSocket(ws, node, dispatcher))

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8545, host, () => {
      server.off('error', reject)
      const port = (server.address() as AddressInfo).port
      const shown = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${shown}:${port}`,
        wsUrl: `ws://${shown}:${port}`,
        port,
        host,
        server,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate()
            wss.close()
            server.closeAllConnections?.()
            server.close(() => done())
          }),
      })
    })
  })
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  // Encoded once: the length and the body come from the same buffer (no second pass over the text).
  const body = Buffer.from(stringify(value), 'utf8')
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length }).end(body)
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > max) {
      req.resume()
      reject(new Error('too large'))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (c: Buffer) => {
      if (failed) return
      size += c.length
      if (size > max) {
        failed = true
        reject(new Error('too large'))
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', (e) => {
      if (!failed) reject(e)
    })
  })
}

function handleSocket(ws: WebSocket, node: MetisNode, dispatcher: RpcDispatcher): void {
  const subs = new Map<string, () => void>()
  let seq = 0
  const send = (value: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(stringify(value))
  }
  const notify = (id: string, result: unknown) =>
    send({ jsonrpc: '2.0', method: 'eth_subscription', params: { subscription: id, result } })

  const subscribe = (params: unknown[]): Promise<unknown> => {
    const kind = params[0]
    const id = `0x${(++seq).toString(16).padStart(32, '0')}`
    if (kind === 'newHeads') {
      const fn = (e: BlockEvent) => notify(id, e.block.header)
      node.events.on('block', fn)
      subs.set(id, () => node.events.off('block', fn))
    } else if (kind === 'logs') {
      const parsed = logFilter.safeParse(params[1] ?? {})
      if (!parsed.success) return Promise.reject(new RpcInvalidParamsError('invalid logs filter'))
      const criteria = criteriaOf(parsed.data)
      const fn = (e: BlockEvent) => {
        for (const log of e.logs) if (logMatches(log, criteria)) notify(id, log)
      }
      node.events.on('block', fn)
      subs.set(id, () => node.events.off('block', fn))
    } else if (kind === 'newPendingTransactions') {
      const fn = (hash: string) => notify(id, hash)
      node.events.on('pendingTransaction', fn)
      subs.set(id, () => node.events.off('pendingTransaction', fn))
    } else if (kind === 'syncing') {
      subs.set(id, () => {})
    } else return Promise.reject(new RpcInvalidParamsError(`unsupported subscription type ${String(kind)}`))
    return Promise.resolve(id)
  }
  const extra = (method: string, params: unknown[]): Promise<unknown> | undefined => {
    if (method === 'eth_subscribe') return subscribe(params)
    if (method === 'eth_unsubscribe') {
      const off = subs.get(String(params[0]))
      if (off) {
        off()
        subs.delete(String(params[0]))
      }
      return Promise.resolve(off !== undefined)
    }
    return undefined
  }
  // Messages on one socket are answered in order.
  let queue: Promise<void> = Promise.resolve()
  ws.on('message', (data) => {
    queue = queue.then(async () => {
      let parsed: unknown
      try {
        parsed = JSON.parse(data.toString())
      } catch {
        send({ jsonrpc: '2.0', id: null, error: { code: RpcErrorCode.Parse, message: 'parse error' } })
        return
      }
      try {
        const out = await dispatcher.handle(parsed, extra)
        if (out !== undefined) send(out)
      } catch (err) {
        send({ jsonrpc: '2.0', id: null, error: new RpcError(RpcErrorCode.Internal, String(err)) })
      }
    })
  })
  ws.on('close', () => {
    for (const off of subs.values()) off()
    subs.clear()
  })
  ws.on('error', () => ws.terminate())
}
