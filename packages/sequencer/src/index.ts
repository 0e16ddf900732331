// @metis-sdk/sequencer — the node: mempool, block production, chain store, JSON-RPC.
export { createNode, type Node, type RequestArguments } from './node/create-node.js'
export { MetisNode, type BlockEvent } from './node/node.js'
export type { CreateNodeOptions, MiningMode, NodeVm, ExecuteCallParameters, StateOverrides, AccountOverride } from './node/types.js'
export { DEFAULT_MNEMONIC, deriveDevAccounts, type DevAccount } from './node/dev-accounts.js'
export { ChainStore, ChainStoreError, type StoredBlock, type StoredTransaction, type BlockRecord, type LogQuery } from './chain/chain-store.js'
export { Mempool, type MempoolOptions, type PoolContext, type PoolTransaction } from './mempool/mempool.js'
export { RpcDispatcher, type JsonRpcResponse } from './rpc/dispatcher.js'
export { createMethods, revertReason, type RpcHandler } from './rpc/methods.js'
export { startRpcServer, type RpcServer, type RpcServerOptions } from './rpc/server.js'
export {
  RpcError,
  RpcErrorCode,
  RpcParseError,
  RpcInvalidRequestError,
  RpcMethodNotFoundError,
  RpcInvalidParamsError,
  TxPoolRejectedError,
  ExecutionRevertedError,
  ResourceUnavailableError,
  NodeClosedError,
} from './errors.js'
