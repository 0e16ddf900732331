import { type BlockEnv, isForkAtLeast } from '@metis-sdk/primitives'
import type { BlockHeader, ExecutorChainConfig } from '../types.js'
import { defaultBlobParams } from './constants.js'
import { blobBaseFee } from './fees.js'

/** The {@link BlockEnv} the VM sees for a header under `config`. */
export function blockEnvOf(header: BlockHeader, config: ExecutorChainConfig): BlockEnv {
  const fork = config.hardforkAt(header.number, header.timestamp)
  const cancun = isForkAtLeast(fork, 'Cancun')
  const params = (config.blobSchedule ?? defaultBlobParams)(fork)
  return {
    number: header.number,
    timestamp: header.timestamp,
    coinbase: header.coinbase.toLowerCase() as BlockEnv['coinbase'],
    gasLimit: header.gasLimit,
    baseFee: header.baseFeePerGas ?? 0n,
    prevRandao: header.mixHash,
    difficulty: header.difficulty,
    excessBlobGas: cancun ? (header.excessBlobGas ?? 0n) : undefined,
    blobBaseFee: cancun ? blobBaseFee(header.excessBlobGas ?? 0n, params.baseFeeUpdateFraction) : undefined,
    parentBeaconBlockRoot: header.parentBeaconBlockRoot,
    chainId: config.chainId,
    fork,
  }
}
