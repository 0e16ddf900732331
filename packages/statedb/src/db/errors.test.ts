import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Address } from '@metis-sdk/primitives'
import { KECCAK256_EMPTY, keccak256Hex } from '@metis-sdk/primitives'
import { open } from 'lmdb'
import { describe, expect, it } from 'vitest'
import {
  InvalidStateDiffError,
  StateDBCorruptError,
  StateDBFormatError,
  StateDBOpenError,
  StateDBReadOnlyError,
  StateVersionUnavailableError,
} from '../errors/statedb.js'
import { tempDir } from '../internal/test-utils.js'
import { openStateDB } from './openStateDB.js'

const A = '0x00000000000000000000000000000000000000aa' as Address

describe('bad data directories give clear errors', () => {
  it('missing directory (read-only), a file instead of a directory, and garbage data', () => {
    const dir = tempDir()
    expect(() => openStateDB({ path: join(dir.path, 'nope'), readOnly: true })).toThrow(StateDBOpenError)
    const file = join(dir.path, 'file')
    writeFileSync(file, 'x')
    expect(() => openStateDB({ path: file })).toThrow(StateDBOpenError)
    const garbage = join(dir.path, 'garbage')
    openStateDB({ path: garbage }).close()
    writeFileSync(join(garbage, 'data.mdb'), Buffer.alloc(65536, 0x5a))
    expect(() => openStateDB({ path: garbage })).toThrow(/state database/i)
    dir.cleanup()
  })

  it('a database from a newer format version is refused', () => {
    const dir = tempDir()
    openStateDB({ path: dir.path }).close()
    const env = open({ path: dir.path, maxDbs: 16 })
    env.openDB({ name: 'meta' }).putSync('format', 99)
    env.close()
    expect(() => openStateDB({ path: dir.path })).toThrow(StateDBFormatError)
    dir.cleanup()
  })

  it('databases of the older formats (1: hash-addressed nodes, 2: fixed-size account records, 3: one value per node) are refused, not misread', () => {
    for (const format of [1, 2, 3]) {
      const dir = tempDir()
      openStateDB({ path: dir.path }).close()
      const env = open({ path: dir.path, maxDbs: 16 })
      env.openDB({ name: 'meta' }).putSync('format', format)
      env.close()
      expect(() => openStateDB({ path: dir.path })).toThrow(/older than this MetisDB/)
      expect(() => openStateDB({ path: dir.path, readOnly: true })).toThrow(StateDBFormatError)
      dir.cleanup()
    }
  })

  it('a missing state root node is reported as corruption at open', () => {
    const dir = tempDir()
    const db = openStateDB({ path: dir.path })
    db.importGenesis({ [A]: { balance: 5n } })
    db.close()
    // Nodes are stored in chunks keyed version ‖ chunk index; genesis wrote exactly one, with its root.
    const env = open({ path: dir.path, maxDbs: 16 })
    const nodes = env.openDB({ name: 'node', encoding: 'binary', keyEncoding: 'binary' })
    const keys = [...nodes.getKeys()]
    expect(keys).toHaveLength(1)
    nodes.removeSync(keys[0]!)
    env.close()
    expect(() => openStateDB({ path: dir.path })).toThrow(StateDBCorruptError)
    dir.cleanup()
  })
})

describe('bad diffs and misuse', () => {
  it('rejects code that does not match its hash, out-of-range values, and writes on read-only handles', () => {
    const dir = tempDir()
    const db = openStateDB({ path: dir.path, noSync: true })
    db.importGenesis({ [A]: { balance: 1n } })
    const bad =
      (account: { nonce: bigint; balance: bigint; codeHash: `0x${string}` }, code?: Uint8Array) => () =>
        db.commit({ accounts: new Map([[A, { account, code, storageCleared: false, storage: new Map() }]]) })
    expect(
      bad({ nonce: 0n, balance: 0n, codeHash: keccak256Hex(Uint8Array.of(2)) }, Uint8Array.of(1)),
    ).toThrow(InvalidStateDiffError)
    expect(bad({ nonce: 0n, balance: 2n ** 256n, codeHash: KECCAK256_EMPTY })).toThrow(InvalidStateDiffError)
    expect(bad({ nonce: 2n ** 64n, balance: 0n, codeHash: KECCAK256_EMPTY })).toThrow(InvalidStateDiffError)
    expect(db.latestVersion()).toBe(0n)
    const ro = openStateDB({ path: dir.path, readOnly: true })
    expect(() => ro.commit({ accounts: new Map() })).toThrow(StateDBReadOnlyError)
    // the read-only handle follows the writer's commits
    db.commit({
      accounts: new Map([
        [
          A,
          {
            account: { nonce: 1n, balance: 7n, codeHash: KECCAK256_EMPTY },
            storageCleared: false,
            storage: new Map(),
          },
        ],
      ]),
    })
    expect(ro.latestVersion()).toBe(1n)
    expect(ro.reader().getAccount(A)?.balance).toBe(7n)
    expect(ro.reader(0n).getAccount(A)?.balance).toBe(1n)
    expect(() => ro.reader(5n)).toThrow(StateVersionUnavailableError)
    ro.close()
    db.close()
    expect(() => db.reader()).toThrow(StateDBReadOnlyError)
    dir.cleanup()
  })

  it('reopens with the same state, history and block hashes', () => {
    const dir = tempDir()
    let db = openStateDB({ path: dir.path })
    db.importGenesis({ [A]: { balance: 1n, storage: { '0x01': '0x02' } } })
    const h = keccak256Hex(Uint8Array.of(9))
    db.commit(
      {
        accounts: new Map([
          [
            A,
            {
              account: { nonce: 1n, balance: 3n, codeHash: KECCAK256_EMPTY },
              storageCleared: false,
              storage: new Map([[1n, 0n]]),
            },
          ],
        ]),
      },
      { blockNumber: 1n, blockHash: h },
    )
    const root = db.stateRoot()
    db.close()
    db = openStateDB({ path: dir.path })
    expect(db.latestVersion()).toBe(1n)
    expect(db.stateRoot()).toBe(root)
    expect(db.reader(0n).getStorage(A, 1n)).toBe(2n)
    expect(db.reader().getStorage(A, 1n)).toBe(0n)
    expect(db.reader().getBlockHash(1n)).toBe(h)
    expect(db.reader(0n).getBlockHash(1n)).toBeUndefined()
    expect(db.dumpState(0n)).toEqual({
      [A]: { balance: '0x1', nonce: '0x0', storage: { [`0x${'0'.repeat(63)}1`]: `0x${'0'.repeat(63)}2` } },
    })
    db.close()
    dir.cleanup()
  })
})
