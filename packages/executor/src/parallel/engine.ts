import {
  type Account,
  type Address,
  type BlockEnv,
  bytesToHex,
  type Hash,
  hexToBytes,
  KECCAK256_EMPTY,
  type StateReader,
  type Transaction,
  type TxResult,
} from '@metis-sdk/primitives'
import type { TxExecutor } from '../types.js'
import {
  accountKey,
  codeKey,
  decodeAccount,
  decodeDelta,
  deltaKey,
  readU256,
  resetKey,
  storageKey,
  V_ACCOUNT,
  writeU256To,
} from './codec.js'
import {
  C_PROGRESS,
  F_ABSENT,
  F_ESTIMATE,
  K_BYTES,
  K_HEAD,
  N_NEXT,
  N_TX,
  N_VALUE,
  R_ACCOUNT,
  R_LAZY,
  R_RESET,
  R_STORAGE,
  T_FLAGS,
  txBase,
} from './layout.js'
import { MvMemory } from './mv-memory.js'
import { Scheduler, type Task } from './scheduler.js'

/** What a worker reports for a transaction it executed (its latest incarnation). */
export type TxOutcome = {
  inc: number
  result?: TxResult | undefined
  error?: { name: string; message: string } | undefined
  /** Lazily credited accounts: balance delta to add to the running value, in tx order. */
  deltas: [Address, bigint][]
}

/** One block as a worker sees it. */
export type EngineBlock = {
  env: BlockEnv
  txs: readonly Transaction[]
  senders: readonly Address[]
  /** Lazy (delta) crediting of the coinbase and of plain value-transfer recipients. */
  lazy: boolean
}

const BLOCKED = Symbol('blocked')
const EMPTY_CODE = new Uint8Array(0)
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000' as Address

/** Addresses (lowercase) of accounts credited lazily by tx `i`. */
function lazyAccountsOf(block: EngineBlock, i: number, ctrl: Int32Array): Address[] {
  if (!block.lazy || (Atomics.load(ctrl, txBase(i) + T_FLAGS) & 1) !== 0) return []
  const tx = block.txs[i]!
  const sender = block.senders[i]!
  const coinbase = block.env.coinbase
  const out: Address[] = []
  if (coinbase !== sender) out.push(coinbase)
  const to = tx.to?.toLowerCase() as Address | undefined
  if (to && tx.value > 0n && to !== sender && to !== coinbase && tx.type !== 0x7e) out.push(to)
  return out
}

/** Per-address key records of the multi-version memory, resolved once per worker and block. */
type AddressRecs = {
  address: Address
  bytes: Uint8Array
  account: number
  delta: number
  /** Storage-wipe key record (0 until first needed). */
  reset: number
  slots: Map<bigint, number>
  /** The parent state's account (read once: the parent does not change during the block). */
  base: Account | undefined | typeof NOT_READ
}

/** Storage source meaning "zero because a storage wipe is newer than any version of the slot". */
const SRC_WIPED = 1

/**
 * The Block-STM worker: runs the scheduler loop for one block against the shared memory,
 * executing transactions with its own VM over a {@link StateReader} that layers the
 * multi-version memory on the parent state, and validating read sets by value.
 */
export class BlockStmEngine {
  readonly mv: MvMemory
  readonly sched: Scheduler
  readonly base: StateReader
  readonly vm: TxExecutor
  readonly block: EngineBlock
  /** Receives every finished incarnation (the thread running the engine ships or keeps it). */
  readonly onOutcome: (i: number, outcome: TxOutcome) => void
  // Key records are stable for the whole block, so their lookups are cached per worker.
  readonly #addrs = new Map<Address, AddressRecs>()
  /** Account key record -> its address records (validation walks read sets by record). */
  readonly #byAccountRec = new Map<number, AddressRecs>()
  /** Storage key record -> [address, slot] for parent-state re-reads during validation. */
  readonly #slotKey = storageKey(ZERO_ADDRESS, 0n)
  readonly #slotKeyView = new DataView(this.#slotKey.buffer)
  /** Decoded account value records (value records are immutable for the block). */
  readonly #decoded = new Map<number, Account | undefined>()
  readonly #codeCache: Map<Hash, Uint8Array>
  readonly #balanceOpcode: Map<Hash, boolean>
  /** One reusable view: a worker executes one incarnation at a time. */
  readonly #view: TxView
  /** Outputs of {@link BlockStmEngine.resolveAccount} / {@link BlockStmEngine.resolveStorage}. */
  resolvedAccount: Account | undefined
  resolvedValue = 0n

