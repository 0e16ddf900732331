import { MetisDBImpl } from './metisdb.js'
import type { MetisDB, OpenStateDBOptions } from './types.js'

/**
 * Opens (or creates) a MetisDB state database in `path`: LMDB flat tables for the latest state,
 * per-version change sets for history, and a persistent Merkle-Patricia trie for roots and proofs.
 * Commits are synchronous and atomic; every reader is synchronous.
 *
 * In a `worker_thread`, open the same path with `readOnly: true` and call `reader(version)`: lmdb-js
 * shares one environment per process, so this costs a few LMDB opens, no copy of the data.
 *
 * @example
 * const db = openStateDB({ path: './.metis/state' })
 * db.importGenesis({ '0x00000000000000000000000000000000000000aa': { balance: '0x64' } })
 * db.reader().getAccount('0x00000000000000000000000000000000000000aa') // { nonce: 0n, balance: 100n, … }
 * db.close()
 */
export function openStateDB(options: OpenStateDBOptions): MetisDB {
  return new MetisDBImpl(options)
}
