import type { ChainConfig } from './config.js'

/**
 * Ethereum mainnet (chain id 1): block-number activations up to the Merge, timestamps after it.
 * Blob parameters are the per-fork defaults; the post-Osaka blob-parameter-only forks (BPO1/BPO2)
 * are not modelled.
 * @example forkAt(mainnetConfig, 17_034_870n, 1_681_338_455n) // 'Shanghai'
 */
export const mainnetConfig: ChainConfig = {
  chainId: 1n,
  forks: [
    { fork: 'Frontier', block: 0n },
    { fork: 'Homestead', block: 1_150_000n },
    { fork: 'EIP150', block: 2_463_000n },
    { fork: 'EIP158', block: 2_675_000n },
    { fork: 'Byzantium', block: 4_370_000n },
    { fork: 'Constantinople', block: 7_280_000n },
    { fork: 'ConstantinopleFix', block: 7_280_000n },
    { fork: 'Istanbul', block: 9_069_000n },
    { fork: 'MuirGlacier', block: 9_200_000n },
    { fork: 'Berlin', block: 12_244_000n },
    { fork: 'London', block: 12_965_000n },
    { fork: 'ArrowGlacier', block: 13_773_000n },
    { fork: 'GrayGlacier', block: 15_050_000n },
    { fork: 'Paris', block: 15_537_394n },
    { fork: 'Shanghai', timestamp: 1_681_338_455n },
    { fork: 'Cancun', timestamp: 1_710_338_135n },
    { fork: 'Prague', timestamp: 1_746_612_311n },
    { fork: 'Osaka', timestamp: 1_764_798_551n },
  ],
}
