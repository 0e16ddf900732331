import type { ChainConfig, FeeMarketParams } from './config.js'

/** Ethereum's EIP-1559 parameters: elasticity 2, change denominator 8, 1 gwei at the London block. */
export const DEFAULT_FEE_MARKET: FeeMarketParams = {
  elasticityMultiplier: 2n,
  baseFeeChangeDenominator: 8n,
  initialBaseFee: 1_000_000_000n,
}

/** The parent-header fields the base fee depends on. */
export type BaseFeeParent = {
  gasUsed: bigint
  gasLimit: bigint
  /** Undefined for a pre-London parent: the child is the first London block. */
  baseFeePerGas?: bigint | undefined
}

/**
 * EIP-1559 base fee of the block after `parent`: unchanged at the gas target, up by at most 1/8
 * (and at least 1 wei) when the parent was fuller, down by at most 1/8 when emptier. The first
 * London block (parent without a base fee) gets the initial base fee (1 gwei on Ethereum).
 * @example calcNextBaseFee({ gasUsed: 30_000_000n, gasLimit: 30_000_000n, baseFeePerGas: 8n }) // 9n
 */
export function calcNextBaseFee(parent: BaseFeeParent, config?: Pick<ChainConfig, 'feeMarket'>): bigint {
  const p = config?.feeMarket ? { ...DEFAULT_FEE_MARKET, ...config.feeMarket } : DEFAULT_FEE_MARKET
  if (parent.baseFeePerGas === undefined) return p.initialBaseFee
  const baseFee = parent.baseFeePerGas
  const target = parent.gasLimit / p.elasticityMultiplier
  if (target === 0n || parent.gasUsed === target) return baseFee
  if (parent.gasUsed > target) {
    const delta = (baseFee * (parent.gasUsed - target)) / target / p.baseFeeChangeDenominator
    return baseFee + (delta > 1n ? delta : 1n)
  }
  const delta = (baseFee * (target - parent.gasUsed)) / target / p.baseFeeChangeDenominator
  return baseFee > delta ? baseFee - delta : 0n
}
