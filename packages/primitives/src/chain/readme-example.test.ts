// The README's "Blocks, trie roots and chain config" example, executed so the README cannot drift.
import { describe, expect, it } from 'vitest'
import {
  blockEnvFromHeader,
  bloomContains,
  calcNextBaseFee,
  decodeHeader,
  encodeHeader,
  encodeReceipt,
  genesisHeader,
  headerHash,
  hexToBytes,
  KECCAK256_EMPTY,
  logsBloom,
  orderedTrieRoot,
  parseGenesis,
  stateRoot,
} from '../index.js'

describe('README example', () => {
  it('runs as documented', () => {
    const genesis = parseGenesis({
      config: {
        chainId: 1337,
        londonBlock: 0,
        terminalTotalDifficulty: 0,
        shanghaiTime: 0,
        cancunTime: 0,
        pragueTime: 0,
      },
      gasLimit: '30000000',
      alloc: { '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23': { balance: '1000000000000000000000' } },
    })
    const header = genesisHeader(genesis)
    expect(headerHash(header)).toMatch(/^0x[0-9a-f]{64}$/)
    expect(decodeHeader(encodeHeader(header))).toEqual(header)

    const env = blockEnvFromHeader(header, genesis.config)
    expect([env.fork, env.baseFee, env.blobBaseFee]).toEqual(['Prague', 1_000_000_000n, 1n])
    expect(calcNextBaseFee({ gasUsed: 30_000_000n, gasLimit: 30_000_000n, baseFeePerGas: env.baseFee })).toBe(
      1_125_000_000n,
    )

    const root = stateRoot([
      {
        address: '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23',
        nonce: 0n,
        balance: 10n ** 21n,
        codeHash: KECCAK256_EMPTY,
        storage: [],
      },
    ])
    expect(root).toBe(header.stateRoot)

    const log = {
      address: '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23' as const,
      topics: [],
      data: new Uint8Array(),
    }
    const receipt = {
      type: 2,
      status: 1 as const,
      cumulativeGasUsed: 21_000n,
      logsBloom: logsBloom([log]),
      logs: [log],
    }
    expect(orderedTrieRoot([encodeReceipt(receipt)])).toMatch(/^0x[0-9a-f]{64}$/)
    expect(bloomContains(receipt.logsBloom, hexToBytes(log.address))).toBe(true)
  })
})
