import type { Address, ChainConfig, GenesisAlloc, StateReader } from '@metis-sdk/primitives'
import type { ExecutableBlock } from '../src/types.js'
export declare const config: ChainConfig
export declare const COINBASE: Address
export declare function genesis(options?: {
  users?: number
  pools?: number
  doomedCount?: number
  coinbaseBalance?: bigint
}): GenesisAlloc
export declare function benchBlock(kind: string, n: number): ExecutableBlock
export declare function adversarialBlock(
  seed: number,
  n: number,
  number?: bigint,
  state?: StateReader,
  options?: { coinbaseSends?: boolean },
): ExecutableBlock
export declare const authorities: Address[]
