// statedb suite: MetisDB (LMDB + incremental persistent MPT) vs @ethereumjs/trie (in memory) in the
// same run. Workloads: build a 100k-account state (+ contracts with storage) and its root; update
// 10,000 accounts + 10,000 storage slots and recompute; hot-cache and LMDB read latency; commit
// throughput. Both engines hash with the same keccak-256 (primitives' backend, hash-wasm when it
// loads): the ratio compares the tries and their storage, not two keccak implementations.
// Read rows: median over 5 repetitions of a timed batch (200,000 reads, or 10,000 for the worker
// path), divided by the batch size. The update is also run on ethereumjs with its own default keccak
// (ethereumjs as shipped), as a second row.
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Trie } from '@ethereumjs/trie'
import {
  EMPTY_TRIE_ROOT,
  hexToBytes,
  KECCAK256_EMPTY,
  keccak256,
  keccak256Hex,
  rlpEncode,
  useFastKeccak256,
} from '@metis-sdk/primitives'
import { openStateDB } from '@metis-sdk/statedb'
import { emit, environment, measure, printTable, round } from '../lib/report.mjs'

const quick = process.env.BENCH_QUICK === '1'
const REPS = quick ? 2 : 5
const N_ACCOUNTS = quick ? 20_000 : 100_000
const CONTRACT_EVERY = 10 // every 10th account is a contract with storage
const SLOTS_PER_CONTRACT = 10
const N_UPDATE = quick ? 2_000 : 10_000
const SUITE = 'statedb'

// ---------------------------------------------------------------- deterministic workload
let seed = 12345
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const hex = (n, bytes) => `0x${n.toString(16).padStart(bytes * 2, '0')}`
const address = (i) => keccak256Hex(hexToBytes(hex(i, 8))).slice(0, 42)
const CODE = hexToBytes(
  '0x6080604052348015600f57600080fd5b50603f80601d6000396000f3fe6080604052600080fdfea164736f6c6343',
)
const CODE_HASH = keccak256Hex(CODE)

function buildDiff() {
  const accounts = new Map()
  for (let i = 0; i < N_ACCOUNTS; i++) {
    const isContract = i % CONTRACT_EVERY === 0
    const storage = new Map()
    if (isContract)
      for (let s = 0; s < SLOTS_PER_CONTRACT; s++)
        storage.set(BigInt(s), BigInt(Math.floor(rand() * 1e12)) + 1n)
    accounts.set(address(i), {
      account: {
        nonce: BigInt(i % 7),
        balance: BigInt(Math.floor(rand() * 1e15)) * 1000n,
        codeHash: isContract ? CODE_HASH : KECCAK256_EMPTY,
      },
      code: isContract ? CODE : undefined,
      storageCleared: false,
      storage,
    })
  }
  return { accounts }
}

/** 10k account updates (balance/nonce) + 10k storage writes spread over the contracts. */
function updateDiff(base, round) {
  const accounts = new Map()
  for (let k = 0; k < N_UPDATE; k++) {
    const i = Math.floor(rand() * N_ACCOUNTS)
    const a = address(i)
    const prev = accounts.get(a)?.account ?? base.accounts.get(a).account
    accounts.set(a, {
      account: { ...prev, balance: prev.balance + BigInt(round + 1), nonce: prev.nonce + 1n },
      storageCleared: false,
      storage: accounts.get(a)?.storage ?? new Map(),
    })
  }
  for (let k = 0; k < N_UPDATE; k++) {
    const i = Math.floor(rand() * (N_ACCOUNTS / CONTRACT_EVERY)) * CONTRACT_EVERY
    const a = address(i)
    let d = accounts.get(a)
    if (!d) {
      d = { account: base.accounts.get(a).account, storageCleared: false, storage: new Map() }
      accounts.set(a, d)
    }
    d.storage.set(BigInt(Math.floor(rand() * SLOTS_PER_CONTRACT * 2)), BigInt(round * 1000 + k + 1))
  }
  return { accounts }
}

// ---------------------------------------------------------------- ethereumjs peer
const minimal = (v) =>
  v === 0n
    ? new Uint8Array(0)
    : hexToBytes(`0x${v.toString(16).padStart(v.toString(16).length + (v.toString(16).length & 1), '0')}`)
const accountRlp = (a, storageRoot) =>
  rlpEncode([minimal(a.nonce), minimal(a.balance), storageRoot, hexToBytes(a.codeHash)])

// ethereumjs hashes keys and nodes with `useKeyHashingFunction` (default: ethereum-cryptography's
// JS keccak); it gets the same keccak as MetisDB.
const ejsTrie = () => new Trie({ useKeyHashing: true, useKeyHashingFunction: keccak256 })
// ethereumjs as shipped: its default keccak (ethereum-cryptography, JS). Reported as a second peer row.
const ejsTrieDefault = () => new Trie({ useKeyHashing: true })

