import {
  type Account,
  type Address,
  type Hash,
  KECCAK256_EMPTY,
  keccak256Hex,
  type StateDiff,
  type StateReader,
  stateRoot,
} from '@metis-sdk/primitives'

/** One account of an in-memory state. */
export type MapAccount = {
  nonce: bigint
  balance: bigint
  code: Uint8Array
  codeHash: Hash
  storage: Map<bigint, bigint>
}

/**
 * A plain in-memory world state (for state tests, the CLI and examples): a `StateReader` that can
 * apply a `StateDiff` and compute its state root.
 */
export class MapState implements StateReader {
  readonly accounts = new Map<Address, MapAccount>()
  private codes = new Map<Hash, Uint8Array>()
  blockHash: (n: bigint) => Hash | undefined = () => undefined

  /** Adds or replaces an account. */
  set(
    address: Address,
    a: { nonce?: bigint; balance?: bigint; code?: Uint8Array; storage?: Map<bigint, bigint> },
  ): void {
    const code = a.code ?? new Uint8Array(0)
    const codeHash = code.length === 0 ? KECCAK256_EMPTY : keccak256Hex(code)
    this.codes.set(codeHash, code)
    this.accounts.set(address.toLowerCase() as Address, {
      nonce: a.nonce ?? 0n,
      balance: a.balance ?? 0n,
      code,
      codeHash,
      storage: a.storage ?? new Map(),
    })
  }

  getAccount(address: Address): Account | undefined {
    const a = this.accounts.get(address)
    return a && { nonce: a.nonce, balance: a.balance, codeHash: a.codeHash }
  }

  getCode(codeHash: Hash): Uint8Array {
    if (codeHash === KECCAK256_EMPTY) return new Uint8Array(0)
    const c = this.codes.get(codeHash)
    if (c === undefined) throw new Error(`unknown code hash ${codeHash}`)
    return c
  }

  getStorage(address: Address, slot: bigint): bigint {
    return this.accounts.get(address)?.storage.get(slot) ?? 0n
  }

  hasStorage(address: Address): boolean {
    const s = this.accounts.get(address)?.storage
    if (!s) return false
    for (const v of s.values()) if (v !== 0n) return true
    return false
  }

  getBlockHash(n: bigint): Hash | undefined {
    return this.blockHash(n)
  }

  /** Applies a transaction's or block's diff in place. */
  apply(diff: StateDiff): void {
    for (const [address, d] of diff.accounts) {
      if (d.account === undefined) {
        this.accounts.delete(address)
        continue
      }
      let a = this.accounts.get(address)
      if (a === undefined) {
        a = { nonce: 0n, balance: 0n, code: new Uint8Array(0), codeHash: KECCAK256_EMPTY, storage: new Map() }
        this.accounts.set(address, a)
      }
      a.nonce = d.account.nonce
      a.balance = d.account.balance
      if (d.code !== undefined) {
        a.code = d.code
        this.codes.set(d.account.codeHash, d.code)
      }
      a.codeHash = d.account.codeHash
      if (d.storageCleared) a.storage = new Map()
      for (const [slot, v] of d.storage) {
        if (v === 0n) a.storage.delete(slot)
        else a.storage.set(slot, v)
      }
    }
  }

  /** The Merkle-Patricia state root. */
  root(): Hash {
    const list = []
    for (const [address, a] of this.accounts)
      list.push({ address, nonce: a.nonce, balance: a.balance, codeHash: a.codeHash, storage: a.storage })
    return stateRoot(list)
  }

  /** A deep copy. */
  clone(): MapState {
    const c = new MapState()
    c.codes = this.codes
    c.blockHash = this.blockHash
    for (const [k, a] of this.accounts) c.accounts.set(k, { ...a, storage: new Map(a.storage) })
    return c
  }
}
