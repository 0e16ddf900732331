import { describe, expect, it } from 'vitest'
import { EMPTY_TRIE_ROOT } from '../hash/keccak.js'
import { calcNextBaseFee } from './base-fee.js'
import { blobParams, calcBlobBaseFee, calcExcessBlobGas, fakeExponential, GAS_PER_BLOB } from './blob.js'
import { blockEnvFromHeader } from './block-env.js'
import { forkAt } from './config.js'
import { devChainConfig } from './dev.js'
import { UnknownNetworkError } from './errors.js'
import { mainnetConfig } from './mainnet.js'
import { configForTestNetwork } from './test-networks.js'

describe('forkAt', () => {
  it('follows the mainnet schedule by block, then by timestamp', () => {
    expect(forkAt(mainnetConfig, 0n, 0n)).toBe('Frontier')
    expect(forkAt(mainnetConfig, 1_149_999n, 0n)).toBe('Frontier')
    expect(forkAt(mainnetConfig, 1_150_000n, 0n)).toBe('Homestead')
    expect(forkAt(mainnetConfig, 7_280_000n, 0n)).toBe('ConstantinopleFix')
    expect(forkAt(mainnetConfig, 12_965_000n, 0n)).toBe('London')
    expect(forkAt(mainnetConfig, 15_537_394n, 1_663_224_179n)).toBe('Paris')
    expect(forkAt(mainnetConfig, 17_034_870n, 1_681_338_455n)).toBe('Shanghai')
    expect(forkAt(mainnetConfig, 19_426_587n, 1_710_338_135n)).toBe('Cancun')
    expect(forkAt(mainnetConfig, 19_426_587n, 1_710_338_134n)).toBe('Shanghai')
    expect(forkAt(mainnetConfig, 22_431_084n, 1_746_612_311n)).toBe('Prague')
  })

  it('dev chains have everything at genesis', () => {
    expect(forkAt(devChainConfig({ chainId: 1337n }), 0n, 0n)).toBe('Prague')
    expect(forkAt(devChainConfig({ chainId: 1337n, fork: 'Cancun' }), 10n, 10n)).toBe('Cancun')
    expect(devChainConfig({ chainId: 5n }).chainId).toBe(5n)
  })
})

describe('configForTestNetwork', () => {
  it('maps single forks and aliases', () => {
    expect(forkAt(configForTestNetwork('Cancun'), 1n, 1n)).toBe('Cancun')
    expect(forkAt(configForTestNetwork('Merge'), 1n, 1n)).toBe('Paris')
    expect(forkAt(configForTestNetwork('Frontier'), 1n, 1n)).toBe('Frontier')
  })

  it('maps block, time and difficulty transitions', () => {
    const t = configForTestNetwork('ShanghaiToCancunAtTime15k')
    expect(forkAt(t, 1n, 14_999n)).toBe('Shanghai')
    expect(forkAt(t, 1n, 15_000n)).toBe('Cancun')
    const p = configForTestNetwork('CancunToPragueAtTime15k')
    expect(forkAt(p, 5n, 14_999n)).toBe('Cancun')
    expect(forkAt(p, 5n, 15_000n)).toBe('Prague')
    const b = configForTestNetwork('BerlinToLondonAt5')
    expect(forkAt(b, 4n, 0n)).toBe('Berlin')
    expect(forkAt(b, 5n, 0n)).toBe('London')
    const c = configForTestNetwork('ByzantiumToConstantinopleFixAt5')
    expect(forkAt(c, 5n, 0n)).toBe('ConstantinopleFix')
    const m = configForTestNetwork('ArrowGlacierToParisAtDiffC0000')
    expect(forkAt(m, 5n, 0n, 0xbffffn)).toBe('ArrowGlacier')
    expect(forkAt(m, 5n, 0n, 0xc0000n)).toBe('Paris')
    expect(forkAt(configForTestNetwork('ParisToShanghaiAtTime15k'), 1n, 15_000n)).toBe('Shanghai')
  })

  it('rejects unknown names', () => {
    for (const bad of ['Nope', 'CancunToShanghaiAtTime15k', 'HomesteadToDaoAt5', ''])
      expect(() => configForTestNetwork(bad), bad).toThrow(UnknownNetworkError)
  })
})

describe('calcNextBaseFee', () => {
  const parent = { gasLimit: 30_000_000n, baseFeePerGas: 1_000_000_000n }
  it('implements EIP-1559', () => {
    expect(calcNextBaseFee({ ...parent, gasUsed: 15_000_000n })).toBe(1_000_000_000n)
    expect(calcNextBaseFee({ ...parent, gasUsed: 30_000_000n })).toBe(1_125_000_000n)
    expect(calcNextBaseFee({ ...parent, gasUsed: 0n })).toBe(875_000_000n)
    expect(calcNextBaseFee({ ...parent, gasUsed: 20_000_000n })).toBe(1_041_666_666n)
    // The increase is at least 1 wei; the decrease floors at 0.
    expect(calcNextBaseFee({ gasLimit: 30_000_000n, gasUsed: 15_000_001n, baseFeePerGas: 7n })).toBe(8n)
    expect(calcNextBaseFee({ gasLimit: 30_000_000n, gasUsed: 0n, baseFeePerGas: 7n })).toBe(7n)
    expect(calcNextBaseFee({ gasLimit: 30_000_000n, gasUsed: 0n, baseFeePerGas: 0n })).toBe(0n)
    expect(calcNextBaseFee({ gasLimit: 30_000_000n, gasUsed: 0n })).toBe(1_000_000_000n)
  })

  it('honours a chain fee market', () => {
    const feeMarket = { elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n }
    expect(calcNextBaseFee({ ...parent, gasUsed: 30_000_000n }, { feeMarket })).toBe(1_020_000_000n)
  })
})

