/** EIP-4844 `fake_exponential(factor, numerator, denominator)`: integer approximation of factor·e^(num/den). */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n
  let output = 0n
  let acc = factor * denominator
  while (acc > 0n) {
    output += acc
    acc = (acc * numerator) / (denominator * i)
    i++
  }
  return output / denominator
}

/** EIP-4844 blob base fee for a block's `excessBlobGas`. */
export function blobBaseFee(excessBlobGas: bigint, updateFraction: bigint): bigint {
  return fakeExponential(1n, excessBlobGas, updateFraction)
}

/** EIP-4844 excess blob gas of a child block. */
export function nextExcessBlobGas(parentExcess: bigint, parentBlobGasUsed: bigint, targetBlobGas: bigint): bigint {
  const sum = parentExcess + parentBlobGasUsed
  return sum < targetBlobGas ? 0n : sum - targetBlobGas
}

/** EIP-1559 base fee of the block after `parent`. */
export function nextBaseFee(
  parent: { gasLimit: bigint; gasUsed: bigint; baseFeePerGas: bigint },
  elasticity = 2n,
  denominator = 8n,
): bigint {
  const target = parent.gasLimit / elasticity
  if (parent.gasUsed === target) return parent.baseFeePerGas
  if (parent.gasUsed > target) {
    const delta = (parent.baseFeePerGas * (parent.gasUsed - target)) / target / denominator
    return parent.baseFeePerGas + (delta > 1n ? delta : 1n)
  }
  const delta = (parent.baseFeePerGas * (target - parent.gasUsed)) / target / denominator
  return parent.baseFeePerGas - delta
}