  constructor(
    ctrl: Int32Array,
    arena: SharedArrayBuffer,
    base: StateReader,
    vm: TxExecutor,
    block: EngineBlock,
    onOutcome: (i: number, outcome: TxOutcome) => void,
    caches?: { codes: Map<Hash, Uint8Array>; balanceOpcode: Map<Hash, boolean> },
  ) {
    this.onOutcome = onOutcome
    this.mv = new MvMemory(ctrl, arena)
    this.sched = new Scheduler(ctrl, this.mv)
    this.base = base
    this.vm = vm
    this.block = block
    this.#codeCache = caches?.codes ?? new Map()
    this.#balanceOpcode = caches?.balanceOpcode ?? new Map()
    this.#view = new TxView(this)
  }

  /**
   * Runs tasks until the block is done or aborted. `hook` sees every task (batching, fault
   * injection); `stalled` is asked while this thread sleeps for want of runnable work and may
   * abort the block (the calling thread uses it as a watchdog on the workers it waits for).
   */
  run(hook?: (task: Task) => void, stalled?: () => void): void {
    const ctrl = this.sched.ctrl
    let task: Task | undefined
    let idle = 0
    while (!this.sched.done()) {
      if (task === undefined) task = this.sched.nextTask()
      if (task === undefined) {
        // Nothing runnable: another worker holds the dependency. Spin briefly, then sleep on the
        // progress counter so an idle worker does not steal the only other core.
        if (++idle > 64) {
          Atomics.wait(ctrl, C_PROGRESS, Atomics.load(ctrl, C_PROGRESS), 1)
          stalled?.()
        }
        continue
      }
      idle = 0
      hook?.(task)
      task = task.kind === 'execute' ? this.execute(task) : this.validate(task)
    }
  }

  /** Key records of `address` (lowercase). */
  recs(address: Address): AddressRecs {
    let r = this.#addrs.get(address)
    if (r === undefined) {
      const mv = this.mv
      const bytes = hexToBytes(address)
      r = {
        address,
        bytes,
        account: mv.keyRecord(accountKey(address)),
        delta: mv.keyRecord(deltaKey(address)),
        reset: 0,
        slots: new Map(),
        base: NOT_READ,
      }
      this.#addrs.set(address, r)
      this.#byAccountRec.set(r.account, r)
    }
    return r
  }

  accountRec(address: Address): number {
    return this.recs(address).account
  }

