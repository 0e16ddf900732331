import type { TxExecutor } from '@metis-sdk/executor'
import type {
  Address,
  BlockEnv,
  ChainConfig,
  Hardfork,
  Hex,
  StateReader,
  TxResult,
} from '@metis-sdk/primitives'

/** Per-account overrides for eth_call / eth_estimateGas (geth's `stateOverride` object). */
export type AccountOverride = {
  balance?: bigint | undefined
  nonce?: bigint | undefined
  code?: Hex | undefined
  /** Replaces the whole storage. */
  state?: Map<bigint, bigint> | undefined
  /** Patches individual slots. */
  stateDiff?: Map<bigint, bigint> | undefined
}
export type StateOverrides = Map<Address, AccountOverride>

/** Parameters of a call simulation (eth_call, eth_estimateGas). */
export type ExecuteCallParameters = {
  state: StateReader
  block: BlockEnv
  from: Address
  to?: Address | null | undefined
  data?: Uint8Array | undefined
  value?: bigint | undefined
  gas?: bigint | undefined
  gasPrice?: bigint | undefined
  tracer?: unknown
}

/** The VM surface the node needs: the executor's TxExecutor plus call simulation. */
export type NodeVm = TxExecutor & {
  executeCall?(parameters: ExecuteCallParameters): TxResult
}

/** How blocks are produced. */
export type MiningMode = { mode: 'auto' } | { mode: 'interval'; intervalMs: number } | { mode: 'manual' }

/** Options of {@link createNode}. */
export type CreateNodeOptions = {
  /** Chain id (default 31337). */
  chainId?: bigint | number | undefined
  /** The fork active from genesis (default 'Prague'). */
  fork?: Hardfork | undefined
  /** Full chain config (overrides chainId/fork). */
  chainConfig?: ChainConfig | undefined
  /** Data directory holding `state/` and `chain/`. Without it the node is ephemeral (temp dir removed on close). */
  dataDir?: string | undefined
  /** Dev accounts mnemonic (default: the standard test mnemonic). */
  mnemonic?: string | undefined
  /** Number of funded dev accounts (default 10). */
  accounts?: number | undefined
  /** Balance of each dev account in wei (default 10,000 ETH). */
  balance?: bigint | undefined
  /** Extra genesis allocations (geth alloc shape). */
  alloc?:
    | Record<
        Address,
        {
          balance?: bigint | string | undefined
          nonce?: bigint | undefined
          code?: Hex | undefined
          storage?: Record<Hex, Hex> | undefined
        }
      >
    | undefined
  /** Block production (default automine). */
  mining?: MiningMode | undefined
  /** Block gas limit (default 30,000,000). */
  blockGasLimit?: bigint | undefined
  /** Initial base fee (default 1 gwei). */
  baseFee?: bigint | undefined
  /** Coinbase of produced blocks (default 0x0…0). */
  coinbase?: Address | undefined
  /** Genesis timestamp in seconds (default: now). */
  genesisTimestamp?: bigint | undefined
  /** Block-STM workers; 0 (default) runs blocks sequentially on the main thread. */
  workers?: number | undefined
  /** The EVM (default: `@metis-sdk/vm`, loaded on first use). */
  vm?: NodeVm | undefined
  /** Module the Block-STM workers import their VM from (default `@metis-sdk/vm`); see `vm`. */
  vmModule?: string | undefined
  /** Mempool limits. */
  mempool?: { maxPerSender?: number | undefined; maxTotal?: number | undefined } | undefined
  /** Skip fsync on commit (tests, benchmarks). */
  noSync?: boolean | undefined
  /** Max transactions per block in interval mode (default: gas limit bound only). */
  maxTxsPerBlock?: number | undefined
  /** Reported by web3_clientVersion. */
  clientVersion?: string | undefined
}