class EjsState {
  constructor(newTrie = ejsTrie) {
    this.newTrie = newTrie
    this.trie = newTrie()
    this.storage = new Map() // address → Trie
    this.accounts = new Map() // address → account
  }
  async apply(diff) {
    for (const [addr, d] of diff.accounts) {
      let st = this.storage.get(addr)
      if (d.storage.size > 0) {
        if (!st) {
          st = this.newTrie()
          this.storage.set(addr, st)
        }
        for (const [slot, value] of d.storage)
          if (value === 0n) await st.del(hexToBytes(hex(slot, 32)))
          else await st.put(hexToBytes(hex(slot, 32)), rlpEncode(minimal(value)))
      }
      this.accounts.set(addr, d.account)
      await this.trie.put(
        hexToBytes(addr),
        accountRlp(d.account, st ? st.root() : hexToBytes(EMPTY_TRIE_ROOT)),
      )
    }
    return this.trie.root()
  }
  checkpoint() {
    this.trie.checkpoint()
    for (const st of this.storage.values()) st.checkpoint()
  }
  async revert() {
    await this.trie.revert()
    for (const st of this.storage.values()) await st.revert()
  }
}

// ---------------------------------------------------------------- run
// The hash-wasm keccak backend installed at start-up, as a node runs; ethereumjs is handed the same
// function (ejsTrie above).
const fastKeccak = await useFastKeccak256()
const env = environment()
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
console.log(
  `statedb suite — ${env.date}, Node ${env.node}, ${env.cores} cores; ${N_ACCOUNTS} accounts, ${N_UPDATE} updates, ${REPS} reps, keccak ${fastKeccak ? 'hash-wasm' : 'js'} (both engines); load average ${load()}`,
)
const base = buildDiff()
const rows = []
const result = (workload, engine, m, extra = {}) => {
  const row = {
    suite: SUITE,
    workload,
    engine,
    median_ms: m.median_ms,
    min_ms: m.min_ms,
    max_ms: m.max_ms,
    ...extra,
  }
  rows.push(row)
  emit(row)
  return row
}
const dirs = []
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'metis-bench-statedb-'))
  dirs.push(d)
  return d
}

// Every MetisDB row is measured first, then the ethereumjs rows: each engine runs without the
// other's state or garbage in the heap (the ethereumjs state of 100,000 accounts is ~GBs).

// 1. MetisDB: build the state and its root
let builtRoot
const mBuild = await measure(
  (db) => {
    builtRoot = db.commit(base).stateRoot
    db.close()
  },
  { warmup: 1, reps: REPS, setup: () => openStateDB({ path: freshDir(), noSync: true }) },
)

// 2. MetisDB: update 10k accounts + 10k slots and recompute the root
const dbPath = freshDir()
const db = openStateDB({ path: dbPath, noSync: true, historyVersions: 1000 })
const baseVersion = db.commit(base).version
const updates = Array.from({ length: REPS + 1 }, (_, r) => updateDiff(base, r))
let u = 0
const metisUpdateRoots = []
const mUpdate = await measure(
  (diff) => {
    metisUpdateRoots.push(db.commit(diff).stateRoot)
  },
  {
    warmup: 1,
    reps: REPS,
    // Block after block, as a chain commits: each repetition applies the next diff on top of the
    // previous one (no revert, so MetisDB keeps its account trie warm, as a running node does).
    setup: () => updates[u++ % updates.length],
  },
)
// The same update after revertTo(base): the account trie is reloaded from LMDB along every touched
// path (what the first block after a restart or a reorg pays).
const mCold = await measure((diff) => db.commit(diff), {
  warmup: 1,
  reps: REPS,
  setup: () => {
    db.revertTo(baseVersion)
    return updates[u++ % updates.length]
  },
})
db.revertTo(baseVersion)

// 3. MetisDB reads: hot cache, LMDB (no cache), worker-style read-only handle.
const READS = 200_000
const sample = Array.from({ length: 10_000 }, () => address(Math.floor(rand() * N_ACCOUNTS)))
function readLoop(reader, n) {
  let sink = 0n
  for (let k = 0; k < n; k++) sink += reader.getAccount(sample[k % sample.length]).nonce
  return sink
}
const hot = db.reader()
readLoop(hot, sample.length) // fill the cache
const mHot = await measure(() => readLoop(hot, READS), { warmup: 2, reps: REPS })
const contracts = sample.map((_, k) => address((k % (N_ACCOUNTS / CONTRACT_EVERY)) * CONTRACT_EVERY))
function storageLoop(reader, n) {
  let sink = 0n
  for (let k = 0; k < n; k++)
    sink += reader.getStorage(contracts[k % contracts.length], BigInt(k % SLOTS_PER_CONTRACT))
  return sink
}
storageLoop(hot, 100_000)
const mHotS = await measure(() => storageLoop(hot, READS), { warmup: 2, reps: REPS })
db.close()
const cold = openStateDB({ path: dbPath, noSync: true, cacheSize: 0, historyVersions: 1000 })
const lmdbReader = cold.reader()
const mLmdb = await measure(() => readLoop(lmdbReader, READS), { warmup: 2, reps: REPS })
const mLmdbS = await measure(() => storageLoop(lmdbReader, READS), { warmup: 2, reps: REPS })
const ro = openStateDB({ path: dbPath, readOnly: true })
// A fresh reader per repetition and each address read once: every read misses the per-reader cache
// and does what a worker does, one flat get plus one history-range probe.
const mRo = await measure(() => readLoop(ro.reader(), sample.length), { warmup: 2, reps: REPS })
ro.close()

