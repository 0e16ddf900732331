import {
  type Account,
  type AccountDiff,
  type Address,
  type Hash,
  KECCAK256_EMPTY,
  keccak256Hex,
  type StateDiff,
  type StateKey,
  type StateReader,
} from '@metis-sdk/primitives'

const EMPTY_CODE = new Uint8Array(0)

/** The VM's working copy of one account during a transaction. */
export class Acct {
  exists: boolean
  nonce: bigint
  balance: bigint
  codeHash: Hash
  code: Uint8Array | undefined
  /** Current value of every loaded slot. */
  storage = new Map<bigint, bigint>()
  /** Value of each loaded slot at transaction start (EIP-2200 "original"). */
  orig = new Map<bigint, bigint>()
  /** Storage was wiped in this transaction (contract created here): unloaded slots read 0. */
  cleared = false
  createdInTx = false
  destructed = false
  touched = false
  codeChanged = false
  warmSlots = new Set<bigint>()
  transient: Map<bigint, bigint> | undefined
  readonly initial: Account | undefined

  constructor(
    readonly address: Address,
    initial: Account | undefined,
  ) {
    this.initial = initial
    this.exists = initial !== undefined
    this.nonce = initial ? initial.nonce : 0n
    this.balance = initial ? initial.balance : 0n
    this.codeHash = initial ? initial.codeHash : KECCAK256_EMPTY
    if (this.codeHash === KECCAK256_EMPTY) this.code = EMPTY_CODE
  }

  /** EIP-161 empty: no nonce, no balance, no code. */
  isEmpty(): boolean {
    return this.nonce === 0n && this.balance === 0n && this.codeHash === KECCAK256_EMPTY
  }

  /** Does not exist, or exists but is empty ("dead" in the execution specs). */
  isDead(): boolean {
    return !this.exists || this.isEmpty()
  }
}

enum J {
  Balance,
  Nonce,
  Storage,
  Transient,
  WarmAddr,
  WarmSlot,
  Touch,
  Snapshot,
  Destruct,
  Code,
}

type Entry = { k: J; a: Acct; s: bigint; p: unknown }

type AcctSnapshot = {
  exists: boolean
  nonce: bigint
  balance: bigint
  codeHash: Hash
  code: Uint8Array | undefined
  storage: Map<bigint, bigint>
  orig: Map<bigint, bigint>
  cleared: boolean
  createdInTx: boolean
  codeChanged: boolean
}

/**
 * Per-transaction journaled state over a synchronous {@link StateReader}. Every change appends a
 * journal entry; a checkpoint is the journal length and reverting unwinds entries back to it.
 */
export class WorldState {
  readonly accounts = new Map<Address, Acct>()
  readonly warmAddrs = new Set<Address>()
  private journal: Entry[] = []
  refund = 0
  reads: StateKey[] | undefined

  constructor(
    readonly reader: StateReader,
    trackReads = false,
  ) {
    if (trackReads) this.reads = []
  }

  get(address: Address): Acct {
    let a = this.accounts.get(address)
    if (a === undefined) {
      a = new Acct(address, this.reader.getAccount(address))
      this.accounts.set(address, a)
      if (this.reads) this.reads.push({ kind: 'account', address })
    }
    return a
  }

  code(a: Acct): Uint8Array {
    let c = a.code
    if (c === undefined) {
      c = this.reader.getCode(a.codeHash)
      a.code = c
      if (this.reads) this.reads.push({ kind: 'code', address: a.address })
    }
    return c
  }

  sload(a: Acct, slot: bigint): bigint {
    let v = a.storage.get(slot)
    if (v === undefined) {
      if (a.cleared) v = 0n
      else {
        v = a.exists ? this.reader.getStorage(a.address, slot) : 0n
        if (this.reads) this.reads.push({ kind: 'storage', address: a.address, slot })
      }
      a.storage.set(slot, v)
      a.orig.set(slot, v)
    }
    return v
  }

  /** The slot's value at transaction start (after {@link sload} has loaded it). */
  original(a: Acct, slot: bigint): bigint {
    return a.orig.get(slot) ?? 0n
  }

  sstore(a: Acct, slot: bigint, value: bigint): void {
    const prev = this.sload(a, slot)
    this.journal.push({ k: J.Storage, a, s: slot, p: prev })
    a.storage.set(slot, value)
  }

  tload(a: Acct, slot: bigint): bigint {
    return a.transient?.get(slot) ?? 0n
  }

  tstore(a: Acct, slot: bigint, value: bigint): void {
    if (a.transient === undefined) a.transient = new Map()
    this.journal.push({ k: J.Transient, a, s: slot, p: a.transient.get(slot) ?? 0n })
    a.transient.set(slot, value)
  }

  /** Marks an address warm; returns true when it was cold. */
  warmAddress(address: Address): boolean {
    if (this.warmAddrs.has(address)) return false
    this.warmAddrs.add(address)
    this.journal.push({ k: J.WarmAddr, a: undefined as unknown as Acct, s: 0n, p: address })
    return true
  }

  /** Marks a slot warm; returns true when it was cold. */
  warmSlot(a: Acct, slot: bigint): boolean {
    if (a.warmSlots.has(slot)) return false
    a.warmSlots.add(slot)
    this.journal.push({ k: J.WarmSlot, a, s: slot, p: undefined })
    return true
  }

  touch(a: Acct): void {
    if (a.touched) return
    a.touched = true
    this.journal.push({ k: J.Touch, a, s: 0n, p: undefined })
  }

  setBalance(a: Acct, balance: bigint): void {
    this.journal.push({ k: J.Balance, a, s: 0n, p: a.balance })
    if (!a.exists) this.materialize(a)
    a.balance = balance
    this.touch(a)
  }

