import { type Address, type BlockEnv, blockEnvFromHeader } from '@metis-sdk/primitives'
import type { BlockHeader, ExecutorChainConfig } from '../types.js'

/** The {@link BlockEnv} the VM sees for a header under `config` (coinbase lowercased for map keys). */
export function blockEnvOf(header: BlockHeader, config: ExecutorChainConfig): BlockEnv {
  const env = blockEnvFromHeader(header, config)
  env.coinbase = env.coinbase.toLowerCase() as Address
  return env
}
