import { describe, expect, it } from 'vitest'
import { EMPTY_TRIE_ROOT, KECCAK256_EMPTY, keccak256Hex } from '../hash/index.js'
import { stateRoot } from '../trie/index.js'
import { createMemoryState, MemoryState, memoryStateFromSnapshot } from './memory-state.js'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'
const code = new Uint8Array([0x60, 0x00, 0x60, 0x00, 0xf3])

describe('MemoryState', () => {
  it('set() stores lowercase accounts, hashes code and drops zero slots; root() matches stateRoot', () => {
    const s = new MemoryState()
    expect(s.root()).toBe(EMPTY_TRIE_ROOT)
    s.set('0x00000000000000000000000000000000000000AA', { balance: 5n, nonce: 2n })
    s.set(B, {
      code,
      storage: new Map([
        [1n, 7n],
        [2n, 0n],
      ]),
    })
    expect(s.getAccount(A)).toEqual({ nonce: 2n, balance: 5n, codeHash: KECCAK256_EMPTY })
    expect(s.getAccount(B)?.codeHash).toBe(keccak256Hex(code))
    expect(s.getCode(keccak256Hex(code))).toBe(code)
    expect(s.storage.get(B)).toEqual(new Map([[1n, 7n]]))
    expect(s.hasStorage(B)).toBe(true)
    expect(s.hasStorage(A)).toBe(false)
    expect(s.root()).toBe(
      stateRoot([
        { address: A, nonce: 2n, balance: 5n, codeHash: KECCAK256_EMPTY, storage: [] },
        { address: B, nonce: 0n, balance: 0n, codeHash: keccak256Hex(code), storage: [[1n, 7n]] },
      ]),
    )
  })

  it('commit() applies writes, deletions and storage wipes and bumps the version', () => {
    const s = createMemoryState({ [A]: { balance: 1n, storage: { '1': 3n, '2': 4n } }, [B]: { balance: 9n } })
    const v = s.version
    s.commit({
      accounts: new Map([
        [
          A,
          {
            account: { nonce: 1n, balance: 2n, codeHash: KECCAK256_EMPTY },
            storageCleared: true,
            storage: new Map([[5n, 6n]]),
          },
        ],
        [B, { account: undefined, storageCleared: true, storage: new Map() }],
      ]),
    })
    expect(s.version).toBe(v + 1)
    expect(s.getAccount(B)).toBeUndefined()
    expect(s.storage.get(A)).toEqual(new Map([[5n, 6n]]))
    s.commit({
      accounts: new Map([
        [
          A,
          {
            account: { nonce: 1n, balance: 2n, codeHash: KECCAK256_EMPTY },
            storageCleared: false,
            storage: new Map([[5n, 0n]]),
          },
        ],
      ]),
    })
    expect(s.hasStorage(A)).toBe(false)
  })

  it('clone() and snapshots are independent copies with the same root', () => {
    const s = createMemoryState({ [A]: { balance: 1n, storage: new Map([[1n, 1n]]) }, [B]: { code } })
    s.blockHashes.set(1n, `0x${'11'.repeat(32)}`)
    s.blockHashOf = (n) => (n === 7n ? `0x${'77'.repeat(32)}` : undefined)
    const c = s.clone()
    const r = memoryStateFromSnapshot(structuredClone(s.snapshot()))
    expect(c.root()).toBe(s.root())
    expect(r.root()).toBe(s.root())
    expect(c.getBlockHash(7n)).toBe(`0x${'77'.repeat(32)}`)
    expect(r.getBlockHash(1n)).toBe(`0x${'11'.repeat(32)}`)
    c.commit({
      accounts: new Map([
        [
          A,
          {
            account: { nonce: 0n, balance: 1n, codeHash: KECCAK256_EMPTY },
            storageCleared: false,
            storage: new Map([[1n, 2n]]),
          },
        ],
      ]),
    })
    expect(s.getStorage(A, 1n)).toBe(1n)
    expect(c.getStorage(A, 1n)).toBe(2n)
    expect(() => s.getCode(`0x${'ab'.repeat(32)}`)).toThrow(/unknown code hash/)
  })
})
