import type { Address, Hash } from 'viem'

/** An account as the state sees it. Absent accounts are `undefined`, never an empty object. */
export type Account = {
  nonce: bigint
  balance: bigint
  /** keccak256 of the code; KECCAK256_EMPTY for accounts without code. */
  codeHash: Hash
}

/**
 * Synchronous read access to a world state at one fixed version. The VM only ever sees this.
 * Every method is synchronous: no Promise anywhere on the execution hot path.
 */
export interface StateReader {
  /** The account at `address` (lowercase hex), or undefined if it does not exist. */
  getAccount(address: Address): Account | undefined
  /** Code by hash; empty array for KECCAK256_EMPTY. Unknown hashes throw (a corrupt state). */
  getCode(codeHash: Hash): Uint8Array
  /** A storage slot's value (0n when unset). */
  getStorage(address: Address, slot: bigint): bigint
  /** True if the account has any non-zero storage (for EIP-7610 create collisions). Optional. */
  hasStorage?(address: Address): boolean
  /** Hash of a recent block (the 256 before the current one), undefined if unknown. */
  getBlockHash(number: bigint): Hash | undefined
}

/** The change to one account made by a transaction or a block. */
export type AccountDiff = {
  /** The account afterwards; `undefined` means the account was deleted (self-destruct, EIP-158 touch). */
  account: Account | undefined
  /** New code, present only when the account's code was set (created contract, 7702 delegation). */
  code?: Uint8Array | undefined
  /** True when all storage was wiped before `storage` is applied (account created or destroyed). */
  storageCleared: boolean
  /** Storage writes: slot → new value (0n deletes the slot). */
  storage: Map<bigint, bigint>
}

/** A key of the world state, as read and write sets record it. */
export type StateKey =
  | { kind: 'account'; address: Address }
  | { kind: 'storage'; address: Address; slot: bigint }
  | { kind: 'code'; address: Address }

/**
 * What a transaction or block changed. A VM run returns one; a state DB commits one.
 * `reads` / `writes` are filled when the caller asks for them (the parallel executor does).
 */
export type StateDiff = {
  accounts: Map<Address, AccountDiff>
  /** Keys read during execution (present when read tracking was requested). */
  reads?: StateKey[] | undefined
  /** Keys written during execution (present when write tracking was requested). */
  writes?: StateKey[] | undefined
}

/** The result of committing a diff to a state DB. */
export type CommitResult = { version: bigint; stateRoot: Hash }

/** A versioned state DB: the seam at which builders swap storage engines. */
export interface StateDB {
  /** Applies a block's diff atomically and returns the new version and state root. */
  commit(diff: StateDiff, meta?: { blockNumber?: bigint; blockHash?: Hash }): CommitResult
  /** A synchronous reader of exactly `version` (default: the latest). */
  reader(version?: bigint): StateReader
  /** The latest committed version. */
  latestVersion(): bigint
  /** The state root at `version` (default: the latest). */
  stateRoot(version?: bigint): Hash
}