// 4. MetisDB commit throughput: blocks of 200 touched accounts (with their slot writes), with fsync
// per commit (durable against an OS crash) and with noSync (durable against a process crash only).
cold.close()
const BLOCKS = quick ? 20 : 100
const blocks = Array.from({ length: BLOCKS }, (_, r) => {
  const d = updateDiff(base, 100 + r)
  const small = new Map([...d.accounts].slice(0, 200))
  return { accounts: small }
})
const mCommits = []
for (const noSync of [false, true]) {
  const handle = openStateDB({ path: dbPath, historyVersions: 128, noSync })
  const mCommit = await measure(
    () => {
      for (const b of blocks) handle.commit(b)
    },
    { warmup: 1, reps: REPS, setup: () => handle.revertTo(baseVersion) },
  )
  mCommits.push([noSync, mCommit])
  handle.close()
}

// 5. ethereumjs: the same build and the same updates, block after block; roots checked equal.
let ejsRoot
const mBuildEjs = await measure(
  async () => {
    const s = new EjsState()
    ejsRoot = await s.apply(base)
  },
  { warmup: 1, reps: REPS },
)
if (`0x${Buffer.from(ejsRoot).toString('hex')}` !== builtRoot) throw new Error(`root mismatch: ${builtRoot}`)
async function ejsUpdates(newTrie) {
  let ejs = new EjsState(newTrie)
  await ejs.apply(base)
  let e = 0
  const roots = []
  const m = await measure(
    async (diff) => {
      roots.push(`0x${Buffer.from(await ejs.apply(diff)).toString('hex')}`)
    },
    { warmup: 1, reps: REPS, setup: () => updates[e++ % updates.length] },
  )
  ejs = null
  if (roots.join() !== metisUpdateRoots.join()) throw new Error('update roots differ between engines')
  return m
}
const mUpdateEjs = await ejsUpdates(ejsTrie)
globalThis.gc?.()
const mUpdateEjsDefault = await ejsUpdates(ejsTrieDefault)

result(`build ${N_ACCOUNTS} accounts + root`, 'metisdb (LMDB commit)', mBuild)
result(`build ${N_ACCOUNTS} accounts + root`, '@ethereumjs/trie (memory)', mBuildEjs, {
  ratio: round(mBuildEjs.median_ms / mBuild.median_ms, 2),
})
const upd = `update ${N_UPDATE} accounts + ${N_UPDATE} slots + root`
result(upd, 'metisdb (LMDB commit)', mUpdate)
result(upd, '@ethereumjs/trie (memory)', mUpdateEjs, {
  ratio: round(mUpdateEjs.median_ms / mUpdate.median_ms, 2),
})
result(upd, '@ethereumjs/trie (memory), its default JS keccak', mUpdateEjsDefault, {
  ratio: round(mUpdateEjsDefault.median_ms / mUpdate.median_ms, 2),
})
result(`${upd}, cold trie after revertTo`, 'metisdb (LMDB commit)', mCold, {
  ratio: round(mUpdateEjs.median_ms / mCold.median_ms, 2),
})
result('getAccount, hot cache', 'metisdb', mHot, { ns_per_op: round((mHot.median_ms * 1e6) / READS, 1) })
result('getStorage, hot cache', 'metisdb', mHotS, { ns_per_op: round((mHotS.median_ms * 1e6) / READS, 1) })
result('getAccount, LMDB (no cache)', 'metisdb', mLmdb, {
  ns_per_op: round((mLmdb.median_ms * 1e6) / READS, 1),
})
result('getStorage, LMDB (no cache)', 'metisdb', mLmdbS, {
  ns_per_op: round((mLmdbS.median_ms * 1e6) / READS, 1),
})
result('getAccount, read-only handle (worker path)', 'metisdb', mRo, {
  ns_per_op: round((mRo.median_ms * 1e6) / sample.length, 1),
})
for (const [noSync, mCommit] of mCommits)
  result(`commit ${BLOCKS} blocks × 200 accounts (${noSync ? 'noSync' : 'fsync'})`, 'metisdb', mCommit, {
    blocks_per_s: round((BLOCKS * 1000) / mCommit.median_ms, 1),
    accounts_per_s: round((BLOCKS * 200 * 1000) / mCommit.median_ms, 0),
  })

printTable(
  rows.map(({ suite, ...r }) => r),
  `statedb — ${env.date}, Node ${env.node}, ${env.cores} cores; load average at the end ${load()}`,
)
for (const d of dirs) rmSync(d, { recursive: true, force: true })
