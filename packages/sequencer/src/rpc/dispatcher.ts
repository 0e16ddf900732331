import { BaseError, toRpcError } from '@metis-sdk/primitives'
import {
  RpcError,
  RpcErrorCode,
  RpcInvalidParamsError,
  RpcInvalidRequestError,
  RpcMethodNotFoundError,
} from '../errors.js'
import type { RpcHandler } from './methods.js'

export type JsonRpcId = string | number | null
export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: { code: number; message: string; data?: unknown } }

/** Options of {@link RpcDispatcher}. */
export type DispatcherOptions = {
  /** Max requests in one batch (geth: 1000). */
  batchLimit?: number | undefined
}

/**
 * Turns parsed JSON-RPC messages (single or batch) into responses. Every failure becomes a
 * JSON-RPC error object; nothing a client sends can throw out of here.
 */
export class RpcDispatcher {
  readonly batchLimit: number
  private readonly prepare: ((messages: unknown[]) => Promise<void>) | undefined
  constructor(
    private readonly methods: Map<string, RpcHandler>,
    options: DispatcherOptions & { prepareBatch?: ((messages: unknown[]) => Promise<void>) | undefined } = {},
  ) {
    this.batchLimit = options.batchLimit ?? 1000
    this.prepare = options.prepareBatch
  }

  /** Calls one method; throws an {@link RpcError} (EIP-1193 style) on failure. */
  async call(method: string, params: unknown): Promise<unknown> {
    const handler = this.methods.get(method)
    if (!handler) throw new RpcMethodNotFoundError(method)
    if (params !== undefined && params !== null && !Array.isArray(params))
      throw new RpcInvalidParamsError('non-array args')
    // Handlers declared without a parameter take none (geth rejects extra arguments the same way).
    if (handler.length === 0 && Array.isArray(params) && params.length > 0)
      throw new RpcInvalidParamsError('too many arguments, want at most 0')
    try {
      return await handler((params as unknown[] | undefined) ?? [])
    } catch (err) {
      throw toError(err)
    }
  }

  /** Handles one parsed message; undefined when no response is due (notifications only). */
  async handle(
    message: unknown,
    extra?: (method: string, params: unknown[]) => Promise<unknown> | undefined,
  ): Promise<JsonRpcResponse | JsonRpcResponse[] | undefined> {
    if (Array.isArray(message)) {
      if (message.length === 0) return errorResponse(null, new RpcInvalidRequestError('empty batch'))
      if (message.length > this.batchLimit)
        return message.map((m) =>
          errorResponse(idOf(m) ?? null, new RpcError(RpcErrorCode.InvalidRequest, 'batch too large')),
        )
      // Batch-wide work first (e.g. recovering every raw transaction's sender off the main thread).
      if (this.prepare) await this.prepare(message).catch(() => undefined)
      const out: JsonRpcResponse[] = []
      // Sequential on purpose: a batch of sends must keep its order (nonces) and not starve other clients.
      for (const m of message) {
        const r = await this.single(m, extra)
        if (r) out.push(r)
      }
      return out.length === 0 ? undefined : out
    }
    return this.single(message, extra)
  }

  private async single(
    m: unknown,
    extra?: (method: string, params: unknown[]) => Promise<unknown> | undefined,
  ): Promise<JsonRpcResponse | undefined> {
    if (typeof m !== 'object' || m === null || Array.isArray(m))
      return errorResponse(null, new RpcInvalidRequestError())
    const req = m as { jsonrpc?: unknown; method?: unknown; params?: unknown; id?: unknown }
    const hasId = 'id' in req
    const id = idOf(m)
    if (hasId && id === undefined) return errorResponse(null, new RpcInvalidRequestError('invalid id'))
    if (req.jsonrpc !== '2.0' || typeof req.method !== 'string')
      return errorResponse(id ?? null, new RpcInvalidRequestError())
    try {
      const params = (req.params ?? []) as unknown[]
      let result: unknown
      const special = extra && Array.isArray(params) ? extra(req.method, params) : undefined
      if (special !== undefined) result = await special
      else result = await this.call(req.method, req.params)
      if (!hasId) return undefined
      return { jsonrpc: '2.0', id: id ?? null, result: result === undefined ? null : result }
    } catch (err) {
      if (!hasId) return undefined
      return errorResponse(id ?? null, err)
    }
  }
}

function idOf(m: unknown): JsonRpcId | undefined {
  if (typeof m !== 'object' || m === null) return null
  const id = (m as { id?: unknown }).id
  if (id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id
  return undefined
}

function toError(err: unknown): RpcError | BaseError {
  if (err instanceof BaseError) return err
  const e = new RpcError(RpcErrorCode.Internal, err instanceof Error ? err.message : 'internal error', {
    cause: err,
  })
  return e
}

function errorResponse(id: JsonRpcId, err: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: toRpcError(toError(err)) }
}

const bigintAsHex = (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)

/**
 * JSON.stringify that never throws on a stray bigint (hex quantity). Responses are JSON-ready, so
 * the plain (much faster, no per-key callback) stringify runs first; only a bigint makes it throw
 * and take the replacer path.
 */
export function stringify(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (err) {
    if (!(err instanceof TypeError)) throw err
    return JSON.stringify(value, bigintAsHex)
  }
}
