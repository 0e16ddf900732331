import {
  blobParams,
  calcExcessBlobGas,
  calcNextBaseFee,
  EMPTY_OMMERS_HASH,
  forkAt,
  GAS_PER_BLOB,
  type Hash,
  hexToBytes,
  isForkAtLeast,
} from '@metis-sdk/primitives'
import { BlockValidationError } from '../errors/executor.js'
import type { BlockHeader, ExecutorChainConfig } from '../types.js'

/** The parent as header validation needs it: its header and its hash. */
export type ParentHeader = BlockHeader & { hash: Hash }

const MIN_GAS_LIMIT = 5000n
const ZERO_NONCE = '0x0000000000000000'

function fail(reason: string, message: string, details?: string): never {
  throw new BlockValidationError(reason, message, { details })
}

/**
 * Checks a post-Merge header against its parent: linkage, timestamp, gas limit bounds, gas used,
 * extra data, base fee (EIP-1559), the Merge constants, and the per-fork fields: withdrawals root
 * (Shanghai), blob gas and parent beacon root (Cancun), requests hash (Prague).
 * Throws {@link BlockValidationError} with a machine-readable `reason`.
 *
 * @example
 * validateHeader(block.header, parentHeader, config)
 */
export function validateHeader(header: BlockHeader, parent: ParentHeader, config: ExecutorChainConfig): void {
  const fork = forkAt(config, header.number, header.timestamp)
  if (header.parentHash.toLowerCase() !== parent.hash.toLowerCase())
    fail(
      'unknown-parent',
      'parent hash does not match the parent block',
      `${header.parentHash} != ${parent.hash}`,
    )
  if (header.number !== parent.number + 1n)
    fail('invalid-number', `block number ${header.number} does not follow ${parent.number}`)
  if (header.timestamp <= parent.timestamp)
    fail(
      'invalid-timestamp',
      'timestamp is not greater than the parent timestamp',
      `${header.timestamp} <= ${parent.timestamp}`,
    )
  if (header.gasLimit < MIN_GAS_LIMIT) fail('invalid-gas-limit', 'gas limit below the minimum of 5000')
  if (header.gasLimit > 0x7fffffffffffffffn) fail('invalid-gas-limit', 'gas limit above 2^63-1')
  const parentGasLimit =
    isForkAtLeast(fork, 'London') && parent.baseFeePerGas === undefined
      ? parent.gasLimit * (config.feeMarket?.elasticityMultiplier ?? 2n)
      : parent.gasLimit
  const diff =
    header.gasLimit > parentGasLimit ? header.gasLimit - parentGasLimit : parentGasLimit - header.gasLimit
  if (diff >= parentGasLimit / 1024n)
    fail(
      'invalid-gas-limit',
      'gas limit changed by more than parent/1024',
      `${parentGasLimit} -> ${header.gasLimit}`,
    )
  if (header.gasUsed > header.gasLimit) fail('gas-used-exceeds-limit', 'gas used exceeds the gas limit')
  if (hexToBytes(header.extraData).length > 32)
    fail('extra-data-too-long', 'extra data is longer than 32 bytes')
  if (isForkAtLeast(fork, 'London')) {
    if (header.baseFeePerGas === undefined) fail('missing-base-fee', 'London block without baseFeePerGas')
    const expected = calcNextBaseFee(parent, config)
    if (header.baseFeePerGas !== expected)
      fail(
        'invalid-base-fee',
        'base fee does not follow EIP-1559',
        `expected ${expected}, got ${header.baseFeePerGas}`,
      )
  }
  if (isForkAtLeast(fork, 'Paris')) {
    if (header.difficulty !== 0n) fail('invalid-difficulty', 'post-Merge difficulty must be 0')
    if (header.nonce.toLowerCase() !== ZERO_NONCE) fail('invalid-nonce', 'post-Merge nonce must be 0')
    if (header.ommersHash.toLowerCase() !== EMPTY_OMMERS_HASH)
      fail('invalid-ommers-hash', 'post-Merge ommers hash must be empty')
  }
  const shanghai = isForkAtLeast(fork, 'Shanghai')
  if (shanghai !== (header.withdrawalsRoot !== undefined))
    fail(
      'invalid-withdrawals-root',
      shanghai ? 'Shanghai block without withdrawalsRoot' : 'withdrawalsRoot before Shanghai',
    )
  const cancun = isForkAtLeast(fork, 'Cancun')
  if (cancun) {
    if (header.blobGasUsed === undefined || header.excessBlobGas === undefined)
      fail('missing-blob-gas', 'Cancun block without blobGasUsed/excessBlobGas')
    if (header.parentBeaconBlockRoot === undefined)
      fail('missing-beacon-root', 'Cancun block without parentBeaconBlockRoot')
    const params = blobParams(fork, config)!
    if (header.blobGasUsed % GAS_PER_BLOB !== 0n)
      fail('invalid-blob-gas-used', 'blob gas used is not a multiple of the blob size')
    if (header.blobGasUsed > BigInt(params.max) * GAS_PER_BLOB)
      fail('invalid-blob-gas-used', 'blob gas used exceeds the maximum')
    const parentCancun = parent.excessBlobGas !== undefined
    const expected = parentCancun ? calcExcessBlobGas(parent, fork, config) : 0n
    if (header.excessBlobGas !== expected)
      fail(
        'invalid-excess-blob-gas',
        'excess blob gas does not follow EIP-4844',
        `expected ${expected}, got ${header.excessBlobGas}`,
      )
  } else if (
    header.blobGasUsed !== undefined ||
    header.excessBlobGas !== undefined ||
    header.parentBeaconBlockRoot !== undefined
  )
    fail('unexpected-cancun-fields', 'Cancun header fields before Cancun')
  const prague = isForkAtLeast(fork, 'Prague')
  if (prague !== (header.requestsHash !== undefined))
    fail('invalid-requests-hash', prague ? 'Prague block without requestsHash' : 'requestsHash before Prague')
}
