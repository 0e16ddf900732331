import { BaseError } from '@metis-sdk/primitives'

/** The data directory is missing (read-only open) or is not a MetisDB / LMDB environment. */
export class StateDBOpenError extends BaseError {
  override name = 'StateDBOpenError'
}

/** The data directory holds a database written by a newer, incompatible format version. */
export class StateDBFormatError extends BaseError {
  override name = 'StateDBFormatError'
}

/** Stored data is inconsistent (a trie node, a version record or code is missing or malformed). */
export class StateDBCorruptError extends BaseError {
  override name = 'StateDBCorruptError'
}

/** A version that was never committed, was reverted, or whose history has been pruned. */
export class StateVersionUnavailableError extends BaseError {
  override name = 'StateVersionUnavailableError'
}

/** A diff whose account code hash refers to code neither in the diff nor in the database. */
export class UnknownCodeError extends BaseError {
  override name = 'UnknownCodeError'
}

/** A diff that is malformed (code not matching its hash, out-of-range values, bad addresses). */
export class InvalidStateDiffError extends BaseError {
  override name = 'InvalidStateDiffError'
}

/** A write was attempted on a database opened with `readOnly: true`, or after `close()`. */
export class StateDBReadOnlyError extends BaseError {
  override name = 'StateDBReadOnlyError'
}

/** A Merkle proof that does not prove what it claims against the given root. */
export class InvalidProofError extends BaseError {
  override name = 'InvalidProofError'
}
