import { KECCAK256_EMPTY } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { accountKey, decodeAccount, encodeAccount, readU256, writeU256 } from './codec.js'
import {
  C_ARENA_TOP,
  C_NUM_TXS,
  C_TABLE_SIZE,
  ctrlWords,
  F_ABSENT,
  F_ESTIMATE,
  K_HEAD,
  N_NEXT,
  N_TX,
} from './layout.js'
import { MvMemory } from './mv-memory.js'

function memory(numTxs = 64): MvMemory {
  const ctrl = new Int32Array(new SharedArrayBuffer(ctrlWords(numTxs) * 4))
  const arena = new SharedArrayBuffer(1 << 20)
  ctrl[C_TABLE_SIZE] = 1024
  ctrl[C_ARENA_TOP] = 1024 * 4
  ctrl[C_NUM_TXS] = numTxs
  return new MvMemory(ctrl, arena)
}

/** The writers of `rec`'s version list, in list order. */
function listTxs(mv: MvMemory, rec: number): number[] {
  const out: number[] = []
  for (let node = mv.words[(rec >> 2) + K_HEAD]!; node !== 0; node = mv.words[(node >> 2) + N_NEXT]!)
    out.push(mv.words[(node >> 2) + N_TX]!)
  return out
}

describe('codec', () => {
  const values = [
    0n,
    1n,
    255n,
    256n,
    2n ** 32n - 1n,
    2n ** 32n,
    2n ** 53n - 1n,
    2n ** 53n,
    2n ** 64n + 7n,
    10n ** 24n,
    2n ** 255n + 12345n,
    2n ** 256n - 1n,
  ]
  it('round-trips 256-bit words and overwrites every byte', () => {
    const buf = new Uint8Array(40).fill(0xee)
    for (const v of values) {
      writeU256(buf, 3, v)
      expect(readU256(buf, 3)).toBe(v)
      expect(buf[0]).toBe(0xee)
      expect(buf[35]).toBe(0xee)
      buf.fill(0xee)
    }
  })
  it('round-trips accounts', () => {
    for (const account of [
      undefined,
      { nonce: 0n, balance: 0n, codeHash: KECCAK256_EMPTY },
      { nonce: 7n, balance: 10n ** 24n, codeHash: `0x${'ab'.repeat(32)}` as const },
    ])
      expect(decodeAccount(encodeAccount(account))).toEqual(account)
  })
})

describe('MvMemory version lists', () => {
  it('keeps versions sorted by descending tx whatever the insertion order', () => {
    const mv = memory()
    const rec = mv.keyRecord(accountKey('0x00000000000000000000000000000000000000aa'))
    for (const tx of [5, -1, 9, 2, 7, 0, 12]) mv.addNode(rec, tx, mv.putWord(BigInt(tx + 100)))
    expect(listTxs(mv, rec)).toEqual([12, 9, 7, 5, 2, 0, -1])
    expect(mv.find(rec, 8)).not.toBe(0)
    expect(mv.foundTx).toBe(7)
    expect(readU256(mv.bytes, (mv.find(rec, 8) & ~7) + 4)).toBe(107n)
    expect(mv.find(rec, 0)).not.toBe(0)
    expect(mv.foundTx).toBe(-1)
  })

  it('skips absent versions, reports estimates, and finds nothing below the first writer', () => {
    const mv = memory()
    const rec = mv.keyRecord(accountKey('0x00000000000000000000000000000000000000bb'))
    const n3 = mv.addNode(rec, 3, mv.putWord(3n))
    const n6 = mv.addNode(rec, 6, mv.putWord(6n))
    expect(mv.find(rec, 3)).toBe(0)
    expect(mv.foundTx).toBe(-2)
    expect(mv.latestBelow(rec, 2)).toEqual({ kind: 'none' })
    mv.setNodeValue(n6, F_ABSENT)
    expect(mv.find(rec, 10) & ~7).toBe(mv.nodeValue(n3) & ~7)
    expect(mv.foundTx).toBe(3)
    mv.setNodeValue(n3, mv.nodeValue(n3) | F_ESTIMATE)
    expect(mv.latestBelow(rec, 10)).toEqual({ kind: 'estimate', tx: 3 })
  })
})
