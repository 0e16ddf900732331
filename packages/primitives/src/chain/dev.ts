import { type ChainConfig, forksActiveAtGenesis } from './config.js'
import type { Hardfork } from './hardforks.js'

/** Parameters of {@link devChainConfig}. */
export type DevChainConfigParameters = {
  chainId: bigint
  /** The fork active from genesis (default `'Prague'`). */
  fork?: Hardfork | undefined
}

/**
 * A development chain with every fork up to `fork` active at genesis.
 * @example devChainConfig({ chainId: 1337n }) // Prague from block 0
 */
export function devChainConfig({ chainId, fork = 'Prague' }: DevChainConfigParameters): ChainConfig {
  return { chainId, forks: forksActiveAtGenesis(fork) }
}
