import {
  ABORTING,
  C_ABORT,
  C_DECREASE_CNT,
  C_DONE,
  C_EXEC_IDX,
  C_NUM_ACTIVE,
  C_NUM_TXS,
  C_PROGRESS,
  C_VAL_IDX,
  EXECUTED,
  EXECUTING,
  READY,
  T_DEPS,
  T_LOCK,
  T_STATUS,
  txBase,
} from './layout.js'
import type { MvMemory } from './mv-memory.js'

/** A scheduler task: execute or validate incarnation `inc` of tx `tx`. */
export type Task = { kind: 'execute' | 'validate'; tx: number; inc: number }

/**
 * The collaborative Block-STM scheduler (Gelashvili et al., 2022), with all state in the shared
 * `ctrl` array so every worker runs the same code against it: execution and validation indices,
 * per-transaction status words holding `incarnation << 2 | state`, per-transaction spin locks and
 * dependents lists, and the `decrease_cnt`/`num_active_tasks` pair for termination.
 */
export class Scheduler {
  readonly ctrl: Int32Array
  readonly mv: MvMemory
  readonly n: number

  constructor(ctrl: Int32Array, mv: MvMemory) {
    this.ctrl = ctrl
    this.mv = mv
    this.n = Atomics.load(ctrl, C_NUM_TXS)
  }

  done(): boolean {
    return Atomics.load(this.ctrl, C_DONE) !== 0 || Atomics.load(this.ctrl, C_ABORT) !== 0
  }

  /** Stops every worker (used on errors); the block then runs sequentially. */
  abort(code: number): void {
    Atomics.compareExchange(this.ctrl, C_ABORT, 0, code)
  }

  private lock(i: number): void {
    const at = txBase(i) + T_LOCK
    // Critical sections are a handful of loads and stores, so spinning beats sleeping.
    while (Atomics.compareExchange(this.ctrl, at, 0, 1) !== 0) {}
  }

  private unlock(i: number): void {
    Atomics.store(this.ctrl, txBase(i) + T_LOCK, 0)
  }

  status(i: number): number {
    return Atomics.load(this.ctrl, txBase(i) + T_STATUS)
  }

  private setStatus(i: number, inc: number, state: number): void {
    Atomics.store(this.ctrl, txBase(i) + T_STATUS, (inc << 2) | state)
  }

  private decreaseIdx(which: number, target: number): void {
    for (;;) {
      const cur = Atomics.load(this.ctrl, which)
      if (cur <= target) break
      if (Atomics.compareExchange(this.ctrl, which, cur, target) === cur) break
    }
    Atomics.add(this.ctrl, C_DECREASE_CNT, 1)
  }

  private checkDone(): void {
    const observed = Atomics.load(this.ctrl, C_DECREASE_CNT)
    if (
      Math.min(Atomics.load(this.ctrl, C_EXEC_IDX), Atomics.load(this.ctrl, C_VAL_IDX)) >= this.n &&
      Atomics.load(this.ctrl, C_NUM_ACTIVE) === 0 &&
      observed === Atomics.load(this.ctrl, C_DECREASE_CNT)
    ) {
      Atomics.store(this.ctrl, C_DONE, 1)
      Atomics.notify(this.ctrl, C_DONE)
    }
  }

  private tryIncarnate(i: number): Task | undefined {
    if (i < this.n) {
      this.lock(i)
      const s = this.status(i)
      if ((s & 3) === READY) {
        this.setStatus(i, s >> 2, EXECUTING)
        this.unlock(i)
        return { kind: 'execute', tx: i, inc: s >> 2 }
      }
      this.unlock(i)
    }
    return undefined
  }

  private nextToExecute(): Task | undefined {
    if (Atomics.load(this.ctrl, C_EXEC_IDX) >= this.n) {
      this.checkDone()
      return undefined
    }
    Atomics.add(this.ctrl, C_NUM_ACTIVE, 1)
    const t = this.tryIncarnate(Atomics.add(this.ctrl, C_EXEC_IDX, 1))
    if (t === undefined) Atomics.sub(this.ctrl, C_NUM_ACTIVE, 1)
    return t
  }

