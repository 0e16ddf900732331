// @metis-sdk/sequencer — the node: mempool, block production, chain store, JSON-RPC.

export {
  type BlockRecord,
  ChainStore,
  ChainStoreError,
  type LogQuery,
  type StoredBlock,
  type StoredTransaction,
} from './chain/chain-store.js'
export {
  ExecutionRevertedError,
  NodeClosedError,
  NodeOptionsError,
  ResourceUnavailableError,
  RpcError,
  RpcErrorCode,
  RpcInvalidParamsError,
  RpcInvalidRequestError,
  RpcMethodNotFoundError,
  RpcParseError,
  TxPoolRejectedError,
} from './errors.js'
export { Mempool, type MempoolOptions, type PoolContext, type PoolTransaction } from './mempool/mempool.js'
export { createNode, type Node, type RequestArguments } from './node/create-node.js'
export { DEFAULT_MNEMONIC, type DevAccount, deriveDevAccounts } from './node/dev-accounts.js'
export { type BlockEvent, MetisNode } from './node/node.js'
export type {
  AccountOverride,
  CreateNodeOptions,
  ExecuteCallParameters,
  MiningMode,
  NodeVm,
  StateOverrides,
} from './node/types.js'
export { type JsonRpcResponse, RpcDispatcher } from './rpc/dispatcher.js'
export { createMethods, type RpcHandler, revertReason } from './rpc/methods.js'
export { type RpcServer, type RpcServerOptions, startRpcServer } from './rpc/server.js'
