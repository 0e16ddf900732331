import { listJsonFiles, locateFixtures, readJson } from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'
import { headerHash } from '../block/header-hash.js'
import { EMPTY_TRIE_ROOT } from '../hash/keccak.js'
import { forkAt } from './config.js'
import { InvalidGenesisError } from './errors.js'
import { chainConfigSchema, parseGenesis } from './genesis.js'
import { genesisHeader, genesisStateRoot } from './genesis-header.js'

const allAtZero = {
  chainId: 1337,
  homesteadBlock: 0,
  eip150Block: 0,
  eip155Block: 0,
  eip158Block: 0,
  byzantiumBlock: 0,
  constantinopleBlock: 0,
  petersburgBlock: 0,
  istanbulBlock: 0,
  berlinBlock: 0,
  londonBlock: 0,
  terminalTotalDifficulty: 0,
  shanghaiTime: 0,
  cancunTime: 0,
  pragueTime: 0,
  blobSchedule: {
    cancun: { target: 3, max: 6, baseFeeUpdateFraction: 3338477 },
    prague: { target: 6, max: 9, baseFeeUpdateFraction: 5007716 },
  },
}

describe('parseGenesis', () => {
  it('parses a geth-style genesis', () => {
    const g = parseGenesis(
      JSON.stringify({
        config: allAtZero,
        gasLimit: '0x1c9c380',
        timestamp: '0x0',
        extraData: '0x1234',
        alloc: {
          '0x00000000000000000000000000000000000000Aa': { balance: '1000000000000000000' },
          bb00000000000000000000000000000000000000: {
            balance: '0x0',
            nonce: '0x1',
            code: '0x6000',
            storage: {
              '0x01': '0x02',
              '0x0000000000000000000000000000000000000000000000000000000000000003': '0x00',
            },
          },
        },
      }),
    )
    expect(g.config.chainId).toBe(1337n)
    expect(forkAt(g.config, 0n, 0n)).toBe('Prague')
    expect(g.config.blobSchedule?.Prague).toEqual({ target: 6, max: 9, baseFeeUpdateFraction: 5_007_716n })
    expect(g.gasLimit).toBe(30_000_000n)
    expect(g.difficulty).toBe(0n)
    expect(g.alloc.get('0x00000000000000000000000000000000000000aa')?.balance).toBe(10n ** 18n)
    const b = g.alloc.get('0xbb00000000000000000000000000000000000000')!
    expect(b).toEqual({ balance: 0n, nonce: 1n, code: '0x6000', storage: new Map([[1n, 2n]]) })
    const h = genesisHeader(g)
    expect(h.baseFeePerGas).toBe(1_000_000_000n)
    expect(h.withdrawalsRoot).toBe(EMPTY_TRIE_ROOT)
    expect(h.requestsHash).toBe('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(h.stateRoot).toBe(genesisStateRoot(g))
  })

  it('maps a proof-of-work config with a terminal total difficulty', () => {
    const config = chainConfigSchema.parse({
      chainId: '5',
      homesteadBlock: 10,
      londonBlock: 20,
      terminalTotalDifficulty: '1000',
    })
    expect(forkAt(config, 15n, 0n)).toBe('Homestead')
    expect(forkAt(config, 25n, 0n, 999n)).toBe('London')
    expect(forkAt(config, 25n, 0n, 1000n)).toBe('Paris')
    expect(parseGenesis({ config: { chainId: 5 }, gasLimit: 1, alloc: {} }).difficulty).toBe(131_072n)
  })

  it('reports every problem with its path', () => {
    const bad = (json: unknown) => {
      try {
        parseGenesis(json)
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidGenesisError)
        return (err as InvalidGenesisError).issues.join('\n')
      }
      throw new Error('expected InvalidGenesisError')
    }
    expect(bad('{')).toMatch(/not valid JSON/)
    expect(bad({ config: { chainId: 'x' }, gasLimit: 1, alloc: {} })).toMatch(/config\.chainId/)
    expect(bad({ config: { chainId: 1 }, alloc: {} })).toMatch(/gasLimit/)
    expect(bad({ config: { chainId: 1 }, gasLimit: 1, alloc: { nope: { balance: '1' } } })).toMatch(
      /alloc\.nope/,
    )
    expect(
      bad({ config: { chainId: 1 }, gasLimit: 1, alloc: { ['11'.repeat(20)]: { balance: -1 } } }),
    ).toMatch(/balance/)
    expect(bad({ config: { chainId: 1, berlinBlock: 5, londonBlock: 3 }, gasLimit: 1, alloc: {} })).toMatch(
      /londonBlock/,
    )
    expect(bad({ config: { chainId: 1, shanghaiTime: 0 }, gasLimit: 1, alloc: {} })).toMatch(
      /needs the Merge/,
    )
    expect(bad({ config: { chainId: 1 }, gasLimit: 1, mixHash: '0x12', alloc: {} })).toMatch(/mixHash/)
    expect(
      bad({
        config: { chainId: 1 },
        gasLimit: 1,
        alloc: { ['11'.repeat(20)]: { balance: '1', storage: { zz: '0x1' } } },
      }),
    ).toMatch(/storage/)
  })
})

type Fixture = {
  network: string
  pre: Record<string, { balance: string; nonce: string; code: string; storage: Record<string, string> }>
  genesisBlockHeader: Record<string, string>
}

const bc = locateFixtures('BlockchainTests')
describe.skipIf(!bc.available)('genesisHeader over BlockchainTests', () => {
  it('rebuilds every Cancun genesis block hash from a geth-style genesis', () => {
    let checked = 0
    for (const file of listJsonFiles(bc.path)) {
      for (const [name, c] of Object.entries(readJson<Record<string, Fixture>>(file))) {
        if (c.network !== 'Cancun') continue
        const h = c.genesisBlockHeader
        const genesis = parseGenesis({
          config: { ...allAtZero, chainId: 1, pragueTime: undefined },
          nonce: h.nonce,
          timestamp: h.timestamp,
          extraData: h.extraData,
          gasLimit: h.gasLimit,
          difficulty: h.difficulty,
          mixHash: h.mixHash,
          coinbase: h.coinbase,
          parentHash: h.parentHash,
          baseFeePerGas: h.baseFeePerGas,
          excessBlobGas: h.excessBlobGas,
          blobGasUsed: h.blobGasUsed,
          alloc: c.pre,
        })
        expect(headerHash(genesisHeader(genesis)), name).toBe(h.hash)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