  addBalance(a: Acct, amount: bigint): void {
    this.setBalance(a, a.balance + amount)
  }

  setNonce(a: Acct, nonce: bigint): void {
    this.journal.push({ k: J.Nonce, a, s: 0n, p: a.nonce })
    if (!a.exists) this.materialize(a)
    a.nonce = nonce
    this.touch(a)
  }

  setCode(a: Acct, code: Uint8Array): void {
    this.journal.push({ k: J.Code, a, s: 0n, p: [a.code, a.codeHash, a.codeChanged, a.exists] })
    a.exists = true
    a.code = code
    a.codeHash = code.length === 0 ? KECCAK256_EMPTY : keccak256Hex(code)
    a.codeChanged = true
    this.touch(a)
  }

  private materialize(a: Acct): void {
    this.snapshot(a)
    a.exists = true
  }

  private snapshot(a: Acct): void {
    const snap: AcctSnapshot = {
      exists: a.exists,
      nonce: a.nonce,
      balance: a.balance,
      codeHash: a.codeHash,
      code: a.code,
      storage: a.storage,
      orig: a.orig,
      cleared: a.cleared,
      createdInTx: a.createdInTx,
      codeChanged: a.codeChanged,
    }
    this.journal.push({ k: J.Snapshot, a, s: 0n, p: snap })
  }

  /** Turns `a` into a fresh contract account (CREATE): nonce 1, empty storage, balance kept. */
  createContract(a: Acct): void {
    this.snapshot(a)
    a.exists = true
    a.nonce = 1n
    a.codeHash = KECCAK256_EMPTY
    a.code = EMPTY_CODE
    a.storage = new Map()
    a.orig = new Map()
    a.cleared = true
    a.createdInTx = true
    this.touch(a)
  }

  markDestructed(a: Acct): void {
    if (a.destructed) return
    this.journal.push({ k: J.Destruct, a, s: 0n, p: undefined })
    a.destructed = true
  }

  checkpoint(): number {
    return this.journal.length
  }

  revert(checkpoint: number): void {
    const j = this.journal
    for (let i = j.length - 1; i >= checkpoint; i--) {
      const e = j[i]!
      const a = e.a
      switch (e.k) {
        case J.Balance:
          a.balance = e.p as bigint
          break
        case J.Nonce:
          a.nonce = e.p as bigint
          break
        case J.Storage:
          a.storage.set(e.s, e.p as bigint)
          break
        case J.Transient:
          a.transient!.set(e.s, e.p as bigint)
          break
        case J.WarmAddr:
          this.warmAddrs.delete(e.p as Address)
          break
        case J.WarmSlot:
          a.warmSlots.delete(e.s)
          break
        case J.Touch:
          a.touched = false
          break
        case J.Destruct:
          a.destructed = false
          break
        case J.Code: {
          const [code, hash, changed, exists] = e.p as [Uint8Array | undefined, Hash, boolean, boolean]
          a.code = code
          a.codeHash = hash
          a.codeChanged = changed
          a.exists = exists
          break
        }
        case J.Snapshot: {
          const s = e.p as AcctSnapshot
          a.exists = s.exists
          a.nonce = s.nonce
          a.balance = s.balance
          a.codeHash = s.codeHash
          a.code = s.code
          a.storage = s.storage
          a.orig = s.orig
          a.cleared = s.cleared
          a.createdInTx = s.createdInTx
          a.codeChanged = s.codeChanged
          break
        }
      }
    }
    j.length = checkpoint
  }

  /** Forgets the journal (at transaction end nothing can be reverted any more). */
  commitJournal(): void {
    this.journal.length = 0
  }

  /**
   * Applies end-of-transaction rules (self-destructs, EIP-158 touched-empty deletion) and builds the
   * minimal diff: only accounts whose nonce, balance, code, storage or existence changed.
   */
  finalize(deleteEmpty = true): StateDiff {
    const accounts = new Map<Address, AccountDiff>()
    for (const a of this.accounts.values()) {
      const gone = !a.exists || a.destructed || (deleteEmpty && a.touched && a.isEmpty())
      const init = a.initial
      if (gone) {
        if (init !== undefined)
          accounts.set(a.address, { account: undefined, storageCleared: true, storage: new Map() })
        continue
      }
      const storage = new Map<bigint, bigint>()
      if (a.cleared) {
        for (const [slot, v] of a.storage) if (v !== 0n) storage.set(slot, v)
      } else {
        for (const [slot, v] of a.storage) if (v !== a.orig.get(slot)) storage.set(slot, v)
      }
      const codeChanged = a.codeChanged && (init === undefined || init.codeHash !== a.codeHash)
      const changed =
        init === undefined ||
        init.nonce !== a.nonce ||
        init.balance !== a.balance ||
        init.codeHash !== a.codeHash ||
        a.cleared ||
        storage.size > 0
      if (!changed) continue
      const d: AccountDiff = {
        account: { nonce: a.nonce, balance: a.balance, codeHash: a.codeHash },
        storageCleared: a.cleared && init !== undefined,
        storage,
      }
      if (codeChanged) d.code = a.code
      accounts.set(a.address, d)
    }
    const diff: StateDiff = { accounts }
    if (this.reads) {
      diff.reads = this.reads
      const writes: StateKey[] = []
      for (const [address, d] of accounts) {
        writes.push({ kind: 'account', address })
        if (d.code) writes.push({ kind: 'code', address })
        for (const slot of d.storage.keys()) writes.push({ kind: 'storage', address, slot })
      }
      diff.writes = writes
    }
    return diff
  }
}
