import { listJsonFiles, locateFixtures, readJson } from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { EMPTY_OMMERS_HASH, EMPTY_TRIE_ROOT, keccak256Hex } from '../hash/keccak.js'
import { type RlpItem, rlpDecode, rlpEncode } from '../rlp/rlp.js'
import { signTransaction } from '../transaction/sign-transaction.js'
import { type Block, decodeBlock, encodeBlock, transactionsRoot } from './block.js'
import { InvalidBlockError } from './errors.js'
import type { BlockHeader } from './header.js'

const zero32 = `0x${'00'.repeat(32)}` as const
const header: BlockHeader = {
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
  gasUsed: 0n,
  timestamp: 1_700_000_000n,
  extraData: '0x',
  mixHash: zero32,
  nonce: '0x0000000000000000',
  baseFeePerGas: 7n,
  withdrawalsRoot: EMPTY_TRIE_ROOT,
}
const key = `0x${'42'.repeat(32)}` as const

describe('encodeBlock / decodeBlock', () => {
  it('round-trips a block with legacy and typed transactions and withdrawals', () => {
    const legacy = signTransaction(
      {
        type: 0,
        nonce: 0n,
        gasPrice: 10n,
        gasLimit: 21_000n,
        to: `0x${'22'.repeat(20)}`,
        value: 1n,
        data: new Uint8Array(),
        chainId: 1n,
      },
      key,
    )
    const eip1559 = signTransaction(
      {
        type: 2,
        chainId: 1n,
        nonce: 1n,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 100n,
        gasLimit: 50_000n,
        to: null,
        value: 0n,
        data: new Uint8Array([0x60, 0x00]),
        accessList: [],
      },
      key,
    )
    const block: Block = {
      header: { ...header, transactionsRoot: transactionsRoot([legacy, eip1559]) },
      transactions: [legacy, eip1559],
      ommers: [],
      withdrawals: [{ index: 0n, validatorIndex: 1n, address: `0x${'33'.repeat(20)}`, amount: 5n }],
    }
    const bytes = encodeBlock(block)
    const items = rlpDecode(bytes) as RlpItem[]
    expect(Array.isArray((items[1] as RlpItem[])[0])).toBe(true) // legacy: a list
    expect((items[1] as RlpItem[])[1]).toBeInstanceOf(Uint8Array) // typed: a byte string
    const back = decodeBlock(bytes)
    expect(bytesToHex(encodeBlock(back))).toBe(bytesToHex(bytes))
    expect(back.withdrawals).toEqual(block.withdrawals)
    expect(back.transactions.map((t) => t.type)).toEqual([0, 2])
  })

  it('rejects malformed blocks with InvalidBlockError', () => {
    const ok = rlpDecode(encodeBlock({ header, transactions: [], ommers: [], withdrawals: [] })) as RlpItem[]
    const bad: RlpItem[] = [
      ok.slice(0, 3), // withdrawals missing though the header has a withdrawalsRoot
      [...ok, []],
      [ok[0]!, new Uint8Array(), ok[2]!, ok[3]!],
      [ok[0]!, [new Uint8Array([0x05, 0xc0])], ok[2]!, ok[3]!],
      [ok[0]!, ok[1]!, ok[2]!, [[new Uint8Array([1])]]],
      [new Uint8Array(3), ok[1]!, ok[2]!, ok[3]!],
    ]
    for (const b of bad) expect(() => decodeBlock(rlpEncode(b as never))).toThrow(InvalidBlockError)
    expect(() => decodeBlock('0x80')).toThrow(InvalidBlockError)
    expect(() => encodeBlock({ header, transactions: [], ommers: [] })).toThrow(InvalidBlockError)
  })
})

type BlockchainCase = {
  blocks: { rlp: `0x${string}`; blockHeader?: Record<string, string>; expectException?: string }[]
}

const bc = locateFixtures('BlockchainTests')
describe.skipIf(!bc.available)('blocks of BlockchainTests', () => {
  it('decode and re-encode byte-for-byte, with matching transactions and ommers roots', () => {
    let valid = 0
    let rejected = 0
    for (const file of listJsonFiles(bc.path)) {
      for (const [name, c] of Object.entries(readJson<Record<string, BlockchainCase>>(file))) {
        for (const [i, b] of c.blocks.entries()) {
          const id = `${name} block ${i}`
          if (b.expectException?.includes('RLP_')) {
            expect(() => decodeBlock(b.rlp), id).toThrow(InvalidBlockError)
            rejected++
            continue
          }
          const block = decodeBlock(b.rlp)
          expect(bytesToHex(encodeBlock(block)), id).toBe(b.rlp.toLowerCase())
          if (!b.blockHeader) continue
          expect(transactionsRoot(block.transactions), id).toBe(block.header.transactionsRoot)
          const ommersRlp = rlpEncode((rlpDecode(hexToBytes(b.rlp)) as RlpItem[])[2] as never)
          expect(keccak256Hex(ommersRlp), id).toBe(block.header.ommersHash)
          valid++
        }
      }
    }
    expect(valid).toBeGreaterThan(200)
    expect(rejected).toBeGreaterThanOrEqual(11)
  })
})
