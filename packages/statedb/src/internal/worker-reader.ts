// Worker thread of the snapshot test: reads one version in a loop while the main thread commits.
import { parentPort, workerData } from 'node:worker_threads'
import type { Address } from '@metis-sdk/primitives'
import { openStateDB } from '../db/openStateDB.js'

const { path, version, addresses, rounds } = workerData as {
  path: string
  version: string
  addresses: Address[]
  rounds: number
}
const db = openStateDB({ path, readOnly: true })
const reader = db.reader(BigInt(version))
const snapshot = (): string =>
  addresses.map((a) => `${reader.getAccount(a)?.balance ?? 'none'}:${reader.getStorage(a, 1n)}`).join(',')
const first = snapshot()
parentPort!.postMessage({ kind: 'first', first })
let mismatches = 0
for (let i = 0; i < rounds; i++) {
  // a fresh reader of the same version must agree too (no per-reader cache involved)
  const fresh = db.reader(BigInt(version))
  for (const a of addresses) {
    if (`${fresh.getAccount(a)?.balance ?? 'none'}` !== first.split(',')[addresses.indexOf(a)]!.split(':')[0])
      mismatches++
  }
}
parentPort!.postMessage({ kind: 'done', mismatches, last: snapshot(), latest: String(db.latestVersion()) })
db.close()
