// Same-process A/B of MetisDB read and commit paths: an older statedb build vs the current dist,
// alternating measurements so machine load hits both alike. Not part of the test or bench runs.
// Prepare the older build (default: e2c4580, before the location-addressed node format), from the
// repository root:
//   mkdir -p packages/statedb/.prof/base
//   git archive e2c4580 packages/statedb | tar -x -C packages/statedb/.prof/base
//   (cd packages/statedb/.prof/base/packages/statedb && npx esbuild src/index.ts --bundle \
//     --platform=node --format=esm --outfile=dist/index.js --external:lmdb --external:@metis-sdk/primitives)
// then, from packages/statedb after `npx turbo run build --filter=@metis-sdk/statedb`:
//   node scripts/ab.mjs          (N=20000 for a smaller state)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hexToBytes, KECCAK256_EMPTY, keccak256Hex, useFastKeccak256 } from '@metis-sdk/primitives'

await useFastKeccak256()
const OLD = await import('../.prof/base/packages/statedb/dist/index.js')
const NEW = await import('@metis-sdk/statedb')
const N = +(process.env.N ?? 100000)
const hex = (n, b) => `0x${n.toString(16).padStart(b * 2, '0')}`
const address = (i) => keccak256Hex(hexToBytes(hex(i, 8))).slice(0, 42)
const addrs = Array.from({ length: N }, (_, i) => address(i))
let seed = 99
const rand = () => {
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
}
const accounts = new Map()
for (let i = 0; i < N; i++)
  accounts.set(addrs[i], {
    account: {
      nonce: BigInt(i % 7),
      balance: BigInt(Math.floor(rand() * 1e15)) * 1000n,
      codeHash: KECCAK256_EMPTY,
    },
    storageCleared: false,
    storage: new Map(i % 10 ? [] : [[1n, 7n]]),
  })
const sample = Array.from({ length: 10000 }, () => addrs[Math.floor(rand() * N)])
const loop = (r, n) => {
  let s = 0n
  for (let k = 0; k < n; k++) s += r.getAccount(sample[k % sample.length]).nonce
  return s
}
const setups = {}
for (const [name, m] of [
  ['old', OLD],
  ['new', NEW],
]) {
  const dir = mkdtempSync(join(tmpdir(), `ab-${name}-`))
  const w = m.openStateDB({ path: dir, noSync: true })
  w.commit({ accounts })
  w.close()
  const hotDb = m.openStateDB({ path: dir, noSync: true })
  const hot = hotDb.reader()
  loop(hot, 10000)
  const coldDb = m.openStateDB({ path: dir, noSync: true, cacheSize: 0 })
  const ro = m.openStateDB({ path: dir, readOnly: true })
  setups[name] = { dir, hot, lmdb: coldDb.reader(), ro, dbs: [hotDb, coldDb, ro] }
}
const res = { old: { hot: [], lmdb: [], ro: [] }, new: { hot: [], lmdb: [], ro: [] } }
for (let rep = 0; rep < 7; rep++)
  for (const name of rep % 2 ? ['old', 'new'] : ['new', 'old']) {
    const s = setups[name]
    let t0 = performance.now()
    loop(s.hot, 200000)
    res[name].hot.push(((performance.now() - t0) * 1e6) / 200000)
    t0 = performance.now()
    loop(s.lmdb, 100000)
    res[name].lmdb.push(((performance.now() - t0) * 1e6) / 100000)
    const r = s.ro.reader()
    t0 = performance.now()
    loop(r, 10000)
    res[name].ro.push(((performance.now() - t0) * 1e6) / 10000)
  }
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1]
for (const k of ['hot', 'lmdb', 'ro'])
  console.log(
    `${k}: old ${med(res.old[k]).toFixed(0)} ns, new ${med(res.new[k]).toFixed(0)} ns, old/new ${(med(res.old[k]) / med(res.new[k])).toFixed(2)}x`,
  )
for (const s of Object.values(setups)) for (const d of s.dbs) d.close()
// commits: 20 blocks x 200 accounts (balance/nonce + one slot for contracts), after revertTo(base)
const blocks = Array.from({ length: 20 }, (_, r) => {
  const m = new Map()
  for (let k = 0; k < 200; k++) {
    const i = Math.floor(rand() * N)
    const a = accounts.get(addrs[i]).account
    m.set(addrs[i], {
      account: { ...a, nonce: a.nonce + BigInt(r + 1) },
      storageCleared: false,
      storage: new Map(i % 10 ? [] : [[2n, BigInt(r + 5)]]),
    })
  }
  return { accounts: m }
})
const cres = { old: { fsync: [], noSync: [] }, new: { fsync: [], noSync: [] } }
const handles = {}
for (const [name, _m] of [
  ['old', OLD],
  ['new', NEW],
])
  for (const noSync of [false, true]) handles[`${name}${noSync}`] = null
for (let rep = 0; rep < 4; rep++)
  for (const noSync of [false, true])
    for (const name of rep % 2 ? ['old', 'new'] : ['new', 'old']) {
      const m = name === 'old' ? OLD : NEW
      const db = m.openStateDB({ path: setups[name].dir, noSync, historyVersions: 128 })
      if (db.latestVersion() > 0n) db.revertTo(0n)
      const t0 = performance.now()
      for (const b of blocks) db.commit(b)
      cres[name][noSync ? 'noSync' : 'fsync'].push((performance.now() - t0) / blocks.length)
      db.revertTo(0n)
      db.close()
    }
for (const k of ['fsync', 'noSync'])
  console.log(
    `commit 200 accounts (${k}): old ${med(cres.old[k]).toFixed(1)} ms/block, new ${med(cres.new[k]).toFixed(1)} ms/block, old/new ${(med(cres.old[k]) / med(cres.new[k])).toFixed(2)}x`,
  )
for (const s of Object.values(setups)) rmSync(s.dir, { recursive: true, force: true })
