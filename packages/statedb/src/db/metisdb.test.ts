import { Trie } from '@ethereumjs/trie'
import type { AccountDiff, Address, Hash, StateDiff } from '@metis-sdk/primitives'
import { EMPTY_TRIE_ROOT, hexToBytes, KECCAK256_EMPTY, keccak256Hex } from '@metis-sdk/primitives'
import { afterEach, describe, expect, it } from 'vitest'
import { InvalidProofError, StateVersionUnavailableError, UnknownCodeError } from '../errors/statedb.js'
import { type ModelAccount, referenceStateRoot } from '../internal/reference-root.js'
import { rng, tempDir } from '../internal/test-utils.js'
import { verifyProof } from '../proof/verifyProof.js'
import { openStateDB } from './openStateDB.js'
import type { MetisDB } from './types.js'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})
function fresh(opts: { historyVersions?: number } = {}): { db: MetisDB; path: string } {
  const dir = tempDir()
  const db = openStateDB({ path: dir.path, noSync: true, ...opts })
  cleanups.push(() => {
    try {
      db.close()
    } catch {}
    dir.cleanup()
  })
  return { db, path: dir.path }
}

const addr = (i: number) => `0x${i.toString(16).padStart(40, '0')}` as Address
const slotHex = (s: bigint) => `0x${s.toString(16).padStart(64, '0')}` as Hash

type Model = Map<string, ModelAccount>
function cloneModel(m: Model): Model {
  const out: Model = new Map()
  for (const [k, a] of m) out.set(k, { ...a, storage: new Map(a.storage) })
  return out
}
function applyToModel(m: Model, diff: StateDiff): void {
  for (const [address, ad] of diff.accounts) {
    if (ad.account === undefined) {
      m.delete(address)
      continue
    }
    const prev = m.get(address)
    const storage = ad.storageCleared || !prev ? new Map<bigint, bigint>() : prev.storage
    for (const [s, v] of ad.storage) v === 0n ? storage.delete(s) : storage.set(s, v)
    m.set(address, { ...ad.account, storage })
  }
}

const CODES = [Uint8Array.of(0x60, 0x00, 0x60, 0x00, 0xf3), Uint8Array.of(0x5f, 0x5f, 0xfd)]

function randomDiff(rand: () => number, model: Model, nAddr: number, knownCode: Set<string>): StateDiff {
  const accounts = new Map<Address, AccountDiff>()
  const touches = 1 + Math.floor(rand() * 8)
  for (let i = 0; i < touches; i++) {
    const a = addr(1 + Math.floor(rand() * nAddr))
    const r = rand()
    if (r < 0.08) {
      accounts.set(a, { account: undefined, storageCleared: true, storage: new Map() })
      continue
    }
    const prev = model.get(a)
    const storage = new Map<bigint, bigint>()
    const nSlots = Math.floor(rand() * 5)
    for (let j = 0; j < nSlots; j++) {
      const slot =
        rand() < 0.1 ? 2n ** 256n - 1n - BigInt(Math.floor(rand() * 3)) : BigInt(Math.floor(rand() * 12))
      const big = rand() < 0.3
      storage.set(
        slot,
        rand() < 0.25
          ? 0n
          : big
            ? BigInt(keccak256Hex(Uint8Array.of(j, i)))
            : BigInt(1 + Math.floor(rand() * 300)),
      )
    }
    let codeHash = prev?.codeHash ?? (KECCAK256_EMPTY as Hash)
    let code: Uint8Array | undefined
    if (rand() < 0.05) {
      code = CODES[Math.floor(rand() * CODES.length)]!
      codeHash = keccak256Hex(code)
      knownCode.add(codeHash)
    }
    accounts.set(a, {
      account: {
        nonce: (prev?.nonce ?? 0n) + (rand() < 0.5 ? 1n : 0n),
        balance:
          rand() < 0.05 ? 0n : BigInt(Math.floor(rand() * 1e9)) * 10n ** BigInt(Math.floor(rand() * 12)),
        codeHash,
      },
      code,
      storageCleared: rand() < 0.07,
      storage,
    })
  }
  return { accounts }
}

