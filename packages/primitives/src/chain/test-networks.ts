import { type ChainConfig, type ForkActivation, forksActiveAtGenesis } from './config.js'
import { UnknownNetworkError } from './errors.js'
import { HARDFORKS, type Hardfork, hardforkOrdinal, normalizeHardfork } from './hardforks.js'

/**
 * The chain config of an ethereum/tests network name (chain id 1): a fork name (`Cancun`,
 * `Merge`, `ConstantinopleFix`, …) means that fork from genesis; a transition
 * (`BerlinToLondonAt5`, `ShanghaiToCancunAtTime15k`, `CancunToPragueAtTime15k`,
 * `ArrowGlacierToParisAtDiffC0000`) switches at a block, timestamp or total difficulty.
 * @throws UnknownNetworkError
 * @example forkAt(configForTestNetwork('ShanghaiToCancunAtTime15k'), 1n, 15_000n) // 'Cancun'
 */
export function configForTestNetwork(name: string): ChainConfig {
  const single = normalizeHardfork(name)
  if (single) return { chainId: 1n, forks: forksActiveAtGenesis(single) }
  const m = /^([A-Za-z0-9]+?)To([A-Za-z0-9]+)At(Time|Diff)?([0-9A-Fa-f]+)(k)?$/.exec(name)
  if (!m) throw new UnknownNetworkError(name)
  const from = normalizeHardfork(m[1]!)
  const to = normalizeHardfork(m[2]!)
  if (!from || !to || hardforkOrdinal(to) <= hardforkOrdinal(from)) throw new UnknownNetworkError(name)
  const kind = m[3] ?? 'Block'
  const value = kind === 'Diff' ? BigInt(`0x${m[4]}`) : BigInt(m[4]!) * (m[5] ? 1000n : 1n)
  const forks: ForkActivation[] = forksActiveAtGenesis(from)
  for (const fork of HARDFORKS.slice(hardforkOrdinal(from) + 1, hardforkOrdinal(to) + 1) as Hardfork[]) {
    forks.push(
      kind === 'Time'
        ? { fork, timestamp: value }
        : kind === 'Diff'
          ? { fork, totalDifficulty: value }
          : { fork, block: value },
    )
  }
  return { chainId: 1n, forks }
}
