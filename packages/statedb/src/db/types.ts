import type {
  Account,
  Address,
  CommitResult,
  Hash,
  Hex,
  StateDB,
  StateDiff,
  StateReader,
} from '@metis-sdk/primitives'
import type { AccountProof } from '../proof/types.js'

/** Options of {@link openStateDB}. */
export type OpenStateDBOptions = {
  /** Data directory (created when missing unless `readOnly`). */
  path: string
  /** How many recent versions keep per-key history for reads at old versions (default 128). */
  historyVersions?: number | undefined
  /** Entries of the head-state read cache (accounts + storage slots, default 100,000). */
  cacheSize?: number | undefined
  /** Open without write access, e.g. in executor workers (cheap: one LMDB environment per process). */
  readOnly?: boolean | undefined
  /** Skip fsync on commit (tests, benchmarks). A process crash still loses nothing; an OS crash may. */
  noSync?: boolean | undefined
}

/** One account of a geth-style genesis `alloc`. Numbers as bigint, number or (hex/decimal) string. */
export type GenesisAccount = {
  balance: bigint | number | string
  nonce?: bigint | number | string | undefined
  code?: Hex | undefined
  storage?: Record<Hex, Hex> | undefined
}

/** A geth-style `alloc`: address → account. */
export type GenesisAlloc = Record<Address, GenesisAccount>

/** Metadata recorded with a commit. */
export type CommitMeta = { blockNumber?: bigint | undefined; blockHash?: Hash | undefined }

/** MetisDB: the versioned, Merkle-committed state database. */
export interface MetisDB extends StateDB {
  commit(diff: StateDiff, meta?: CommitMeta): CommitResult
  reader(version?: bigint): StateReader
  /** The latest committed version, -1n for a database without any version yet. */
  latestVersion(): bigint
  /** The oldest version that `reader()` can serve (history before it has been pruned). */
  oldestVersion(): bigint
  stateRoot(version?: bigint): Hash
  getProof(address: Address, slots: Hash[], version?: bigint): AccountProof
  importGenesis(alloc: GenesisAlloc): CommitResult
  dumpState(version?: bigint): GenesisAlloc
  loadState(alloc: GenesisAlloc): CommitResult
  revertTo(version: bigint): void
  /** Records the hash of the latest version's block once known (BLOCKHASH through `reader()`). */
  recordBlockHash(blockHash: Hash): void
  close(): void
  /** The account as stored at `version`, including its storage root (used by proofs and tooling). */
  getAccountWithRoot(address: Address, version?: bigint): (Account & { storageRoot: Hash }) | undefined
}