describe('MetisDB commit and roots', () => {
  it('imports a genesis alloc and computes the Ethereum state root', async () => {
    const { db } = fresh()
    expect(db.latestVersion()).toBe(-1n)
    expect(db.stateRoot()).toBe(EMPTY_TRIE_ROOT)
    const code = '0x6001600155' as const
    const res = db.importGenesis({
      [addr(1)]: { balance: '0x0de0b6b3a7640000', nonce: '0x01' },
      [addr(2)]: { balance: 0n, code, storage: { '0x01': '0x2a', [slotHex(5n)]: '0x00' } },
    })
    expect(res.version).toBe(0n)
    const model: Model = new Map([
      [addr(1), { nonce: 1n, balance: 10n ** 18n, codeHash: KECCAK256_EMPTY, storage: new Map() }],
      [
        addr(2),
        { nonce: 0n, balance: 0n, codeHash: keccak256Hex(hexToBytes(code)), storage: new Map([[1n, 42n]]) },
      ],
    ])
    expect(res.stateRoot).toBe(await referenceStateRoot(model))
    const r = db.reader()
    expect(r.getAccount(addr(1))).toEqual({ nonce: 1n, balance: 10n ** 18n, codeHash: KECCAK256_EMPTY })
    expect(r.getStorage(addr(2), 1n)).toBe(42n)
    expect(r.getStorage(addr(2), 5n)).toBe(0n)
    expect(r.hasStorage?.(addr(2))).toBe(true)
    expect(Uint8Array.from(r.getCode(r.getAccount(addr(2))!.codeHash))).toEqual(hexToBytes(code))
    expect(r.getAccount(addr(3))).toBeUndefined()
    expect(() => db.importGenesis({})).toThrow(StateVersionUnavailableError)
  })

  it('keeps incremental roots equal to from-scratch roots over 1,500 random commits', async () => {
    const { db } = fresh({ historyVersions: 2000 })
    const impl = db as unknown as { computeRootFromScratch(): Hash }
    const rand = rng(42)
    const model: Model = new Map()
    const snapshots: Model[] = []
    const roots: Hash[] = []
    const known = new Set<string>()
    for (let i = 0; i < 1500; i++) {
      const diff = randomDiff(rand, model, 40, known)
      const res = db.commit(diff, {
        blockNumber: BigInt(i),
        blockHash: keccak256Hex(Uint8Array.of(i & 255, i >> 8)),
      })
      applyToModel(model, diff)
      expect(res.version).toBe(BigInt(i))
      expect(res.stateRoot).toBe(impl.computeRootFromScratch())
      if (i % 100 === 0 || i === 1499) expect(res.stateRoot).toBe(await referenceStateRoot(model))
      snapshots.push(cloneModel(model))
      roots.push(res.stateRoot)
    }
    // History: readers at old versions see exactly that version.
    for (const v of [0, 1, 17, 500, 1234, 1498, 1499]) {
      const r = db.reader(BigInt(v))
      const snap = snapshots[v]!
      expect(db.stateRoot(BigInt(v))).toBe(roots[v])
      for (let a = 1; a <= 40; a++) {
        const m = snap.get(addr(a))
        const got = r.getAccount(addr(a))
        expect(got).toEqual(m ? { nonce: m.nonce, balance: m.balance, codeHash: m.codeHash } : undefined)
        for (let s = 0n; s < 12n; s++) expect(r.getStorage(addr(a), s)).toBe(m?.storage.get(s) ?? 0n)
      }
      if (v > 0)
        expect(r.getBlockHash(BigInt(v - 1))).toBe(keccak256Hex(Uint8Array.of((v - 1) & 255, (v - 1) >> 8)))
      expect(r.getBlockHash(BigInt(v + 1))).toBeUndefined()
    }
    // dumpState at an old version loads back to the same root.
    const dump = db.dumpState(700n)
    const { db: other } = fresh()
    expect(other.loadState(dump).stateRoot).toBe(roots[700])
    // revertTo drops later versions, restores the flat state, and commits continue from there.
    db.revertTo(1000n)
    expect(db.latestVersion()).toBe(1000n)
    expect(db.stateRoot()).toBe(roots[1000])
    expect(impl.computeRootFromScratch()).toBe(roots[1000])
    expect(() => db.reader(1001n)).toThrow(StateVersionUnavailableError)
    const again = snapshots[1000]!
    const r = db.reader()
    for (let a = 1; a <= 40; a++) expect(r.getAccount(addr(a))?.balance).toBe(again.get(addr(a))?.balance)
    const diff = randomDiff(rand, again, 40, known)
    applyToModel(again, diff)
    expect(db.commit(diff).stateRoot).toBe(await referenceStateRoot(again))
  }, 300_000)

  it('prunes history beyond historyVersions and refuses those versions', () => {
    const { db } = fresh({ historyVersions: 4 })
    const rand = rng(3)
    const model: Model = new Map()
    for (let i = 0; i < 20; i++) {
      const d = randomDiff(rand, model, 10, new Set())
      applyToModel(model, d)
      db.commit(d)
    }
    ;(db as unknown as { pruneNow(): void }).pruneNow()
    expect(db.oldestVersion()).toBe(15n)
    expect(() => db.reader(14n)).toThrow(StateVersionUnavailableError)
    expect(() => db.reader(15n)).not.toThrow()
    expect(() => db.revertTo(10n)).toThrow(StateVersionUnavailableError)
  })

  it('rejects a diff with unknown code and writes nothing', () => {
    const { db } = fresh()
    db.importGenesis({ [addr(1)]: { balance: 1n } })
    const before = db.stateRoot()
    const diff: StateDiff = {
      accounts: new Map([
        [
          addr(1),
          {
            account: { nonce: 1n, balance: 0n, codeHash: KECCAK256_EMPTY },
            storageCleared: false,
            storage: new Map(),
          },
        ],
        [
          addr(2),
          {
            account: { nonce: 0n, balance: 0n, codeHash: keccak256Hex(Uint8Array.of(1)) },
            storageCleared: false,
            storage: new Map(),
          },
        ],
      ]),
    }
    expect(() => db.commit(diff)).toThrow(UnknownCodeError)
    expect(db.latestVersion()).toBe(0n)
    expect(db.stateRoot()).toBe(before)
    expect(db.reader().getAccount(addr(1))?.nonce).toBe(0n)
    // the next valid commit still starts from the committed state
    const ok = db.commit({ accounts: new Map([[addr(1), diff.accounts.get(addr(1))!]]) })
    expect(ok.version).toBe(1n)
  })
})

