/** Parameters accepted by every {@link BaseError}. */
export type BaseErrorParameters = {
  /** Extra technical detail, appended to the message under "Details:". */
  details?: string | undefined
  /** Extra lines shown after the short message (context, hints). */
  metaMessages?: string[] | undefined
  /** The underlying error, if any. */
  cause?: unknown
  /** JSON-RPC error code carried to RPC callers (see {@link toRpcError}). */
  code?: number | undefined
}

/**
 * The one error shape of MetisSDK, modelled on viem's `BaseError`: a short message for humans,
 * optional details and meta lines, a `cause` chain and `walk()` to search it.
 *
 * @example
 * class RlpTrailingBytesError extends BaseError { override name = 'RlpTrailingBytesError' }
 * throw new RlpTrailingBytesError('RLP input has trailing bytes', { details: '3 bytes left' })
 */
export class BaseError extends Error {
  override name = 'BaseError'
  readonly shortMessage: string
  readonly details: string | undefined
  readonly metaMessages: string[] | undefined
  readonly code: number | undefined

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const details =
      parameters.details ??
      (parameters.cause instanceof BaseError
        ? parameters.cause.details
        : parameters.cause instanceof Error
          ? parameters.cause.message
          : undefined)
    const lines = [shortMessage || 'An error occurred.']
    if (parameters.metaMessages?.length) lines.push('', ...parameters.metaMessages)
    if (details) lines.push('', `Details: ${details}`)
    super(lines.join('\n'), parameters.cause === undefined ? undefined : { cause: parameters.cause })
    this.shortMessage = shortMessage
    this.details = details
    this.metaMessages = parameters.metaMessages
    this.code = parameters.code
  }

  /** Walks the `cause` chain and returns the deepest error, or the first one matching `fn`. */
  walk(fn?: (err: unknown) => boolean): unknown {
    return walk(this, fn)
  }
}

function walk(err: unknown, fn?: (err: unknown) => boolean): unknown {
  if (fn?.(err)) return err
  if (err && typeof err === 'object' && 'cause' in err && err.cause !== undefined) return walk(err.cause, fn)
  return fn ? null : err
}

/** JSON-RPC error object as sent on the wire. */
export type RpcErrorObject = { code: number; message: string; data?: unknown }

/** Serialises any thrown value to a JSON-RPC error object; unknown errors become -32603. */
export function toRpcError(err: unknown): RpcErrorObject {
  if (err instanceof BaseError) {
    const data = (err as BaseError & { data?: unknown }).data
    return {
      code: err.code ?? -32603,
      message: err.shortMessage,
      ...(data === undefined ? {} : { data }),
    }
  }
  return { code: -32603, message: err instanceof Error ? err.message : 'Internal error' }
}
