import type { Hardfork } from '@metis-sdk/primitives'
import {
  type CreateNodeOptions,
  createNode,
  type MiningMode,
  type Node,
  type NodeVm,
} from '@metis-sdk/sequencer'

/** Genesis of a chain built with {@link createChain}. */
export type GenesisOptions = {
  chainId?: number | bigint
  /** Fork active from genesis (default Prague). */
  fork?: Hardfork
  timestamp?: bigint
  /** Funded dev accounts derived from `mnemonic` (default 10 × 10,000 ETH). */
  mnemonic?: string
  accounts?: number
  balance?: bigint
  /** Extra allocations in geth `alloc` shape. */
  alloc?: CreateNodeOptions['alloc']
  gasLimit?: bigint
  baseFee?: bigint
}

/** Each building block of the chain, swappable independently. */
export type CreateChainOptions = {
  genesis?: GenesisOptions
  /** The EVM (default MetisVM). Any `TxExecutor` with `executeCall` fits. */
  vm?: NodeVm
  /** State storage: `temporary` (a temp dir removed on close) or a persistent data directory. */
  statedb?: { kind: 'temporary' } | { kind: 'persistent'; dataDir: string; noSync?: boolean }
  /** Block execution: sequential, or Block-STM over `workers` worker threads. */
  executor?: { kind: 'sequential' } | { kind: 'parallel'; workers: number }
  /** Block production and mempool. */
  sequencer?: {
    mining?: MiningMode
    maxTxsPerBlock?: number
    coinbase?: `0x${string}`
    mempool?: CreateNodeOptions['mempool']
  }
}

/** A running chain: the in-process node with its EIP-1193 `request`. */
export type MetisChain = Node

/**
 * Assembles a chain from its blocks and starts it in-process. The returned node speaks
 * EIP-1193 (`request`), so it plugs into viem with `custom(chain)` or {@link createMemoryClient}.
 */
export function createChain(options: CreateChainOptions = {}): MetisChain {
  const g = options.genesis ?? {}
  const statedb = options.statedb ?? { kind: 'temporary' }
  const executor = options.executor ?? { kind: 'sequential' }
  const seq = options.sequencer ?? {}
  return createNode({
    chainId: g.chainId,
    fork: g.fork,
    genesisTimestamp: g.timestamp,
    mnemonic: g.mnemonic,
    accounts: g.accounts,
    balance: g.balance,
    alloc: g.alloc,
    blockGasLimit: g.gasLimit,
    baseFee: g.baseFee,
    vm: options.vm,
    dataDir: statedb.kind === 'persistent' ? statedb.dataDir : undefined,
    noSync: statedb.kind === 'persistent' ? statedb.noSync : true,
    workers: executor.kind === 'parallel' ? executor.workers : 0,
    mining: seq.mining,
    maxTxsPerBlock: seq.maxTxsPerBlock,
    coinbase: seq.coinbase?.toLowerCase() as never,
    mempool: seq.mempool,
  })
}
