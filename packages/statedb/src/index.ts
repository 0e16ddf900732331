// @metis-sdk/statedb — MetisDB: versioned LMDB state with incremental Merkle-Patricia roots.
export { openStateDB } from './db/openStateDB.js'
export type { MetisDB, OpenStateDBOptions, GenesisAlloc, GenesisAccount, CommitMeta } from './db/types.js'
export { verifyProof, type VerifiedProof } from './proof/verifyProof.js'
export type { AccountProof, StorageProof } from './proof/types.js'
export {
  StateDBOpenError,
  StateDBFormatError,
  StateDBCorruptError,
  StateVersionUnavailableError,
  UnknownCodeError,
  InvalidStateDiffError,
  StateDBReadOnlyError,
  InvalidProofError,
} from './errors/statedb.js'
