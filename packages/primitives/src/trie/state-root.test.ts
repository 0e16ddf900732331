import { listJsonFiles, locateFixtures, readJson } from '@metis-sdk/conformance'
import { describe, expect, it } from 'vitest'
import { bigIntToBytes, bytesToHex, hexToBytes } from '../encoding/hex.js'
import { EMPTY_TRIE_ROOT, KECCAK256_EMPTY, keccak256 } from '../hash/keccak.js'
import { rlpEncode } from '../rlp/rlp.js'
import { decodeAccount, encodeAccount } from './account.js'
import { InvalidAccountEncodingError } from './errors.js'
import { secureTrieRoot } from './secure-trie-root.js'
import { stateRoot, storageRoot } from './state-root.js'

const A = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b' as const
const B = '0x095e7baea6a6c7c4c2dfeb977efac326af552d87' as const

describe('encodeAccount / decodeAccount', () => {
  it('matches the generic RLP encoder and round-trips', () => {
    for (const [nonce, balance] of [
      [0n, 0n],
      [1n, 127n],
      [128n, 10n ** 18n],
      [2n ** 64n - 1n, 2n ** 256n - 1n],
      [2n ** 53n, 2n ** 53n - 1n],
    ] as const) {
      const body = { nonce, balance, storageRoot: EMPTY_TRIE_ROOT, codeHash: KECCAK256_EMPTY }
      const bytes = encodeAccount(body)
      expect(bytesToHex(bytes)).toBe(
        bytesToHex(rlpEncode([nonce, balance, hexToBytes(EMPTY_TRIE_ROOT), hexToBytes(KECCAK256_EMPTY)])),
      )
      expect(decodeAccount(bytes)).toEqual(body)
    }
  })

  it('matches a fixture account body (hex_encoded_securetrie_test)', () => {
    const body = decodeAccount(
      hexToBytes(
        '0xf848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
      ),
    )
    expect(body).toEqual({
      nonce: 1n,
      balance: 0x05f446a7n,
      storageRoot: EMPTY_TRIE_ROOT,
      codeHash: KECCAK256_EMPTY,
    })
  })

  it('rejects malformed bodies with InvalidAccountEncodingError', () => {
    const root = hexToBytes(EMPTY_TRIE_ROOT)
    const bad = [
      new Uint8Array([0xc0]),
      new Uint8Array([0x01]),
      rlpEncode([1n, 2n, root]),
      rlpEncode([1n, 2n, root, root, root]),
      rlpEncode([new Uint8Array([0, 1]), 2n, root, root]),
      rlpEncode([1n, 2n, root.subarray(1), root]),
      rlpEncode([[], 2n, root, root]),
      new Uint8Array([0xf8]),
    ]
    for (const b of bad) expect(() => decodeAccount(b), bytesToHex(b)).toThrow(InvalidAccountEncodingError)
  })
})

describe('stateRoot', () => {
  it('is the empty root for no accounts', () => {
    expect(stateRoot([])).toBe(EMPTY_TRIE_ROOT)
    expect(storageRoot([])).toBe(EMPTY_TRIE_ROOT)
    expect(storageRoot([[1n, 0n]])).toBe(EMPTY_TRIE_ROOT)
  })

  it('agrees with a secure trie built from generic RLP', () => {
    const slots: [bigint, bigint][] = [
      [0n, 1n],
      [1n, 0n],
      [2n ** 255n + 7n, 2n ** 256n - 1n],
      [2n ** 60n, 0x1234n],
    ]
    const expectedStorage = secureTrieRoot(
      slots.filter(([, v]) => v !== 0n).map(([s, v]) => [bigIntToBytes(s, 32), rlpEncode(v)]),
    )
    expect(storageRoot(slots)).toBe(expectedStorage)
    const accounts = [
      { address: A, nonce: 1n, balance: 10n ** 18n, codeHash: KECCAK256_EMPTY, storage: [] },
      {
        address: B,
        nonce: 0n,
        balance: 0n,
        codeHash: bytesToHex(keccak256(hexToBytes('0x6000'))),
        storage: slots,
      },
    ]
    const expected = secureTrieRoot(
      accounts.map((a) => [
        hexToBytes(a.address),
        rlpEncode([
          a.nonce,
          a.balance,
          hexToBytes(a.storage.length ? expectedStorage : EMPTY_TRIE_ROOT),
          hexToBytes(a.codeHash),
        ]),
      ]),
    )
    expect(stateRoot(accounts)).toBe(expected)
    expect(stateRoot(accounts.slice().reverse())).toBe(expected)
  })

  it('lets a later write of zero delete a repeated slot', () => {
    expect(
      storageRoot([
        [5n, 9n],
        [5n, 0n],
      ]),
    ).toBe(EMPTY_TRIE_ROOT)
  })
})

// Every BlockchainTests case carries a full pre-state with the genesis state root, and (for most)
// the post-state with the last block's state root: real-world checks of the whole pipeline.
type Alloc = Record<string, { nonce: string; balance: string; code: string; storage: Record<string, string> }>
type BlockchainCase = {
  pre: Alloc
  postState?: Alloc
  lastblockhash: string
  genesisBlockHeader: { stateRoot: string; hash: string }
  blocks: { blockHeader?: { hash: string; stateRoot: string } }[]
}
const toAccounts = (alloc: Alloc) =>
  Object.entries(alloc).map(([address, a]) => ({
    address: address.toLowerCase() as `0x${string}`,
    nonce: BigInt(a.nonce),
    balance: BigInt(a.balance),
    codeHash: bytesToHex(keccak256(hexToBytes(a.code))),
    storage: Object.entries(a.storage).map(([k, v]) => [BigInt(k), BigInt(v)] as const),
  }))

const bc = locateFixtures('BlockchainTests')
describe.skipIf(!bc.available)('stateRoot over BlockchainTests pre/post states', () => {
  it('reproduces every genesis and final state root', () => {
    let checked = 0
    for (const file of listJsonFiles(bc.path)) {
      for (const [name, c] of Object.entries(readJson<Record<string, BlockchainCase>>(file))) {
        expect(stateRoot(toAccounts(c.pre)), `${name} genesis`).toBe(c.genesisBlockHeader.stateRoot)
        checked++
        if (!c.postState) continue
        const head =
          c.lastblockhash === c.genesisBlockHeader.hash
            ? c.genesisBlockHeader
            : c.blocks.find((b) => b.blockHeader?.hash === c.lastblockhash)?.blockHeader
        if (!head) continue
        expect(stateRoot(toAccounts(c.postState)), `${name} post`).toBe(head.stateRoot)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
