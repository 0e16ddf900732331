import type { BlobParams, ChainConfig } from './config.js'
import { type Hardfork, isForkAtLeast } from './hardforks.js'

/** Blob gas per blob (EIP-4844): 2^17. */
export const GAS_PER_BLOB = 131_072n
/** Minimum blob base fee in wei (EIP-4844). */
export const MIN_BLOB_BASE_FEE = 1n
/** EIP-7918 (Osaka): the execution cost floor of a blob, in base-fee units. */
export const BLOB_BASE_COST = 8192n

const CANCUN: BlobParams = { target: 3, max: 6, baseFeeUpdateFraction: 3_338_477n }
const PRAGUE: BlobParams = { target: 6, max: 9, baseFeeUpdateFraction: 5_007_716n }

/**
 * Blob parameters of `fork`: Cancun target 3 / max 6, Prague and Osaka target 6 / max 9
 * (EIP-7691), unless the chain's `blobSchedule` overrides them. Undefined before Cancun.
 * @example blobParams('Prague') // { target: 6, max: 9, baseFeeUpdateFraction: 5007716n }
 */
export function blobParams(
  fork: Hardfork,
  config?: Pick<ChainConfig, 'blobSchedule'>,
): BlobParams | undefined {
  const own = config?.blobSchedule?.[fork]
  if (own) return own
  if (!isForkAtLeast(fork, 'Cancun')) return undefined
  // Inherit the latest override at or before this fork, else the Ethereum default.
  if (config?.blobSchedule) {
    let best: BlobParams | undefined
    for (const f of ['Cancun', 'Prague', 'Osaka'] as const)
      if (isForkAtLeast(fork, f) && config.blobSchedule[f]) best = config.blobSchedule[f]
    if (best) return best
  }
  return isForkAtLeast(fork, 'Prague') ? PRAGUE : CANCUN
}

/**
 * `factor * e^(numerator / denominator)` in integers, by the Taylor series of EIP-4844.
 * @example fakeExponential(1n, 0n, 3338477n) // 1n
 */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive')
  let output = 0n
  let acc = factor * denominator
  for (let i = 1n; acc > 0n; i++) {
    output += acc
    acc = (acc * numerator) / (denominator * i)
  }
  return output / denominator
}

function paramsOf(fork: Hardfork | BlobParams, config?: Pick<ChainConfig, 'blobSchedule'>): BlobParams {
  if (typeof fork !== 'string') return fork
  const p = blobParams(fork, config)
  if (!p) throw new RangeError(`fork ${fork} has no blobs`)
  return p
}

/**
 * Blob base fee from a block's `excessBlobGas` (EIP-4844; update fraction per fork).
 * @example calcBlobBaseFee(0n, 'Cancun') // 1n
 */
export function calcBlobBaseFee(
  excessBlobGas: bigint,
  fork: Hardfork | BlobParams,
  config?: Pick<ChainConfig, 'blobSchedule'>,
): bigint {
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, paramsOf(fork, config).baseFeeUpdateFraction)
}

/** The parent-header fields the excess blob gas depends on. */
export type ExcessBlobGasParent = {
  excessBlobGas?: bigint | undefined
  blobGasUsed?: bigint | undefined
  /** Needed from Osaka (EIP-7918). */
  baseFeePerGas?: bigint | undefined
}

/**
 * `excessBlobGas` of the block after `parent`, under the rules of the child's `fork`: the parent's
 * excess plus blob gas used, minus the target (floored at 0). From Osaka (EIP-7918), when blobs
 * are priced below their execution cost floor the excess only grows, scaled by (max-target)/max.
 * A pre-Cancun parent counts as zero excess and zero used.
 * @example calcExcessBlobGas({ excessBlobGas: 0n, blobGasUsed: 6n * 131072n }, 'Cancun') // 393216n
 */
export function calcExcessBlobGas(
  parent: ExcessBlobGasParent,
  fork: Hardfork | BlobParams,
  config?: Pick<ChainConfig, 'blobSchedule'>,
): bigint {
  const p = paramsOf(fork, config)
  const excess = parent.excessBlobGas ?? 0n
  const used = parent.blobGasUsed ?? 0n
  const target = BigInt(p.target) * GAS_PER_BLOB
  if (excess + used < target) return 0n
  if (typeof fork === 'string' && isForkAtLeast(fork, 'Osaka') && parent.baseFeePerGas !== undefined) {
    const blobFee = fakeExponential(MIN_BLOB_BASE_FEE, excess, p.baseFeeUpdateFraction)
    if (BLOB_BASE_COST * parent.baseFeePerGas > GAS_PER_BLOB * blobFee)
      return excess + (used * BigInt(p.max - p.target)) / BigInt(p.max)
  }
  return excess + used - target
}
