// @metis-sdk/statedb — MetisDB: versioned LMDB state with incremental Merkle-Patricia roots.
export { openStateDB } from './db/openStateDB.js'
export type { CommitMeta, GenesisAccount, GenesisAlloc, MetisDB, OpenStateDBOptions } from './db/types.js'
export {
  InvalidProofError,
  InvalidStateDiffError,
  StateDBCorruptError,
  StateDBFormatError,
  StateDBOpenError,
  StateDBReadOnlyError,
  StateVersionUnavailableError,
  UnknownCodeError,
} from './errors/statedb.js'
export type { AccountProof, StorageProof } from './proof/types.js'
export { type VerifiedProof, verifyProof } from './proof/verifyProof.js'
