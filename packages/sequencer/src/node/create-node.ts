import type { Address } from '@metis-sdk/primitives'
import { NodeOptionsError } from '../errors.js'
import { RpcDispatcher } from '../rpc/dispatcher.js'
import { createMethods } from '../rpc/methods.js'
import { type RpcServer, type RpcServerOptions, startRpcServer } from '../rpc/server.js'
import type { DevAccount } from './dev-accounts.js'
import { MetisNode } from './node.js'
import type { CreateNodeOptions } from './types.js'

/** An EIP-1193 request. */
export type RequestArguments = { method: string; params?: readonly unknown[] | object | undefined }

/** A running in-process node. */
export type Node = {
  /** EIP-1193 `request`: resolves with the JSON-RPC result or rejects with an error carrying `code`/`data`. */
  request(args: RequestArguments): Promise<any>
  /** Serves JSON-RPC over HTTP and WebSocket. */
  listen(options?: RpcServerOptions): Promise<RpcServer>
  /** Stops servers, block production and closes the databases. */
  close(): Promise<void>
  /** Funded dev accounts (address + private key). */
  accounts: DevAccount[]
  chainId: bigint
  /** The node internals (state DB, chain store, mempool) for embedding and tests. */
  node: MetisNode
}

/**
 * Creates an in-process Ethereum node: MetisDB state, LMDB chain store, mempool, block
 * production (automine by default) and the JSON-RPC method table, usable directly through
 * `request` (e.g. as a viem `custom` transport) or served with `listen`.
 *
 * @example
 * const node = createNode({ chainId: 31337 })
 * const client = createPublicClient({ transport: custom(node) })
 * await client.getBlockNumber() // 0n
 * await node.close()
 */
export function createNode(options: CreateNodeOptions = {}): Node {
  // The calling thread runs blocks with `vm` while the workers import theirs from `vmModule`: a
  // custom VM without the matching module would make the threads of one block disagree.
  if ((options.workers ?? 0) > 0 && options.vm !== undefined && options.vmModule === undefined)
    throw new NodeOptionsError('a custom `vm` with `workers` needs `vmModule`', {
      details:
        'pass vmModule: a module whose default export is the same VM (e.g. `export default withPrecompiles({...})`), or workers: 0',
    })
  const node = new MetisNode(options)
  const { methods, filters, prepareBatch, close: closeMethods } = createMethods(node)
  const dispatcher = new RpcDispatcher(methods, { prepareBatch })
  const servers: RpcServer[] = []
  return {
    request: (args) => {
      if (node.isClosed) return Promise.reject(new Error('node is closed'))
      return dispatcher.call(args.method, args.params)
    },
    async listen(listenOptions) {
      const server = await startRpcServer(node, dispatcher, listenOptions)
      servers.push(server)
      return server
    },
    async close() {
      for (const s of servers.splice(0)) await s.close()
      filters.close()
      closeMethods()
      await node.close()
    },
    accounts: node.accounts,
    chainId: node.chainId,
    node,
  }
}

export type { Address }
