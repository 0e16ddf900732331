import {
  type Account,
  type Address,
  type Hash,
  KECCAK256_EMPTY,
  keccak256Hex,
  type StateDiff,
  type StateReader,
} from '@metis-sdk/primitives'

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
 * An in-memory world state for tests, benchmarks and dev chains without a data directory.
 * Implements {@link StateReader}; `commit` applies a block diff in place. Production nodes use MetisDB.
 *
 * @example
 * const state = createMemoryState({ [alice]: { balance: 10n ** 18n } })
 * state.commit(result.diff)
 */
export class MemoryState implements StateReader {
  readonly accounts = new Map<Address, Account>()
  readonly storage = new Map<Address, Map<bigint, bigint>>()
  readonly codes = new Map<Hash, Uint8Array>()
  readonly blockHashes = new Map<bigint, Hash>()
  /** Bumped by every commit, so workers know when their copy is stale. */
  version = 0

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
    return this.blockHashes.get(number)
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
  for (const [addr, a] of Object.entries(alloc)) {
    const address = addr.toLowerCase() as Address
    let codeHash = KECCAK256_EMPTY
    if (a.code && a.code.length > 0) {
      codeHash = keccak256Hex(a.code)
      state.codes.set(codeHash, a.code)
    }
    state.accounts.set(address, { nonce: a.nonce ?? 0n, balance: a.balance ?? 0n, codeHash })
    if (a.storage) {
      const entries =
        a.storage instanceof Map
          ? [...a.storage]
          : Object.entries(a.storage).map(([k, v]) => [BigInt(k), v] as const)
      const slots = new Map<bigint, bigint>()
      for (const [k, v] of entries) if (v !== 0n) slots.set(k, v)
      if (slots.size > 0) state.storage.set(address, slots)
    }
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