describe('blob fees', () => {
  it('fakeExponential matches the EIP-4844 reference values', () => {
    const cases: [bigint, bigint, bigint, bigint][] = [
      [1n, 0n, 1n, 1n],
      [38493n, 0n, 1000n, 38493n],
      [0n, 1234n, 2345n, 0n],
      [1n, 2n, 1n, 6n],
      [1n, 4n, 2n, 6n],
      [1n, 100n, 17n, 357n],
      [1n, 3n, 1n, 16n],
      [1n, 6n, 2n, 18n],
      [1n, 4n, 1n, 49n],
      [1n, 8n, 2n, 50n],
      [10n, 8n, 2n, 542n],
      [11n, 8n, 2n, 596n],
      [1n, 5n, 1n, 136n],
      [1n, 5n, 2n, 11n],
      [2n, 5n, 2n, 23n],
      [1n, 50000000n, 2225652n, 5709098764n],
    ]
    for (const [f, n, d, want] of cases) expect(fakeExponential(f, n, d), `${f},${n},${d}`).toBe(want)
  })

  it('uses per-fork parameters', () => {
    expect(blobParams('Shanghai')).toBeUndefined()
    expect(blobParams('Cancun')).toEqual({ target: 3, max: 6, baseFeeUpdateFraction: 3_338_477n })
    expect(blobParams('Prague')).toEqual({ target: 6, max: 9, baseFeeUpdateFraction: 5_007_716n })
    const custom = { target: 1, max: 2, baseFeeUpdateFraction: 10n }
    expect(blobParams('Prague', { blobSchedule: { Cancun: custom } })).toEqual(custom)
    expect(calcBlobBaseFee(0n, 'Cancun')).toBe(1n)
    expect(calcBlobBaseFee(10_000_000n, 'Cancun')).toBe(fakeExponential(1n, 10_000_000n, 3_338_477n))
    expect(calcBlobBaseFee(10_000_000n, 'Prague')).toBe(fakeExponential(1n, 10_000_000n, 5_007_716n))
    expect(() => calcBlobBaseFee(0n, 'London')).toThrow(RangeError)
  })

  it('computes the excess blob gas', () => {
    expect(calcExcessBlobGas({ excessBlobGas: 0n, blobGasUsed: 6n * GAS_PER_BLOB }, 'Cancun')).toBe(
      3n * GAS_PER_BLOB,
    )
    expect(calcExcessBlobGas({ excessBlobGas: 0n, blobGasUsed: 2n * GAS_PER_BLOB }, 'Cancun')).toBe(0n)
    expect(calcExcessBlobGas({ excessBlobGas: 0n, blobGasUsed: 9n * GAS_PER_BLOB }, 'Prague')).toBe(
      3n * GAS_PER_BLOB,
    )
    expect(calcExcessBlobGas({ excessBlobGas: 5n * GAS_PER_BLOB, blobGasUsed: 0n }, 'Prague')).toBe(0n)
    expect(calcExcessBlobGas({}, 'Cancun')).toBe(0n)
    // EIP-7918: with a high execution base fee the excess grows by used*(max-target)/max.
    const parent = {
      excessBlobGas: 10n * GAS_PER_BLOB,
      blobGasUsed: 9n * GAS_PER_BLOB,
      baseFeePerGas: 10n ** 12n,
    }
    expect(calcExcessBlobGas(parent, 'Osaka')).toBe(10n * GAS_PER_BLOB + 3n * GAS_PER_BLOB)
    expect(calcExcessBlobGas({ ...parent, baseFeePerGas: 1n }, 'Osaka')).toBe(13n * GAS_PER_BLOB)
    expect(calcExcessBlobGas({ ...parent, baseFeePerGas: 1n }, 'Prague')).toBe(13n * GAS_PER_BLOB)
    expect(calcExcessBlobGas({ ...parent, blobGasUsed: 0n, baseFeePerGas: 10n ** 12n }, 'Osaka')).toBe(
      10n * GAS_PER_BLOB,
    )
  })
})

describe('blockEnvFromHeader', () => {
  it('derives fork, base fee and blob base fee', () => {
    const zero = `0x${'00'.repeat(32)}` as const
    const header = {
      parentHash: zero,
      ommersHash: zero,
      coinbase: `0x${'aa'.repeat(20)}` as const,
      stateRoot: EMPTY_TRIE_ROOT,
      transactionsRoot: EMPTY_TRIE_ROOT,
      receiptsRoot: EMPTY_TRIE_ROOT,
      logsBloom: `0x${'00'.repeat(256)}` as const,
      difficulty: 0n,
      number: 20_000_000n,
      gasLimit: 30_000_000n,
      gasUsed: 0n,
      timestamp: 1_717_000_000n,
      extraData: '0x' as const,
      mixHash: `0x${'01'.repeat(32)}` as const,
      nonce: '0x0000000000000000' as const,
      baseFeePerGas: 9n,
      withdrawalsRoot: EMPTY_TRIE_ROOT,
      blobGasUsed: 0n,
      excessBlobGas: 10_000_000n,
      parentBeaconBlockRoot: zero,
    }
    const env = blockEnvFromHeader(header, mainnetConfig)
    expect(env).toMatchObject({
      fork: 'Cancun',
      chainId: 1n,
      baseFee: 9n,
      prevRandao: header.mixHash,
      coinbase: header.coinbase,
      blobBaseFee: fakeExponential(1n, 10_000_000n, 3_338_477n),
      parentBeaconBlockRoot: zero,
    })
  })
})