  /** The delta key record belonging to an account key record. */
  deltaRec(accountRec: number): number {
    return (this.#byAccountRec.get(accountRec) ?? this.recs(this.addressOf(accountRec))).delta
  }

  resetRec(address: Address): number {
    const r = this.recs(address)
    if (r.reset === 0) r.reset = this.mv.keyRecord(resetKey(address))
    return r.reset
  }

  storageRec(address: Address, slot: bigint): number {
    const r = this.recs(address)
    let rec = r.slots.get(slot)
    if (rec === undefined) {
      // The key is built in a scratch buffer from the address bytes parsed once (keyRecord copies it).
      const key = this.#slotKey
      key.set(r.bytes, 1)
      writeU256To(key, this.#slotKeyView, 21, slot)
      rec = this.mv.keyRecord(key)
      r.slots.set(slot, rec)
    }
    return rec
  }

  /** Address encoded in an account/reset/storage key record. */
  addressOf(rec: number): Address {
    const known = this.#byAccountRec.get(rec)
    if (known !== undefined) return known.address
    const at = rec + K_BYTES * 4 + 1
    return bytesToHex(this.mv.bytes.subarray(at, at + 20)) as Address
  }

  slotOf(rec: number): bigint {
    return readU256(this.mv.bytes, rec + K_BYTES * 4 + 21)
  }

  /** The parent state's value of `r`'s account. */
  baseAccount(r: AddressRecs): Account | undefined {
    let a = r.base
    if (a === NOT_READ) r.base = a = this.base.getAccount(r.address)
    return a
  }

  /** The account held in value record `ptr` (decoded once per block). */
  accountAt(ptr: number): Account | undefined {
    const decoded = this.#decoded
    let a = decoded.get(ptr)
    if (a === undefined && !decoded.has(ptr)) {
      a = decodeAccount(this.mv.value(ptr))
      decoded.set(ptr, a)
    }
    return a
  }

  /**
   * The value of an account for tx `i`, left in {@link BlockStmEngine.resolvedAccount}. Returns
   * its source (0 = parent state, >0 = the value record read, a fresh record when balance deltas
   * were summed), or `-1 - tx` when blocked by tx `tx`'s ESTIMATE. Without `load`, the value
   * is only resolved when balance deltas had to be summed.
   */
  resolveAccount(r: AddressRecs, i: number, load = true): number {
    const mv = this.mv
    const words = mv.words
    const word = mv.find(r.account, i)
    const fullTx = mv.foundTx
    if ((word & F_ESTIMATE) !== 0) return -1 - fullTx
    // Deltas written after the newest full value (usually none). Lists are sorted by descending
    // tx, so the walk ends at the full value's writer.
    let delta = 0n
    let deltas = 0
    let node = Atomics.load(words, (r.delta >> 2) + K_HEAD)
    while (node !== 0) {
      const w = node >> 2
      const tx = words[w + N_TX]!
      if (tx <= fullTx) break
      if (tx < i) {
        const dw = Atomics.load(words, w + N_VALUE)
        if ((dw & F_ABSENT) === 0) {
          if ((dw & F_ESTIMATE) !== 0) return -1 - tx
          delta += decodeDelta(mv.value(dw & ~7))
          deltas++
        }
      }
      node = Atomics.load(words, w + N_NEXT)
    }
    if (deltas === 0) {
      // Validation only compares sources; the value (a parent-state read for src 0) is loaded
      // only when it has to be compared.
      if (load) this.resolvedAccount = word !== 0 ? this.accountAt(word & ~7) : this.baseAccount(r)
      return word & ~7
    }
    const full = word !== 0 ? this.accountAt(word & ~7) : this.baseAccount(r)
    const account: Account = full
      ? { nonce: full.nonce, balance: full.balance + delta, codeHash: full.codeHash }
      : { nonce: 0n, balance: delta, codeHash: KECCAK256_EMPTY }
    this.resolvedAccount = account
    const src = mv.putAccount(account)
    this.#decoded.set(src, account)
    return src
  }

  /**
   * What a lazily credited account looks like to tx `i`, in O(versions) without summing deltas:
   * nonce and code from the newest full value (or the parent), and a balance that is only right
   * in being zero or not (deltas are non-negative). Returns the blocking tx when the answer
   * depends on an ESTIMATE and `strict` is set.
   */
  lazyShape(r: AddressRecs, i: number, strict: boolean): Account | undefined | number {
    const mv = this.mv
    const words = mv.words
    const word = mv.find(r.account, i)
    const fullTx = mv.foundTx
    if (strict && (word & F_ESTIMATE) !== 0) return fullTx
    // An ESTIMATE keeps its (stale) value pointer under the flag.
    const full = word === 0 ? this.baseAccount(r) : this.accountAt(word & ~7)
    if (full !== undefined && (full.balance > 0n || full.nonce > 0n || full.codeHash !== KECCAK256_EMPTY))
      return full
    // Possibly empty: any positive delta after the full value makes it non-empty.
    let blocking = -1
    let node = Atomics.load(words, (r.delta >> 2) + K_HEAD)
    while (node !== 0) {
      const w = node >> 2
      const tx = words[w + N_TX]!
      if (tx <= fullTx) break
      if (tx < i) {
        const dw = Atomics.load(words, w + N_VALUE)
        if ((dw & F_ABSENT) === 0) {
          if ((dw & F_ESTIMATE) !== 0) blocking = tx
          else {
            const delta = decodeDelta(mv.value(dw & ~7))
            if (delta > 0n)
              return { nonce: full?.nonce ?? 0n, balance: delta, codeHash: full?.codeHash ?? KECCAK256_EMPTY }
          }
        }
      }
      node = Atomics.load(words, w + N_NEXT)
    }
    if (strict && blocking >= 0) return blocking
    return full
  }

  /**
   * Storage value for tx `i`, left in {@link BlockStmEngine.resolvedValue}. Returns its source
   * (0 = parent, {@link SRC_WIPED} = zero after a storage wipe, else the value record), or
   * `-1 - tx` when blocked. Without `load`, a parent-state value is not read.
   */
  resolveStorage(
    rec: number,
    resetRec: number,
    i: number,
    address: Address,
    slot: bigint,
    load = true,
  ): number {
    const mv = this.mv
    const vw = mv.find(rec, i)
    const vTx = vw === 0 ? -3 : mv.foundTx
    const rw = resetRec === 0 ? 0 : mv.find(resetRec, i)
    const rTx = rw === 0 ? -3 : mv.foundTx
    if (vw === 0 && rw === 0) {
      if (load) this.resolvedValue = this.base.getStorage(address, slot)
      return 0
    }
    if (vTx >= rTx) {
      if ((vw & F_ESTIMATE) !== 0) return -1 - vTx
      const ptr = vw & ~7
      this.resolvedValue = readU256(mv.bytes, ptr + 4)
      return ptr
    }
    if ((rw & F_ESTIMATE) !== 0) return -1 - rTx
    this.resolvedValue = 0n
    return SRC_WIPED
  }

  /** 1 when a storage wipe of the account is visible to tx `i`, 0 if not, or `-1 - tx` when blocked. */
  resolveReset(resetRec: number, i: number): number {
    const word = this.mv.find(resetRec, i)
    if ((word & F_ESTIMATE) !== 0) return -1 - this.mv.foundTx
    return word === 0 ? 0 : 1
  }

  code(codeHash: Hash): Uint8Array {
    if (codeHash === KECCAK256_EMPTY) return EMPTY_CODE
    let code = this.#codeCache.get(codeHash)
    if (code !== undefined) return code
    const rec = this.mv.keyRecord(codeKey(codeHash))
    const word = this.mv.find(rec, Number.MAX_SAFE_INTEGER)
    code = word !== 0 ? this.mv.value(word & ~7).slice() : this.base.getCode(codeHash)
    if (this.#codeCache.size > 4096) this.#codeCache.clear()
    this.#codeCache.set(codeHash, code)
    return code
  }

  /** True if `code` contains the BALANCE opcode (outside PUSH data), cached by code hash. */
  usesBalance(codeHash: Hash, code: Uint8Array): boolean {
    let r = this.#balanceOpcode.get(codeHash)
    if (r === undefined) {
      r = false
      for (let pc = 0; pc < code.length; pc++) {
        const op = code[pc]!
        if (op === 0x31) {
          r = true
          break
        }
        if (op >= 0x60 && op <= 0x7f) pc += op - 0x5f
      }
      this.#balanceOpcode.set(codeHash, r)
    }
    return r
  }

  private execute(task: Task): Task | undefined {
    const { tx: i, inc } = task
    for (;;) {
      const view = this.#view
      view.reset(i, lazyAccountsOf(this.block, i, this.sched.ctrl))
      let result: TxResult | undefined
      let error: { name: string; message: string } | undefined
      try {
        result = this.vm.executeTransaction({
          state: view,
          block: this.block.env,
          tx: this.block.txs[i]!,
          sender: this.block.senders[i]!,
        })
      } catch (err) {
        if (view.blockedOn < 0) {
          const e = err as { name?: string; shortMessage?: string; message?: string }
          error = { name: e?.name ?? 'Error', message: e?.shortMessage ?? e?.message ?? String(err) }
        }
      }
      if (view.blockedOn >= 0) {
        if (this.sched.addDependency(i, view.blockedOn)) return undefined
        continue
      }
      const deltas = this.record(i, view, result)
      this.onOutcome(i, { inc, result, error, deltas })
      return this.sched.finishExecution(i, inc, view.wroteNewPath)
    }
  }

  /** Publishes tx `i`'s writes and read set; returns its lazy balance deltas. */
  private record(i: number, view: TxView, result: TxResult | undefined): [Address, bigint][] {
    const mv = this.mv
    const deltas: [Address, bigint][] = []
    // Flat pairs: key record, value word.
    const writes: number[] = []
    if (result !== undefined) {
      for (const [addr, change] of result.diff.accounts) {
        const address = addr.toLowerCase() as Address
        const r = this.recs(address)
        const lazy = view.lazyReads.get(address)
        if (
          lazy !== undefined &&
          !view.balanceSensitive &&
          change.account !== undefined &&
          change.code === undefined &&
          (lazy.account?.codeHash ?? KECCAK256_EMPTY) === KECCAK256_EMPTY &&
          change.account.codeHash === KECCAK256_EMPTY &&
          change.account.nonce === (lazy.account?.nonce ?? 0n) &&
          change.account.balance >= (lazy.account?.balance ?? 0n)
        ) {
          const delta = change.account.balance - (lazy.account?.balance ?? 0n)
          deltas.push([address, delta])
          writes.push(r.delta, mv.putDelta(delta))
        } else {
          if (lazy !== undefined) lazy.strict = true
          // An account written back unchanged (touched: the ERC-20 token or the pool a call ran
          // in) is not a version: later readers resolve the same value below it, and skipping it
          // keeps hot contracts' version lists short.
          const read = view.readAccount(address)
          if (
            lazy !== undefined ||
            change.code !== undefined ||
            read === NOT_READ ||
            !sameAccount(read, change.account)
          )
            writes.push(r.account, mv.putAccount(change.account))
        }
        if (change.storageCleared) writes.push(this.resetRec(address), mv.putValue(EMPTY_CODE))
        for (const [slot, v] of change.storage) writes.push(this.storageRec(address, slot), mv.putWord(v))
        if (change.code !== undefined && change.account !== undefined && change.code.length > 0) {
          const rec = mv.keyRecord(codeKey(change.account.codeHash))
          if (mv.find(rec, Number.MAX_SAFE_INTEGER) === 0) mv.addNode(rec, -1, mv.putValue(change.code))
        }
      }
    }
    if (view.balanceSensitive) for (const lazy of view.lazyReads.values()) lazy.strict = true
    // The lazy view showed an approximate balance; a strict read of it cannot validate, so the
    // next incarnation reads these accounts in full.
    for (const lazy of view.lazyReads.values())
      if (lazy.strict) Atomics.or(this.sched.ctrl, txBase(i) + T_FLAGS, 1)
    // Versions: update this tx's nodes in place, add new ones, mark dropped ones absent.
    const prev = mv.writeNodes(i)
    const nodes: number[] = []
    if (prev.length === 0) {
      for (let k = 0; k < writes.length; k += 2) nodes.push(mv.addNode(writes[k]!, i, writes[k + 1]!))
      if (writes.length > 0) view.wroteNewPath = true
    } else {
      const prevByKey = new Map<number, number>()
      for (let k = 0; k < prev.length; k++) prevByKey.set(mv.nodeKey(prev[k]!), prev[k]!)
      for (let k = 0; k < writes.length; k += 2) {
        const rec = writes[k]!
        const ptr = writes[k + 1]!
        const node = prevByKey.get(rec)
        if (node !== undefined) {
          if ((mv.nodeValue(node) & F_ABSENT) !== 0) view.wroteNewPath = true
          mv.setNodeValue(node, ptr)
          prevByKey.delete(rec)
          nodes.push(node)
        } else {
          nodes.push(mv.addNode(rec, i, ptr))
          view.wroteNewPath = true
        }
      }
      for (const node of prevByKey.values()) {
        mv.setNodeValue(node, F_ABSENT)
        nodes.push(node)
      }
    }
    mv.setWriteNodes(i, nodes)
    // Read set: [count, (kind, rec, rec2, src)*].
    const entries = view.reads
    for (const lazy of view.lazyReads.values())
      entries.push(lazy.strict ? R_ACCOUNT : R_LAZY, lazy.rec, 0, lazy.ptr)
    const n = entries.length >> 2
    const at = mv.alloc(4 + entries.length * 4)
    const w = at >> 2
    const words = mv.words
    words[w] = n
    for (let k = 0; k < entries.length; k++) words[w + 1 + k] = entries[k]!
    mv.setReadSet(i, at)
    return view.balanceSensitive ? [] : deltas
  }

  private validate(task: Task): Task | undefined {
    const { tx: i, inc } = task
    const valid = this.readSetValid(i)
    const aborted = !valid && this.sched.tryValidationAbort(i, inc)
    if (aborted) this.mv.convertWritesToEstimates(i)
    return this.sched.finishValidation(i, aborted)
  }

  /** Re-resolves every read of tx `i` and compares values with what the execution saw. */
  readSetValid(i: number): boolean {
    const mv = this.mv
    const words = mv.words
    const at = mv.readSet(i)
    if (at === 0) return false
    const w = at >> 2
    const n = words[w]!
    for (let k = 0; k < n; k++) {
      const e = w + 1 + k * 4
      const kind = words[e]!
      const rec = words[e + 1]!
      const rec2 = words[e + 2]!
      const src = words[e + 3]!
      if (kind === R_ACCOUNT) {
        const r = this.#byAccountRec.get(rec) ?? this.recs(this.addressOf(rec))
        const now = this.resolveAccount(r, i, false)
        if (now < 0) return false
        if (now === src) continue
        const after = now === 0 ? this.baseAccount(r) : this.accountAt(now)
        const before = src === 0 ? this.baseAccount(r) : this.accountAt(src)
        if (!sameAccount(before, after)) return false
      } else if (kind === R_STORAGE) {
        const now = this.resolveStorage(rec, rec2, i, ZERO_ADDRESS, 0n, false)
        if (now < 0) return false
        if (now === src) continue
        // A changed source: compare values (the location is decoded from the key record, rarely).
        const address = this.addressOf(rec)
        const slot = this.slotOf(rec)
        if (now === 0) this.resolvedValue = this.base.getStorage(address, slot)
        const before =
          src === 0
            ? this.base.getStorage(address, slot)
            : src === SRC_WIPED
              ? 0n
              : readU256(mv.bytes, src + 4)
        if (before !== this.resolvedValue) return false
      } else if (kind === R_RESET) {
        if (this.resolveReset(rec, i) !== src) return false
      } else if (kind === R_LAZY) {
        const r = this.#byAccountRec.get(rec) ?? this.recs(this.addressOf(rec))
        const now = this.lazyShape(r, i, true)
        if (typeof now === 'number') return false
        if (!sameShape(this.accountAt(src), now)) return false
      }
    }
    return true
  }
}

/** Equal in everything a lazily credited read may depend on: existence, nonce, code, emptiness. */
function sameShape(a: Account | undefined, b: Account | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.nonce === b.nonce && a.codeHash === b.codeHash && (a.balance === 0n) === (b.balance === 0n)
}

function sameAccount(a: Account | undefined, b: Account | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.nonce === b.nonce && a.balance === b.balance && a.codeHash === b.codeHash
}

type LazyRead = { rec: number; ptr: number; account: Account | undefined; strict: boolean }

const NOT_READ = Symbol('not read')

/** Storage reads of one address within one incarnation. */
type StorageReads = { recs: AddressRecs; resetRec: number; values: Map<bigint, bigint> }

/** The state one incarnation of one transaction reads through; records its read set. */
class TxView implements StateReader {
  readonly engine: BlockStmEngine
  i = 0
  lazy: readonly Address[] = []
  /** Flat read entries: kind, rec, rec2, src. */
  readonly reads: number[] = []
  readonly lazyReads = new Map<Address, LazyRead>()
  readonly #accounts = new Map<Address, Account | undefined>()
  readonly #storage = new Map<Address, StorageReads>()
  readonly #resets = new Map<Address, boolean>()
  blockedOn = -1
  wroteNewPath = false
  balanceSensitive = false

  constructor(engine: BlockStmEngine) {
    this.engine = engine
  }

  /** Starts a new incarnation of tx `i`. */
  reset(i: number, lazy: readonly Address[]): void {
    this.i = i
    this.lazy = lazy
    this.reads.length = 0
    this.lazyReads.clear()
    this.#accounts.clear()
    this.#storage.clear()
    this.#resets.clear()
    this.blockedOn = -1
    this.wroteNewPath = false
    this.balanceSensitive = false
  }

  /** The account value this incarnation read in full, or {@link NOT_READ}. */
  readAccount(address: Address): Account | undefined | typeof NOT_READ {
    if (!this.#accounts.has(address) || this.lazyReads.has(address)) return NOT_READ
    return this.#accounts.get(address)
  }

  private block(tx: number): never {
    this.blockedOn = tx
    throw BLOCKED
  }

  getAccount(addr: Address): Account | undefined {
    const address = addr.toLowerCase() as Address
    const accounts = this.#accounts
    const cached = accounts.get(address)
    if (cached !== undefined || accounts.has(address)) return cached
    const e = this.engine
    const r = e.recs(address)
    let account: Account | undefined
    if (this.lazy.length > 0 && this.lazy.includes(address)) {
      account = e.lazyShape(r, this.i, false) as Account | undefined
      this.lazyReads.set(address, { rec: r.account, ptr: e.mv.putAccount(account), account, strict: false })
    } else {
      const src = e.resolveAccount(r, this.i)
      if (src < 0) this.block(-1 - src)
      account = e.resolvedAccount
      this.reads.push(R_ACCOUNT, r.account, 0, src)
    }
    accounts.set(address, account)
    return account
  }

  getStorage(addr: Address, slot: bigint): bigint {
    const address = addr.toLowerCase() as Address
    let s = this.#storage.get(address)
    if (s !== undefined) {
      const cached = s.values.get(slot)
      if (cached !== undefined) return cached
    } else {
      const e = this.engine
      s = { recs: e.recs(address), resetRec: e.resetRec(address), values: new Map() }
      this.#storage.set(address, s)
    }
    const e = this.engine
    const rec = e.storageRec(address, slot)
    const src = e.resolveStorage(rec, s.resetRec, this.i, address, slot)
    if (src < 0) this.block(-1 - src)
    this.reads.push(R_STORAGE, rec, s.resetRec, src)
    const value = e.resolvedValue
    s.values.set(slot, value)
    return value
  }

  hasStorage(addr: Address): boolean {
    const address = addr.toLowerCase() as Address
    const cached = this.#resets.get(address)
    if (cached !== undefined) return cached
    const e = this.engine
    const resetRec = e.resetRec(address)
    const src = e.resolveReset(resetRec, this.i)
    if (src < 0) this.block(-1 - src)
    this.reads.push(R_RESET, resetRec, 0, src)
    const has = src === 1 ? false : (e.base.hasStorage?.(address) ?? false)
    this.#resets.set(address, has)
    return has
  }

  getCode(codeHash: Hash): Uint8Array {
    const code = this.engine.code(codeHash)
    if (!this.balanceSensitive && this.engine.usesBalance(codeHash, code)) this.balanceSensitive = true
    return code
  }

  getBlockHash(number: bigint): Hash | undefined {
    return this.engine.base.getBlockHash(number)
  }
}

export { V_ACCOUNT }
