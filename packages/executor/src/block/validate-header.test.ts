import { calcNextBaseFee, configForTestNetwork, type Hash } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { BlockValidationError } from '../errors/executor.js'
import type { BlockHeader } from '../types.js'
import { type ParentHeader, validateHeader } from './validate-header.js'

const config = configForTestNetwork('Cancun')
const z = `0x${'00'.repeat(32)}` as Hash
const parent: ParentHeader = {
  hash: `0x${'ab'.repeat(32)}` as Hash,
  parentHash: z,
  ommersHash: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
  coinbase: '0x0000000000000000000000000000000000000000',
  stateRoot: z,
  transactionsRoot: z,
  receiptsRoot: z,
  logsBloom: `0x${'00'.repeat(256)}`,
  difficulty: 0n,
  number: 1n,
  gasLimit: 30_000_000n,
  gasUsed: 20_000_000n,
  timestamp: 100n,
  extraData: '0x',
  mixHash: z,
  nonce: '0x0000000000000000',
  baseFeePerGas: 1_000_000_000n,
  withdrawalsRoot: z,
  blobGasUsed: 393216n,
  excessBlobGas: 0n,
  parentBeaconBlockRoot: z,
}
const child = (over: Partial<BlockHeader> = {}): BlockHeader =>
  ({
    ...parent,
    hash: undefined,
    parentHash: parent.hash,
    number: 2n,
    timestamp: 112n,
    gasUsed: 0n,
    baseFeePerGas: calcNextBaseFee(parent),
    blobGasUsed: 0n,
    excessBlobGas: 0n,
    ...over,
  }) as BlockHeader

function reason(h: BlockHeader): string | undefined {
  try {
    validateHeader(h, parent, config)
    return undefined
  } catch (err) {
    expect(err).toBeInstanceOf(BlockValidationError)
    return (err as BlockValidationError).reason
  }
}

describe('validateHeader', () => {
  it('accepts a correct Cancun child', () => {
    expect(reason(child())).toBeUndefined()
  })
  it('rejects each broken rule with its reason', () => {
    expect(reason(child({ parentHash: z }))).toBe('unknown-parent')
    expect(reason(child({ number: 3n }))).toBe('invalid-number')
    expect(reason(child({ timestamp: 100n }))).toBe('invalid-timestamp')
    expect(reason(child({ gasLimit: 30_000_000n + 30_000_000n / 1024n }))).toBe('invalid-gas-limit')
    expect(reason(child({ gasUsed: 40_000_000n }))).toBe('gas-used-exceeds-limit')
    expect(reason(child({ extraData: `0x${'00'.repeat(33)}` }))).toBe('extra-data-too-long')
    expect(reason(child({ baseFeePerGas: 1n }))).toBe('invalid-base-fee')
    expect(reason(child({ difficulty: 1n }))).toBe('invalid-difficulty')
    expect(reason(child({ withdrawalsRoot: undefined }))).toBe('invalid-withdrawals-root')
    expect(reason(child({ excessBlobGas: 131072n }))).toBe('invalid-excess-blob-gas')
    expect(reason(child({ blobGasUsed: 1n }))).toBe('invalid-blob-gas-used')
    expect(reason(child({ parentBeaconBlockRoot: undefined }))).toBe('missing-beacon-root')
    expect(reason(child({ requestsHash: z }))).toBe('invalid-requests-hash')
  })
})
