import { HARDFORKS, type Hardfork, hardforkOrdinal } from './hardforks.js'

/**
 * When a fork activates: by block number (pre-Merge forks), by timestamp (Shanghai and later),
 * or, for the Merge on proof-of-work test networks, by total difficulty.
 */
export type ForkActivation = {
  fork: Hardfork
  block?: bigint | undefined
  timestamp?: bigint | undefined
  totalDifficulty?: bigint | undefined
}

/** EIP-4844 / EIP-7691 blob parameters of one fork. */
export type BlobParams = {
  /** Target blobs per block. */
  target: number
  /** Maximum blobs per block. */
  max: number
  /** Denominator of the blob base fee exponent. */
  baseFeeUpdateFraction: bigint
}

/** EIP-1559 fee market parameters (Ethereum: elasticity 2, denominator 8). */
export type FeeMarketParams = {
  elasticityMultiplier: bigint
  baseFeeChangeDenominator: bigint
  /** Base fee of the first London block. */
  initialBaseFee: bigint
}

/** A chain's identity and fork schedule. */
export type ChainConfig = {
  chainId: bigint
  /** Activations in fork order; forks not listed are never active. */
  forks: readonly ForkActivation[]
  /** Per-fork blob parameters overriding the Ethereum defaults. */
  blobSchedule?: Partial<Record<Hardfork, BlobParams>> | undefined
  /** EIP-1559 parameters overriding the Ethereum defaults (rollups tune these). */
  feeMarket?: Partial<FeeMarketParams> | undefined
}

/**
 * The fork active at a block `number` and `timestamp` (and, for test networks that merge by
 * difficulty, the block's total difficulty): the latest listed fork whose activation has been
 * reached.
 * @example forkAt(mainnetConfig, 20_000_000n, 1_717_000_000n) // 'Cancun'
 */
export function forkAt(
  config: ChainConfig,
  number: bigint,
  timestamp: bigint,
  totalDifficulty?: bigint,
): Hardfork {
  let active: Hardfork | undefined
  for (const a of config.forks) {
    const reached =
      (a.block !== undefined && number >= a.block) ||
      (a.timestamp !== undefined && timestamp >= a.timestamp) ||
      (a.totalDifficulty !== undefined &&
        totalDifficulty !== undefined &&
        totalDifficulty >= a.totalDifficulty)
    if (reached && (active === undefined || hardforkOrdinal(a.fork) > hardforkOrdinal(active)))
      active = a.fork
  }
  if (active === undefined)
    throw new RangeError(`no fork of chain ${config.chainId} is active at block ${number}`)
  return active
}

/** The activation entry of `fork` in `config`, if listed. */
export function forkActivation(config: ChainConfig, fork: Hardfork): ForkActivation | undefined {
  return config.forks.find((a) => a.fork === fork)
}

/** Every fork up to and including `fork`, all active at genesis (block 0 / timestamp 0). */
export function forksActiveAtGenesis(fork: Hardfork): ForkActivation[] {
  const last = hardforkOrdinal(fork)
  return HARDFORKS.slice(0, last + 1).map((f) =>
    hardforkOrdinal(f) >= hardforkOrdinal('Shanghai') ? { fork: f, timestamp: 0n } : { fork: f, block: 0n },
  )
}
