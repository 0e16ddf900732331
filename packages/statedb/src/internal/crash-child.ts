// Child process of the crash test: commits the deterministic workload forever (until SIGKILL).
import { openStateDB } from '../db/openStateDB.js'
import { crashDiff } from './crash-workload.js'

const path = process.argv[2]
if (!path) throw new Error('usage: crash-child <path>')
const db = openStateDB({ path, historyVersions: 64 })
let v = Number(db.latestVersion()) + 1
process.stdout.write(`ready ${v}\n`)
for (;;) {
  db.commit(crashDiff(v), { blockNumber: BigInt(v) })
  process.stdout.write(`c ${v}\n`)
  v++
}
