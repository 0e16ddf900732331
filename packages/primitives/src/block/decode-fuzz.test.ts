// Bad input never crashes a decoder: random bytes and single-byte mutations of valid encodings
// either decode or throw the decoder's own typed error.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hexToBytes } from '../encoding/hex.js'
import { EMPTY_OMMERS_HASH, EMPTY_TRIE_ROOT, KECCAK256_EMPTY } from '../hash/keccak.js'
import { decodeAccount, encodeAccount } from '../trie/account.js'
import { InvalidAccountEncodingError } from '../trie/errors.js'
import { decodeBlock, encodeBlock } from './block.js'
import { decodeHeader } from './decode-header.js'
import { encodeHeader } from './encode-header.js'
import {
  InvalidBlockError,
  InvalidHeaderError,
  InvalidReceiptError,
  InvalidWithdrawalError,
} from './errors.js'
import type { BlockHeader } from './header.js'
import { decodeReceipt, encodeReceipt } from './receipt.js'
import { decodeWithdrawal, encodeWithdrawal } from './withdrawal.js'

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
  timestamp: 1n,
  extraData: '0x',
  mixHash: zero32,
  nonce: '0x0000000000000000',
  baseFeePerGas: 7n,
  withdrawalsRoot: EMPTY_TRIE_ROOT,
  blobGasUsed: 0n,
  excessBlobGas: 0n,
  parentBeaconBlockRoot: zero32,
  requestsHash: zero32,
}
const address = `0x${'22'.repeat(20)}` as const
const decoders: [string, Uint8Array, (b: Uint8Array) => unknown, new (...a: never[]) => Error][] = [
  ['header', encodeHeader(header), decodeHeader, InvalidHeaderError],
  [
    'block',
    encodeBlock({
      header,
      transactions: [],
      ommers: [],
      withdrawals: [{ index: 1n, validatorIndex: 2n, address, amount: 3n }],
    }),
    decodeBlock,
    InvalidBlockError,
  ],
  [
    'receipt',
    encodeReceipt({
      type: 2,
      status: 1,
      cumulativeGasUsed: 5n,
      logsBloom: new Uint8Array(256),
      logs: [{ address, topics: [hexToBytes(zero32)], data: new Uint8Array([1, 2, 3]) }],
    }),
    decodeReceipt,
    InvalidReceiptError,
  ],
  [
    'withdrawal',
    encodeWithdrawal({ index: 1n, validatorIndex: 2n, address, amount: 3n }),
    decodeWithdrawal,
    InvalidWithdrawalError,
  ],
  [
    'account',
    encodeAccount({ nonce: 1n, balance: 2n, storageRoot: EMPTY_TRIE_ROOT, codeHash: KECCAK256_EMPTY }),
    decodeAccount,
    InvalidAccountEncodingError,
  ],
]

const decodesOrThrows = (
  decode: (b: Uint8Array) => unknown,
  ErrorClass: new (...a: never[]) => Error,
  b: Uint8Array,
) => {
  try {
    decode(b)
  } catch (err) {
    expect(err).toBeInstanceOf(ErrorClass)
  }
}

describe('decoders on bad input', () => {
  for (const [name, valid, decode, ErrorClass] of decoders) {
    it(`${name}: random bytes and mutations only ever throw ${ErrorClass.name}`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (b) => decodesOrThrows(decode, ErrorClass, b)),
        { numRuns: 300 },
      )
      fc.assert(
        fc.property(
          fc.nat(valid.length - 1),
          fc.integer({ min: 0, max: 255 }),
          fc.boolean(),
          (at, byte, cut) => {
            const b = cut ? valid.subarray(0, at) : valid.slice()
            if (!cut) b[at] = byte
            decodesOrThrows(decode, ErrorClass, b)
          },
        ),
        { numRuns: 500 },
      )
    })
  }
})
