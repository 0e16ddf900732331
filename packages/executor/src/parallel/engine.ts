import {
  type Account,
  type Address,
  type BlockEnv,
  bytesToHex,
  type Hash,
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
  encodeAccount,
  encodeDelta,
  encodeWord,
  equalBytes,
  readU256,
  resetKey,
  storageKey,
  V_ACCOUNT,
  V_DELTA,
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
const ZERO_WORD = new Uint8Array(32)

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
  readonly outcomes = new Map<number, TxOutcome>()
  // Key records are stable for the whole block, so their lookups are cached per worker.
  readonly #accountRecs = new Map<Address, number>()
  readonly #resetRecs = new Map<Address, number>()
  readonly #deltaRecs = new Map<number, number>()
  readonly #storageRecs = new Map<Address, Map<bigint, number>>()
  readonly #codeCache: Map<Hash, Uint8Array>
  readonly #balanceOpcode: Map<Hash, boolean>

  constructor(
    ctrl: Int32Array,
    arena: SharedArrayBuffer,
    base: StateReader,
    vm: TxExecutor,
    block: EngineBlock,
    caches?: { codes: Map<Hash, Uint8Array>; balanceOpcode: Map<Hash, boolean> },
  ) {
    this.mv = new MvMemory(ctrl, arena)
    this.sched = new Scheduler(ctrl, this.mv)
    this.base = base
    this.vm = vm
    this.block = block
    this.#codeCache = caches?.codes ?? new Map()
    this.#balanceOpcode = caches?.balanceOpcode ?? new Map()
  }

  /** Runs tasks until the block is done or aborted. `hook` lets tests inject faults. */
  run(hook?: (task: Task) => void): void {
    const ctrl = this.sched.ctrl
    let task: Task | undefined
    let idle = 0
    while (!this.sched.done()) {
      if (task === undefined) task = this.sched.nextTask()
      if (task === undefined) {
        // Nothing runnable: another worker holds the dependency. Spin briefly, then sleep on the
        // progress counter so an idle worker does not steal the only other core.
        if (++idle > 64) Atomics.wait(ctrl, C_PROGRESS, Atomics.load(ctrl, C_PROGRESS), 1)
        continue
      }
      idle = 0
      hook?.(task)
      task = task.kind === 'execute' ? this.execute(task) : this.validate(task)
    }
  }

  accountRec(address: Address): number {
    let rec = this.#accountRecs.get(address)
    if (rec === undefined) this.#accountRecs.set(address, (rec = this.mv.keyRecord(accountKey(address))))
    return rec
  }

  /** The delta key record belonging to an account key record. */
  deltaRec(accountRec: number): number {
    let rec = this.#deltaRecs.get(accountRec)
    if (rec === undefined)
      this.#deltaRecs.set(accountRec, (rec = this.mv.keyRecord(deltaKey(this.addressOf(accountRec)))))
    return rec
  }

  resetRec(address: Address): number {
    let rec = this.#resetRecs.get(address)
    if (rec === undefined) this.#resetRecs.set(address, (rec = this.mv.keyRecord(resetKey(address))))
    return rec
  }

  storageRec(address: Address, slot: bigint): number {
    let slots = this.#storageRecs.get(address)
    if (slots === undefined) this.#storageRecs.set(address, (slots = new Map()))
    let rec = slots.get(slot)
    if (rec === undefined) slots.set(slot, (rec = this.mv.keyRecord(storageKey(address, slot))))
    return rec
  }

  /** Address encoded in an account/reset/storage key record. */
  addressOf(rec: number): Address {
    const at = rec + K_BYTES * 4 + 1
    return bytesToHex(this.mv.bytes.subarray(at, at + 20)) as Address
  }

  slotOf(rec: number): bigint {
    return readU256(this.mv.bytes, rec + K_BYTES * 4 + 21)
  }

  /**
   * The value of an account for tx `i`: `src` 0 = parent state, >0 = a version's value record,
   * `folded` when balance deltas were summed. Returns a tx number when blocked by an ESTIMATE.
   * With `loose`, estimates are skipped (lazy reads only need nonce/code, validated separately).
   */
  resolveAccount(rec: number, i: number): { src: number; account: Account | undefined } | number {
    const hit = this.mv.latestBelow(rec, i)
    if (hit.kind === 'estimate') return hit.tx
    const fullTx = hit.kind === 'value' ? hit.tx : -2
    // Deltas written after the newest full value (usually none).
    let delta = 0n
    let deltas = 0
    const words = this.mv.words
    let node = Atomics.load(words, (this.deltaRec(rec) >> 2) + K_HEAD)
    while (node !== 0) {
      const w = node >> 2
      const tx = words[w + N_TX]!
      if (tx < i && tx > fullTx) {
        const word = Atomics.load(words, w + N_VALUE)
        if ((word & F_ABSENT) === 0) {
          if ((word & F_ESTIMATE) !== 0) return tx
          delta += decodeDelta(this.mv.value(word & ~7))
          deltas++
        }
      }
      node = Atomics.load(words, w + N_NEXT)
    }
    const full =
      hit.kind === 'value' ? decodeAccount(this.mv.value(hit.ptr)) : this.base.getAccount(this.addressOf(rec))
    if (deltas === 0) return { src: hit.kind === 'value' ? hit.ptr : 0, account: full }
    const account: Account = full
      ? { nonce: full.nonce, balance: full.balance + delta, codeHash: full.codeHash }
      : { nonce: 0n, balance: delta, codeHash: KECCAK256_EMPTY }
    return { src: this.mv.putValue(encodeAccount(account)), account }
  }

  /**
   * What a lazily credited account looks like to tx `i`, in O(versions) without summing deltas:
   * nonce and code from the newest full value (or the parent), and a balance that is only right
   * in being zero or not (deltas are non-negative). Returns the blocking tx when the answer
   * depends on an ESTIMATE and `strict` is set.
   */
  lazyShape(rec: number, i: number, strict: boolean): Account | undefined | number {
    const mv = this.mv
    const words = mv.words
    const hit = mv.latestBelow(rec, i)
    if (strict && hit.kind === 'estimate') return hit.tx
    const fullTx = hit.kind === 'none' ? -2 : hit.tx
    const full =
      hit.kind === 'none'
        ? this.base.getAccount(this.addressOf(rec))
        : decodeAccount(mv.value(hit.kind === 'value' ? hit.ptr : this.estimatePtr(rec, hit.tx)))
    if (full !== undefined && (full.balance > 0n || full.nonce > 0n || full.codeHash !== KECCAK256_EMPTY))
      return full
    // Possibly empty: any positive delta after the full value makes it non-empty.
    let blocking = -1
    let node = Atomics.load(words, (this.deltaRec(rec) >> 2) + K_HEAD)
    while (node !== 0) {
      const w = node >> 2
      const tx = words[w + N_TX]!
      if (tx < i && tx > fullTx) {
        const word = Atomics.load(words, w + N_VALUE)
        if ((word & F_ABSENT) === 0) {
          if ((word & F_ESTIMATE) !== 0) blocking = tx
          else {
            const delta = decodeDelta(mv.value(word & ~7))
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

  /** The (stale) value pointer under tx `tx`'s ESTIMATE node of `rec`. */
  private estimatePtr(rec: number, tx: number): number {
    const words = this.mv.words
    let node = Atomics.load(words, (rec >> 2) + K_HEAD)
    while (node !== 0) {
      const w = node >> 2
      if (words[w + N_TX] === tx) return Atomics.load(words, w + N_VALUE) & ~7
      node = Atomics.load(words, w + N_NEXT)
    }
    return 0
  }

  /** Storage value for tx `i`: `src` 0 = parent, -1 = zero after a storage wipe, >0 = version. */
  resolveStorage(rec: number, resetRec: number, i: number): { src: number; value: bigint } | number {
    const v = this.mv.latestBelow(rec, i)
    const r = this.mv.latestBelow(resetRec, i)
    const vTx = v.kind === 'none' ? -3 : v.tx
    const rTx = r.kind === 'none' ? -3 : r.tx
    if (vTx === -3 && rTx === -3)
      return { src: 0, value: this.base.getStorage(this.addressOf(rec), this.slotOf(rec)) }
    if (vTx >= rTx) {
      if (v.kind === 'estimate') return v.tx
      const ptr = (v as { ptr: number }).ptr
      return { src: ptr, value: readU256(this.mv.value(ptr), 0) }
    }
    if (r.kind === 'estimate') return r.tx
    return { src: -1, value: 0n }
  }

  /** 1 when a storage wipe of the account is visible to tx `i`, 0 if not, or the blocking tx. */
  resolveReset(resetRec: number, i: number): { src: number } | number {
    const r = this.mv.latestBelow(resetRec, i)
    if (r.kind === 'estimate') return r.tx
    return { src: r.kind === 'value' ? 1 : 0 }
  }

  code(codeHash: Hash): Uint8Array {
    if (codeHash === KECCAK256_EMPTY) return EMPTY_CODE
    let code = this.#codeCache.get(codeHash)
    if (code !== undefined) return code
    const rec = this.mv.keyRecord(codeKey(codeHash))
    const hit = this.mv.latestBelow(rec, Number.MAX_SAFE_INTEGER)
    code = hit.kind === 'value' ? this.mv.value(hit.ptr).slice() : this.base.getCode(codeHash)
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
      const view = new TxView(this, i, lazyAccountsOf(this.block, i, this.sched.ctrl))
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
      this.outcomes.set(i, { inc, result, error, deltas })
      return this.sched.finishExecution(i, inc, view.wroteNewPath)
    }
  }

  /** Publishes tx `i`'s writes and read set; returns its lazy balance deltas. */
  private record(i: number, view: TxView, result: TxResult | undefined): [Address, bigint][] {
    const mv = this.mv
    const deltas: [Address, bigint][] = []
    const writes: [rec: number, word: number][] = []
    if (result !== undefined) {
      for (const [addr, change] of result.diff.accounts) {
        const address = addr.toLowerCase() as Address
        const lazy = view.lazyReads.get(address)
        let value: Uint8Array
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
          writes.push([this.deltaRec(this.accountRec(address)), mv.putValue(encodeDelta(delta))])
        } else {
          value = encodeAccount(change.account)
          if (lazy !== undefined) lazy.strict = true
          writes.push([this.accountRec(address), mv.putValue(value)])
        }
        if (change.storageCleared) writes.push([this.resetRec(address), mv.putValue(EMPTY_CODE)])
        for (const [slot, v] of change.storage)
          writes.push([this.storageRec(address, slot), mv.putValue(encodeWord(v))])
        if (change.code !== undefined && change.account !== undefined && change.code.length > 0) {
          const rec = mv.keyRecord(codeKey(change.account.codeHash))
          if (mv.latestBelow(rec, Number.MAX_SAFE_INTEGER).kind === 'none')
            mv.addNode(rec, -1, mv.putValue(change.code))
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
    const prevByKey = new Map<number, number>()
    for (let k = 0; k < prev.length; k++) prevByKey.set(mv.nodeKey(prev[k]!), prev[k]!)
    const nodes: number[] = []
    for (const [rec, ptr] of writes) {
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
    mv.setWriteNodes(i, nodes)
    // Read set: [count, (kind, rec, rec2, src)*].
    const entries = view.reads
    for (const lazy of view.lazyReads.values())
      entries.push(lazy.strict ? R_ACCOUNT : R_LAZY, lazy.rec, 0, lazy.ptr)
    const n = entries.length >> 2
    const at = mv.alloc(4 + entries.length * 4)
    const w = at >> 2
    mv.words[w] = n
    for (let k = 0; k < entries.length; k++) mv.words[w + 1 + k] = entries[k]!
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
    const at = mv.readSet(i)
    if (at === 0) return false
    const w = at >> 2
    const n = mv.words[w]!
    for (let k = 0; k < n; k++) {
      const e = w + 1 + k * 4
      const kind = mv.words[e]!
      const rec = mv.words[e + 1]!
      const rec2 = mv.words[e + 2]!
      const src = mv.words[e + 3]!
      if (kind === R_ACCOUNT) {
        const now = this.resolveAccount(rec, i)
        if (typeof now === 'number') return false
        if (now.src === src) continue
        const before = src === 0 ? encodeAccount(this.base.getAccount(this.addressOf(rec))) : mv.value(src)
        if (!equalBytes(before, encodeAccount(now.account))) return false
      } else if (kind === R_STORAGE) {
        const now = this.resolveStorage(rec, rec2, i)
        if (typeof now === 'number') return false
        if (now.src === src) continue
        const before =
          src === 0
            ? encodeWord(this.base.getStorage(this.addressOf(rec), this.slotOf(rec)))
            : src === -1
              ? ZERO_WORD
              : mv.value(src)
        if (!equalBytes(before, encodeWord(now.value))) return false
      } else if (kind === R_RESET) {
        const now = this.resolveReset(rec, i)
        if (typeof now === 'number' || now.src !== src) return false
      } else if (kind === R_LAZY) {
        const now = this.lazyShape(rec, i, true)
        if (typeof now === 'number') return false
        if (!sameShape(decodeAccount(mv.value(src)), now)) return false
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

type LazyRead = { rec: number; ptr: number; account: Account | undefined; strict: boolean }

/** The state one incarnation of one transaction reads through; records its read set. */
class TxView implements StateReader {
  readonly engine: BlockStmEngine
  readonly i: number
  readonly lazy: readonly Address[]
  /** Flat read entries: kind, rec, rec2, src. */
  readonly reads: number[] = []
  readonly lazyReads = new Map<Address, LazyRead>()
  readonly #accounts = new Map<Address, Account | undefined>()
  readonly #storage = new Map<Address, Map<bigint, bigint>>()
  readonly #resets = new Map<Address, boolean>()
  blockedOn = -1
  wroteNewPath = false
  balanceSensitive = false

  constructor(engine: BlockStmEngine, i: number, lazy: readonly Address[]) {
    this.engine = engine
    this.i = i
    this.lazy = lazy
  }

  private block(tx: number): never {
    this.blockedOn = tx
    throw BLOCKED
  }

  getAccount(addr: Address): Account | undefined {
    const address = addr.toLowerCase() as Address
    if (this.#accounts.has(address)) return this.#accounts.get(address)
    const e = this.engine
    const rec = e.accountRec(address)
    let account: Account | undefined
    if (this.lazy.includes(address)) {
      account = e.lazyShape(rec, this.i, false) as Account | undefined
      this.lazyReads.set(address, { rec, ptr: e.mv.putValue(encodeAccount(account)), account, strict: false })
    } else {
      const r = e.resolveAccount(rec, this.i)
      if (typeof r === 'number') this.block(r)
      account = r.account
      this.reads.push(R_ACCOUNT, rec, 0, r.src)
    }
    this.#accounts.set(address, account)
    return account
  }

  getStorage(addr: Address, slot: bigint): bigint {
    const address = addr.toLowerCase() as Address
    let slots = this.#storage.get(address)
    const cached = slots?.get(slot)
    if (cached !== undefined) return cached
    const e = this.engine
    const rec = e.storageRec(address, slot)
    const resetRec = e.resetRec(address)
    const r = e.resolveStorage(rec, resetRec, this.i)
    if (typeof r === 'number') this.block(r)
    this.reads.push(R_STORAGE, rec, resetRec, r.src)
    if (slots === undefined) this.#storage.set(address, (slots = new Map()))
    slots.set(slot, r.value)
    return r.value
  }

  hasStorage(addr: Address): boolean {
    const address = addr.toLowerCase() as Address
    const cached = this.#resets.get(address)
    if (cached !== undefined) return cached
    const e = this.engine
    const resetRec = e.resetRec(address)
    const r = e.resolveReset(resetRec, this.i)
    if (typeof r === 'number') this.block(r)
    this.reads.push(R_RESET, resetRec, 0, r.src)
    const has = r.src === 1 ? false : (e.base.hasStorage?.(address) ?? false)
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
