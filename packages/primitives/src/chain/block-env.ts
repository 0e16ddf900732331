import type { BlockHeader } from '../block/header.js'
import type { BlockEnv } from '../types/block.js'
import { calcBlobBaseFee } from './blob.js'
import { type ChainConfig, forkAt } from './config.js'

/**
 * The VM's view of a block, from its header and the chain config (fork by number/timestamp,
 * blob base fee from `excessBlobGas`).
 * @example blockEnvFromHeader(decodeHeader(raw), mainnetConfig).fork
 */
export function blockEnvFromHeader(
  header: BlockHeader,
  config: ChainConfig,
  totalDifficulty?: bigint,
): BlockEnv {
  const fork = forkAt(config, header.number, header.timestamp, totalDifficulty)
  return {
    number: header.number,
    timestamp: header.timestamp,
    coinbase: header.coinbase,
    gasLimit: header.gasLimit,
    baseFee: header.baseFeePerGas ?? 0n,
    prevRandao: header.mixHash,
    difficulty: header.difficulty,
    excessBlobGas: header.excessBlobGas,
    blobBaseFee:
      header.excessBlobGas === undefined ? undefined : calcBlobBaseFee(header.excessBlobGas, fork, config),
    parentBeaconBlockRoot: header.parentBeaconBlockRoot,
    chainId: config.chainId,
    fork,
  }
}
