import type { StackParams } from '@metis-sdk/contracts'
import { BaseError, type Hardfork } from '@metis-sdk/primitives'
import {
  type CreateNodeOptions,
  createNode,
  DEFAULT_MNEMONIC,
  deriveDevAccounts,
  type MiningMode,
  type Node,
  type NodeVm,
} from '@metis-sdk/sequencer'
import { aiStackGenesisAlloc } from './genesis-preset.js'
import { type PrecompileMap, withPrecompiles } from './precompiles.js'

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
  /**
   * Predeploy the AI contract stack in the genesis state at `aiStackPresetAddresses` (no deploy
   * transactions). `true` uses the default parameters with dev account 0 as owner; an object
   * overrides them (`owner`, fees, stakes, …).
   */
  aiStack?: boolean | Partial<StackParams>
}

/** Each building block of the chain, swappable independently. */
export type CreateChainOptions = {
  genesis?: GenesisOptions
  /** The EVM (default MetisVM). Any `TxExecutor` with `executeCall` fits. */
  vm?: NodeVm
  /** State storage: `temporary` (a temp dir removed on close) or a persistent data directory. */
  statedb?: { kind: 'temporary' } | { kind: 'persistent'; dataDir: string; noSync?: boolean }
  /**
   * Block execution: sequential, or Block-STM over `workers` worker threads. Workers load their VM
   * from `vmModule` (default `@metis-sdk/vm`); with custom `vm` or `precompiles` a parallel
   * executor needs a `vmModule` whose default export is the same VM (e.g. `withPrecompiles(...)`).
   */
  executor?: { kind: 'sequential' } | { kind: 'parallel'; workers: number; vmModule?: string }
  /**
   * Custom precompiles by address (e.g. the AI inference precompile at `0x…0999`), warm like the
   * built-ins. Each must be deterministic and synchronous. Addresses 0x…01–0x…11 are rejected.
   */
  precompiles?: PrecompileMap
  /** Block production and mempool. */
  sequencer?: {
    mining?: MiningMode
    maxTxsPerBlock?: number
    coinbase?: `0x${string}`
    mempool?: CreateNodeOptions['mempool']
  }
}

/** A `createChain` option combination that cannot work (the message says which and why). */
export class CreateChainOptionsError extends BaseError {
  override name = 'CreateChainOptionsError'
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
  const hasPrecompiles = options.precompiles !== undefined && Object.keys(options.precompiles).length > 0
  let vmModule: string | undefined
  if (executor.kind === 'parallel') {
    if (!Number.isInteger(executor.workers) || executor.workers < 1)
      throw new CreateChainOptionsError(
        `executor.workers must be a positive integer, got ${executor.workers}`,
      )
    vmModule = executor.vmModule
    // Worker threads import their VM from a module path; functions (precompile handlers, a custom
    // VM object) cannot be sent to them. Without a module they would run plain MetisVM and
    // compute different blocks than the main thread, so refuse instead of diverging silently.
    if ((hasPrecompiles || options.vm !== undefined) && vmModule === undefined)
      throw new CreateChainOptionsError(
        "custom precompiles or a custom vm cannot reach the parallel executor's worker threads",
        {
          details:
            "pass executor.vmModule: a module whose default export is the same VM (e.g. `export default withPrecompiles({...})`), or use executor: { kind: 'sequential' }",
        },
      )
  }
  let vm = options.vm
  if (hasPrecompiles) {
    try {
      vm = withPrecompiles(options.precompiles as PrecompileMap, vm)
    } catch (err) {
      throw new CreateChainOptionsError(
        `invalid precompiles option: ${(err as { shortMessage?: string }).shortMessage ?? (err as Error).message}`,
        { cause: err },
      )
    }
  }
  const chainId = BigInt(g.chainId ?? 31337)
  const timestamp = g.timestamp ?? BigInt(Math.floor(Date.now() / 1000))
  let alloc = g.alloc
  if (g.aiStack) {
    const params = g.aiStack === true ? {} : g.aiStack
    const owner = params.owner ?? deriveDevAccounts(g.mnemonic ?? DEFAULT_MNEMONIC, 1)[0]!.address
    alloc = { ...aiStackGenesisAlloc({ ...params, owner, chainId, timestamp, fork: g.fork }), ...g.alloc }
  }
  return createNode({
    chainId,
    fork: g.fork,
    genesisTimestamp: timestamp,
    mnemonic: g.mnemonic,
    accounts: g.accounts,
    balance: g.balance,
    alloc,
    blockGasLimit: g.gasLimit,
    baseFee: g.baseFee,
    vm,
    vmModule,
    dataDir: statedb.kind === 'persistent' ? statedb.dataDir : undefined,
    noSync: statedb.kind === 'persistent' ? statedb.noSync : true,
    workers: executor.kind === 'parallel' ? executor.workers : 0,
    mining: seq.mining,
    maxTxsPerBlock: seq.maxTxsPerBlock,
    coinbase: seq.coinbase?.toLowerCase() as never,
    mempool: seq.mempool,
  })
}
