import { BaseError, type BaseErrorParameters } from '@metis-sdk/primitives'

/** Standard JSON-RPC 2.0 / EIP-1474 error codes. */
export const RpcErrorCode = {
  Parse: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  /** geth uses -32000 for "server" errors: tx pool rejections, missing state, … */
  Server: -32000,
  ResourceNotFound: -32001,
  LimitExceeded: -32005,
  /** execution reverted: `data` carries the revert bytes (geth). */
  Reverted: 3,
} as const

type WithData = BaseErrorParameters & { data?: unknown }

/** A JSON-RPC error carried to the caller with its code (and optional `data`). */
export class RpcError extends BaseError {
  override name = 'RpcError'
  readonly data: unknown
  constructor(code: number, message: string, parameters: WithData = {}) {
    super(message, { ...parameters, code })
    this.data = parameters.data
  }
}

/** Unparseable JSON (-32700). */
export class RpcParseError extends RpcError {
  override name = 'RpcParseError'
  constructor(details?: string) {
    super(RpcErrorCode.Parse, 'Parse error', { details })
  }
}

/** A request object that is not a valid JSON-RPC request (-32600). */
export class RpcInvalidRequestError extends RpcError {
  override name = 'RpcInvalidRequestError'
  constructor(message = 'Invalid request') {
    super(RpcErrorCode.InvalidRequest, message)
  }
}

/** The method does not exist (-32601), worded as geth words it. */
export class RpcMethodNotFoundError extends RpcError {
  override name = 'RpcMethodNotFoundError'
  constructor(method: string) {
    super(RpcErrorCode.MethodNotFound, `the method ${method} does not exist/is not available`)
  }
}

/** Parameters that do not match the method's schema (-32602). */
export class RpcInvalidParamsError extends RpcError {
  override name = 'RpcInvalidParamsError'
  constructor(message: string) {
    super(RpcErrorCode.InvalidParams, message)
  }
}

/** A transaction the pool refuses; the message is geth's exact wording (clients match on it). */
export class TxPoolRejectedError extends RpcError {
  override name = 'TxPoolRejectedError'
  constructor(message: string, details?: string) {
    super(RpcErrorCode.Server, message, { details })
  }
}

/** `execution reverted` with the revert data, code 3 as geth returns it. */
export class ExecutionRevertedError extends RpcError {
  override name = 'ExecutionRevertedError'
  constructor(reason: string | undefined, data: `0x${string}`) {
    super(RpcErrorCode.Reverted, reason ? `execution reverted: ${reason}` : 'execution reverted', { data })
  }
}

/** A block, tx or state version the node does not have. */
export class ResourceUnavailableError extends RpcError {
  override name = 'ResourceUnavailableError'
  constructor(message: string) {
    super(RpcErrorCode.Server, message)
  }
}

/** The node was used after `close()`. */
export class NodeClosedError extends RpcError {
  override name = 'NodeClosedError'
  constructor() {
    super(RpcErrorCode.Server, 'node is closed')
  }
}

/** `createNode` options that cannot work together (raised before anything is opened). */
export class NodeOptionsError extends BaseError {
  override name = 'NodeOptionsError'
}