  private nextToValidate(): Task | undefined {
    if (Atomics.load(this.ctrl, C_VAL_IDX) >= this.n) {
      this.checkDone()
      return undefined
    }
    Atomics.add(this.ctrl, C_NUM_ACTIVE, 1)
    const i = Atomics.add(this.ctrl, C_VAL_IDX, 1)
    if (i < this.n) {
      const s = this.status(i)
      if ((s & 3) === EXECUTED) return { kind: 'validate', tx: i, inc: s >> 2 }
    }
    Atomics.sub(this.ctrl, C_NUM_ACTIVE, 1)
    return undefined
  }

  /** The next task for an idle worker, or undefined when there is nothing to do right now. */
  nextTask(): Task | undefined {
    if (Atomics.load(this.ctrl, C_VAL_IDX) < Atomics.load(this.ctrl, C_EXEC_IDX)) {
      return this.nextToValidate()
    }
    return this.nextToExecute()
  }

  /**
   * Tx `i` read an ESTIMATE written by `blocking`. Returns false if `blocking` has meanwhile
   * finished (the caller re-executes at once); otherwise `i` waits in `blocking`'s dependents.
   */
  addDependency(i: number, blocking: number): boolean {
    this.lock(blocking)
    if ((this.status(blocking) & 3) === EXECUTED) {
      this.unlock(blocking)
      return false
    }
    this.lock(i)
    const s = this.status(i)
    this.setStatus(i, s >> 2, ABORTING)
    this.unlock(i)
    const node = this.mv.alloc(8)
    const w = node >> 2
    this.mv.words[w] = i
    this.mv.words[w + 1] = this.ctrl[txBase(blocking) + T_DEPS]!
    this.ctrl[txBase(blocking) + T_DEPS] = node
    this.unlock(blocking)
    Atomics.sub(this.ctrl, C_NUM_ACTIVE, 1)
    return true
  }

  private setReady(i: number): void {
    this.lock(i)
    const s = this.status(i)
    this.setStatus(i, (s >> 2) + 1, READY)
    this.unlock(i)
  }

  /** Execution of (i, inc) finished and its writes are recorded. */
  finishExecution(i: number, inc: number, wroteNewPath: boolean): Task | undefined {
    Atomics.add(this.ctrl, C_PROGRESS, 1)
    Atomics.notify(this.ctrl, C_PROGRESS)
    this.lock(i)
    this.setStatus(i, inc, EXECUTED)
    let dep = this.ctrl[txBase(i) + T_DEPS]!
    this.ctrl[txBase(i) + T_DEPS] = 0
    this.unlock(i)
    let minDep = Number.MAX_SAFE_INTEGER
    while (dep !== 0) {
      const w = dep >> 2
      const d = this.mv.words[w]!
      this.setReady(d)
      if (d < minDep) minDep = d
      dep = this.mv.words[w + 1]!
    }
    if (minDep !== Number.MAX_SAFE_INTEGER) this.decreaseIdx(C_EXEC_IDX, minDep)
    if (Atomics.load(this.ctrl, C_VAL_IDX) > i) {
      if (wroteNewPath) this.decreaseIdx(C_VAL_IDX, i)
      else return { kind: 'validate', tx: i, inc }
    }
    Atomics.sub(this.ctrl, C_NUM_ACTIVE, 1)
    return undefined
  }

  /** Validation of (i, inc) failed: claims the abort if nobody else did. */
  tryValidationAbort(i: number, inc: number): boolean {
    this.lock(i)
    const s = this.status(i)
    const ok = s === ((inc << 2) | EXECUTED)
    if (ok) this.setStatus(i, inc, ABORTING)
    this.unlock(i)
    return ok
  }

  finishValidation(i: number, aborted: boolean): Task | undefined {
    Atomics.add(this.ctrl, C_PROGRESS, 1)
    if (aborted) {
      this.setReady(i)
      this.decreaseIdx(C_VAL_IDX, i + 1)
      if (Atomics.load(this.ctrl, C_EXEC_IDX) > i) {
        const t = this.tryIncarnate(i)
        if (t) return t
      }
    }
    Atomics.sub(this.ctrl, C_NUM_ACTIVE, 1)
    return undefined
  }
}