describe('MetisDB proofs', () => {
  it('produces EIP-1186 proofs that @ethereumjs/trie and verifyProof accept, for present and absent keys', async () => {
    const { db } = fresh()
    const alloc: Record<string, { balance: bigint; storage?: Record<string, string> }> = {}
    for (let i = 1; i <= 300; i++)
      alloc[addr(i * 7919)] = {
        balance: BigInt(i) * 10n ** 15n,
        ...(i % 10 === 0
          ? {
              storage: Object.fromEntries(
                Array.from({ length: 20 }, (_, j) => [slotHex(BigInt(j)), `0x${(j + i).toString(16)}`]),
              ),
            }
          : {}),
      }
    const { stateRoot } = db.importGenesis(alloc as never)
    const ej = new Trie({ useKeyHashing: true })
    for (const [a, slots] of [
      [addr(10 * 7919), [slotHex(3n), slotHex(99n)]],
      [addr(7 * 7919), [slotHex(1n)]],
      [addr(123456789), [slotHex(0n)]],
    ] as Array<[Address, Hash[]]>) {
      const p = db.getProof(a, slots)
      const ok = await ej.verifyProof(
        hexToBytes(stateRoot),
        hexToBytes(a),
        p.accountProof.map((x) => hexToBytes(x)),
      )
      const present = alloc[a] !== undefined
      expect(ok === null).toBe(!present)
      const v = verifyProof(stateRoot, p)
      expect(v.account?.balance).toBe(alloc[a]?.balance)
      for (const sp of p.storageProof) {
        if (sp.proof.length === 0) {
          // an empty storage trie: nothing to walk (ethereumjs refuses empty proofs)
          expect(p.storageHash).toBe(EMPTY_TRIE_ROOT)
          expect(sp.value).toBe(0n)
          continue
        }
        const val = await ej.verifyProof(
          hexToBytes(p.storageHash),
          hexToBytes(sp.key),
          sp.proof.map((x) => hexToBytes(x)),
        )
        expect(val === null).toBe(sp.value === 0n)
        expect(v.storage.get(sp.key)).toBe(sp.value)
      }
      // tampering is detected
      expect(() => verifyProof(stateRoot, { ...p, balance: p.balance + 1n })).toThrow(InvalidProofError)
      if (p.accountProof.length > 1)
        expect(() => verifyProof(stateRoot, { ...p, accountProof: p.accountProof.slice(0, -1) })).toThrow(
          InvalidProofError,
        )
      if (p.storageProof[0]!.value !== 0n)
        expect(() =>
          verifyProof(stateRoot, { ...p, storageProof: [{ ...p.storageProof[0]!, value: 5n }] }),
        ).toThrow(InvalidProofError)
    }
    expect(db.getProof(addr(10 * 7919), [slotHex(3n)]).storageProof[0]!.value).toBe(13n)
  })

  it('proves old versions too', () => {
    const { db } = fresh()
    db.importGenesis({ [addr(1)]: { balance: 1n } })
    const r0 = db.stateRoot()
    db.commit({
      accounts: new Map([
        [
          addr(1),
          {
            account: { nonce: 0n, balance: 2n, codeHash: KECCAK256_EMPTY },
            storageCleared: false,
            storage: new Map(),
          },
        ],
      ]),
    })
    expect(verifyProof(r0, db.getProof(addr(1), [], 0n)).account?.balance).toBe(1n)
    expect(verifyProof(db.stateRoot(), db.getProof(addr(1), [])).account?.balance).toBe(2n)
  })
})
