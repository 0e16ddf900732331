import { listJsonFiles, locateFixtures, readJson } from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { EMPTY_OMMERS_HASH, EMPTY_TRIE_ROOT } from '../hash/keccak.js'
import { type RlpItem, rlpDecode, rlpEncode } from '../rlp/rlp.js'
import { decodeHeader, headerFromItem } from './decode-header.js'
import { encodeHeader } from './encode-header.js'
import { InvalidHeaderError } from './errors.js'
import type { BlockHeader } from './header.js'
import { headerHash } from './header-hash.js'
import { withdrawalFromItem, withdrawalsRoot } from './withdrawal.js'

const zero32 = `0x${'00'.repeat(32)}` as const
const base: BlockHeader = {
  parentHash: zero32,
  ommersHash: EMPTY_OMMERS_HASH,
  coinbase: `0x${'11'.repeat(20)}`,
  stateRoot: EMPTY_TRIE_ROOT,
  transactionsRoot: EMPTY_TRIE_ROOT,
  receiptsRoot: EMPTY_TRIE_ROOT,
  logsBloom: `0x${'00'.repeat(256)}`,
  difficulty: 0n,
  number: 1n,
  gasLimit: 30_000_000n,
  gasUsed: 21_000n,
  timestamp: 1_700_000_000n,
  extraData: '0x',
  mixHash: zero32,
  nonce: '0x0000000000000000',
}
const prague: BlockHeader = {
  ...base,
  baseFeePerGas: 7n,
  withdrawalsRoot: EMPTY_TRIE_ROOT,
  blobGasUsed: 0n,
  excessBlobGas: 131072n,
  parentBeaconBlockRoot: zero32,
  requestsHash: zero32,
}

describe('encodeHeader / decodeHeader', () => {
  it('round-trips headers of every shape', () => {
    const shapes: BlockHeader[] = [
      base,
      { ...base, baseFeePerGas: 1_000_000_000n },
      { ...base, baseFeePerGas: 1n, withdrawalsRoot: EMPTY_TRIE_ROOT },
      { ...prague, requestsHash: undefined },
      prague,
    ]
    for (const h of shapes) {
      const bytes = encodeHeader(h)
      const fields = rlpDecode(bytes) as RlpItem[]
      expect(fields.length).toBe(Object.values(h).filter((v) => v !== undefined).length)
      const back = decodeHeader(bytes)
      expect(back).toEqual(Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)))
      expect(decodeHeader(bytesToHex(bytes))).toEqual(back)
    }
  })

  it('rejects gaps in the optional fields and wrong sizes', () => {
    expect(() => encodeHeader({ ...base, withdrawalsRoot: EMPTY_TRIE_ROOT })).toThrow(InvalidHeaderError)
    expect(() => encodeHeader({ ...prague, blobGasUsed: undefined })).toThrow(InvalidHeaderError)
    expect(() => encodeHeader({ ...base, coinbase: '0x1234' })).toThrow(InvalidHeaderError)
    expect(() => encodeHeader({ ...base, nonce: '0x00' })).toThrow(InvalidHeaderError)
    expect(() => encodeHeader({ ...base, extraData: '0xzz' as `0x${string}` })).toThrow(InvalidHeaderError)
  })

  it('rejects malformed encodings with InvalidHeaderError', () => {
    const fields = rlpDecode(encodeHeader(prague)) as RlpItem[]
    const bad: RlpItem[] = [
      fields.slice(0, 14),
      fields.slice(0, 18),
      fields.slice(0, 19),
      [...fields, new Uint8Array()],
      fields.map((f, i) => (i === 2 ? new Uint8Array(19) : f)),
      fields.map((f, i) => (i === 8 ? new Uint8Array([0, 1]) : f)),
      fields.map((f, i) => (i === 9 ? [] : f)),
      fields.map((f, i) => (i === 6 ? new Uint8Array(255) : f)),
    ]
    for (const b of bad) expect(() => decodeHeader(rlpEncode(b as never))).toThrow(InvalidHeaderError)
    expect(() => decodeHeader(new Uint8Array([0x80]))).toThrow(InvalidHeaderError)
    expect(() => decodeHeader(new Uint8Array([0xc1]))).toThrow(InvalidHeaderError)
  })
})

type FixtureHeader = Record<string, string>
type BlockchainCase = {
  genesisRLP: string
  genesisBlockHeader: FixtureHeader
  blocks: { rlp: string; blockHeader?: FixtureHeader; expectException?: string }[]
}

function expectMatches(h: BlockHeader, f: FixtureHeader) {
  const want: Record<string, unknown> = {
    parentHash: f.parentHash,
    ommersHash: f.uncleHash,
    coinbase: f.coinbase,
    stateRoot: f.stateRoot,
    transactionsRoot: f.transactionsTrie,
    receiptsRoot: f.receiptTrie,
    logsBloom: f.bloom,
    difficulty: BigInt(f.difficulty!),
    number: BigInt(f.number!),
    gasLimit: BigInt(f.gasLimit!),
    gasUsed: BigInt(f.gasUsed!),
    timestamp: BigInt(f.timestamp!),
    extraData: f.extraData,
    mixHash: f.mixHash,
    nonce: f.nonce,
  }
  for (const k of ['baseFeePerGas', 'blobGasUsed', 'excessBlobGas'])
    if (f[k] !== undefined) want[k] = BigInt(f[k])
  for (const k of ['withdrawalsRoot', 'parentBeaconBlockRoot', 'requestsHash'])
    if (f[k] !== undefined) want[k] = f[k]
  expect(h).toEqual(want)
  expect(headerHash(h)).toBe(f.hash)
}

const bc = locateFixtures('BlockchainTests')
describe.skipIf(!bc.available)('headers of BlockchainTests', () => {
  it('decode, re-encode byte-for-byte and hash to the fixture hash', () => {
    let checked = 0
    let withdrawalBlocks = 0
    for (const file of listJsonFiles(bc.path)) {
      for (const [name, c] of Object.entries(readJson<Record<string, BlockchainCase>>(file))) {
        const genesis = rlpDecode(hexToBytes(c.genesisRLP)) as RlpItem[]
        const header = headerFromItem(genesis[0]!)
        expect(bytesToHex(encodeHeader(header)), name).toBe(bytesToHex(rlpEncode(genesis[0] as never)))
        expectMatches(header, c.genesisBlockHeader)
        checked++
        for (const block of c.blocks) {
          if (!block.blockHeader) continue
          const items = rlpDecode(hexToBytes(block.rlp)) as RlpItem[]
          const header = headerFromItem(items[0]!)
          expectMatches(header, block.blockHeader)
          if (items[3]) {
            const withdrawals = (items[3] as RlpItem[]).map(withdrawalFromItem)
            expect(withdrawalsRoot(withdrawals), name).toBe(header.withdrawalsRoot)
            withdrawalBlocks++
          }
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(300)
    expect(withdrawalBlocks).toBeGreaterThan(10)
  })
})
