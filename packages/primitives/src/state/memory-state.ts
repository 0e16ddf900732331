import type { Address, Hash } from 'viem'
import { KECCAK256_EMPTY, keccak256Hex } from '../hash/index.js'
import { stateRoot } from '../trie/index.js'
import type { Account, StateDiff, StateReader } from '../types/index.js'

/** Plain-data form of a {@link MemoryState}, cheap to structured-clone into workers. */
export type MemoryStateSnapshot = {
  accounts: [Address, Account][]
  storage: [Address, [bigint, bigint][]][]
  codes: [Hash, Uint8Array][]
  blockHashes: [bigint, Hash][]
}

/** A genesis-style allocation: balances, nonces, code and storage per address. */
export type GenesisAlloc = Record<
  string,
  {
    balance?: bigint
    nonce?: bigint
    code?: Uint8Array
    storage?: Record<string, bigint> | Map<bigint, bigint>
  }
>

/**
 * The in-memory world state of the SDK, for state tests, the VM CLI, genesis building, benchmarks
 * and dev chains without a data directory: a {@link StateReader} that applies diffs in place,
 * computes its state root from scratch, and copies cheaply into worker threads. Production nodes
 * use MetisDB.
 *
 * @example
 * const state = createMemoryState({ [alice]: { balance: 10n ** 18n } })
 * state.commit(result.diff)
 * state.root()
 */
export class MemoryState implements StateReader {
  /** Accounts by lowercase address; the stored objects are never mutated (commits replace them). */
  readonly accounts = new Map<Address, Account>()
  /** Non-zero storage slots by lowercase address. */
  readonly storage = new Map<Address, Map<bigint, bigint>>()
  readonly codes = new Map<Hash, Uint8Array>()
  readonly blockHashes = new Map<bigint, Hash>()
  /** Hashes of blocks not in {@link MemoryState.blockHashes} (state tests derive them from the number). */
  blockHashOf: ((number: bigint) => Hash | undefined) | undefined
  /** Bumped by every commit, so workers know when their copy is stale. */
  version = 0

  /** Adds or replaces an account (zero storage values are dropped). */
  set(
    address: Address,
    a: { nonce?: bigint; balance?: bigint; code?: Uint8Array; storage?: Map<bigint, bigint> },
  ): void {
    const key = address.toLowerCase() as Address
    let codeHash = KECCAK256_EMPTY
    if (a.code !== undefined && a.code.length > 0) {
      codeHash = keccak256Hex(a.code)
      this.codes.set(codeHash, a.code)
    }
    this.accounts.set(key, { nonce: a.nonce ?? 0n, balance: a.balance ?? 0n, codeHash })
    const slots = new Map<bigint, bigint>()
    if (a.storage) for (const [k, v] of a.storage) if (v !== 0n) slots.set(k, v)
    if (slots.size > 0) this.storage.set(key, slots)
    else this.storage.delete(key)
  }

  getAccount(address: Address): Account | undefined {
    return this.accounts.get(address)
  }
  getCode(codeHash: Hash): Uint8Array {
    if (codeHash === KECCAK256_EMPTY) return EMPTY
    const code = this.codes.get(codeHash)
    if (code === undefined) throw new Error(`unknown code hash ${codeHash}`)
    return code
  }
  getStorage(address: Address, slot: bigint): bigint {
    return this.storage.get(address)?.get(slot) ?? 0n
  }
  hasStorage(address: Address): boolean {
    const s = this.storage.get(address)
    return s !== undefined && s.size > 0
  }
  getBlockHash(number: bigint): Hash | undefined {
    return this.blockHashes.get(number) ?? this.blockHashOf?.(number)
  }

  /** Applies a block diff. */
  commit(diff: StateDiff): void {
    for (const [address, change] of diff.accounts) {
      if (change.storageCleared || change.account === undefined) this.storage.delete(address)
      if (change.account === undefined) {
        this.accounts.delete(address)
        continue
      }
      this.accounts.set(address, { ...change.account })
      if (change.code !== undefined) this.codes.set(change.account.codeHash, change.code)
      if (change.storage.size > 0) {
        let slots = this.storage.get(address)
        if (!slots) {
          slots = new Map()
          this.storage.set(address, slots)
        }
        for (const [slot, value] of change.storage) {
          if (value === 0n) slots.delete(slot)
          else slots.set(slot, value)
        }
        if (slots.size === 0) this.storage.delete(address)
      }
    }
    this.version++
  }

  /** The Merkle-Patricia state root, computed from scratch. */
  root(): Hash {
    const list = []
    for (const [address, a] of this.accounts)
      list.push({ address, ...a, storage: this.storage.get(address) ?? new Map<bigint, bigint>() })
    return stateRoot(list)
  }

  /** An independent copy (code bytes are shared: they are immutable by hash). */
  clone(): MemoryState {
    const c = new MemoryState()
    for (const [k, a] of this.accounts) c.accounts.set(k, a)
    for (const [k, s] of this.storage) c.storage.set(k, new Map(s))
    for (const [h, code] of this.codes) c.codes.set(h, code)
    for (const [n, h] of this.blockHashes) c.blockHashes.set(n, h)
    c.blockHashOf = this.blockHashOf
    return c
  }

  /** Plain data for `structuredClone`/`postMessage` (see {@link memoryStateFromSnapshot}). */
  snapshot(): MemoryStateSnapshot {
    return {
      accounts: [...this.accounts],
      storage: [...this.storage].map(([a, s]) => [a, [...s]]),
      codes: [...this.codes],
      blockHashes: [...this.blockHashes],
    }
  }
}

/** Builds a {@link MemoryState} from a genesis allocation. */
export function createMemoryState(alloc: GenesisAlloc = {}): MemoryState {
  const state = new MemoryState()
  for (const [address, a] of Object.entries(alloc)) {
    const storage =
      a.storage === undefined || a.storage instanceof Map
        ? a.storage
        : new Map(Object.entries(a.storage).map(([k, v]) => [BigInt(k), v] as const))
    state.set(address as Address, { ...a, storage })
  }
  return state
}

/** Rebuilds a {@link MemoryState} from a snapshot (inside a worker). */
export function memoryStateFromSnapshot(s: MemoryStateSnapshot): MemoryState {
  const state = new MemoryState()
  for (const [a, acc] of s.accounts) state.accounts.set(a, acc)
  for (const [a, slots] of s.storage) state.storage.set(a, new Map(slots))
  for (const [h, c] of s.codes) state.codes.set(h, c)
  for (const [n, h] of s.blockHashes) state.blockHashes.set(n, h)
  return state
}

const EMPTY = new Uint8Array(0)
