import { type Address, createMemoryState, KECCAK256_EMPTY, keccak256Hex } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { emptyDiff, mergeDiff } from './merge-diff.js'
import { OverlayState } from './overlay.js'

const A = '0x00000000000000000000000000000000000000aa' as Address
const B = '0x00000000000000000000000000000000000000bb' as Address
const acct = (balance: bigint, nonce = 0n) => ({ nonce, balance, codeHash: KECCAK256_EMPTY })

describe('mergeDiff', () => {
  it('later writes win and storageCleared wipes earlier slots', () => {
    const d = emptyDiff()
    mergeDiff(d, {
      accounts: new Map([
        [
          A,
          {
            account: acct(1n),
            storageCleared: false,
            storage: new Map([
              [1n, 5n],
              [2n, 6n],
            ]),
          },
        ],
      ]),
    })
    mergeDiff(d, {
      accounts: new Map([[A, { account: acct(2n), storageCleared: false, storage: new Map([[2n, 7n]]) }]]),
    })
    expect(d.accounts.get(A)!.account!.balance).toBe(2n)
    expect([...d.accounts.get(A)!.storage]).toEqual([
      [1n, 5n],
      [2n, 7n],
    ])
    mergeDiff(d, {
      accounts: new Map([[A, { account: acct(3n), storageCleared: true, storage: new Map([[9n, 1n]]) }]]),
    })
    expect(d.accounts.get(A)!.storageCleared).toBe(true)
    expect([...d.accounts.get(A)!.storage]).toEqual([[9n, 1n]])
  })
})

describe('OverlayState', () => {
  it('reads through applied diffs to the parent', () => {
    const code = new Uint8Array([0x60, 0x00])
    const parent = createMemoryState({
      [A]: { balance: 10n, storage: { '1': 11n, '2': 22n } },
      [B]: { balance: 1n },
    })
    const o = new OverlayState(parent)
    expect(o.getStorage(A, 1n)).toBe(11n)
    o.apply({
      accounts: new Map([
        [A, { account: acct(9n, 1n), storageCleared: false, storage: new Map([[1n, 0n]]) }],
      ]),
    })
    expect(o.getAccount(A)!.balance).toBe(9n)
    expect(o.getStorage(A, 1n)).toBe(0n)
    expect(o.getStorage(A, 2n)).toBe(22n)
    const codeHash = keccak256Hex(code)
    o.apply({
      accounts: new Map([
        [
          A,
          { account: { nonce: 1n, balance: 9n, codeHash }, code, storageCleared: true, storage: new Map() },
        ],
      ]),
    })
    expect(o.getStorage(A, 2n)).toBe(0n)
    expect(o.hasStorage(A)).toBe(false)
    expect(o.getCode(codeHash)).toEqual(code)
    o.apply({ accounts: new Map([[B, { account: undefined, storageCleared: true, storage: new Map() }]]) })
    expect(o.getAccount(B)).toBeUndefined()
    expect(parent.getAccount(B)!.balance).toBe(1n)
  })
})
