import {
  type Address,
  type BlockEnv,
  type BlockResult,
  blobParams,
  GAS_PER_BLOB,
  type Hash,
  KECCAK256_EMPTY,
  MemoryState,
  type StateDiff,
  type StateReader,
  type TxResult,
} from '@metis-sdk/primitives'
import {
  checkTxFitsBlock,
  type ExecuteBlockOptions,
  executeBlockSequential,
  executePrepared,
  finishBlock,
  prepareBlock,
  transactionsRootOf,
} from '../block/execute-block.js'
import { ReceiptBloomer } from '../block/receipt-bloom.js'
import { ReceiptsAhead } from '../block/receipts-ahead.js'
import { ParallelExecutionError } from '../errors/executor.js'
import { OverlayState } from '../state/overlay.js'
import type { ExecutableBlock, TxExecutor } from '../types.js'
import { accountKey, codeKey, encodeAccount, encodeWord, resetKey, storageKey } from './codec.js'
import { BlockStmEngine, type EngineBlock } from './engine.js'
import { C_ABORT, C_PROGRESS } from './layout.js'
import { MvMemory } from './mv-memory.js'
import type { WorkerPool } from './pool.js'
import { type ShippedOutcome, shipOutcome, type WorkerStateSpec } from './protocol.js'

/** Parallel-mode knobs. */
export type ParallelOptions = {
  /** Blocks with fewer transactions run sequentially (worker hand-off costs more than it saves). */
  minTransactions?: number | undefined
  /** Lazy crediting of coinbase and transfer recipients (default true). */
  lazy?: boolean | undefined
  /** Judge contention (one sender, contracts that conflicted before) and run those blocks sequentially (default true). */
  contentionFallback?: boolean | undefined
  /** Where workers read the parent state; derived from a {@link MemoryState} when omitted. */
  workerState?: WorkerStateSpec | undefined
  /**
   * The calling thread executes transactions too instead of waiting for the workers (default
   * true): with `w` workers the block runs on `w + 1` threads, and the outcomes it executes itself
   * are never copied between threads.
   */
  callerExecutes?: boolean | undefined
  /**
   * With `callerExecutes`: how long the run may go without any transaction finishing before the
   * caller assumes a worker died and runs the block sequentially (default 5000 ms).
   */
  stallMs?: number | undefined
}

/** How the last block ran. */
export type ExecutionReport = {
  mode: 'parallel' | 'sequential'
  /** Why a parallel request ran sequentially. */
  fallbackReason?: string | undefined
  /** The error that made a parallel run fall back. */
  error?: unknown
  /** Executions per transaction (1 = no re-execution). */
  executionsPerTx?: number | undefined
  /** Share of the final outcomes the calling thread executed itself (with `callerExecutes`). */
  callerShare?: number | undefined
}

/** Learned contention per called contract: the share of its transactions that re-executed. */
export type ContentionHistory = Map<Address, number>

// One snapshot per MemoryState version; workers keep the copy they were last sent.
const memoryIds = new WeakMap<MemoryState, { version: number; spec: WorkerStateSpec }>()
let nextMemoryId = 0

function workerStateOf(state: StateReader, options: ParallelOptions): WorkerStateSpec | undefined {
  if (options.workerState) return options.workerState
  if (state instanceof MemoryState) {
    let known = memoryIds.get(state)
    if (!known || known.version !== state.version) {
      const spec: WorkerStateSpec = {
        kind: 'memory',
        id: `mem-${process.pid}-${nextMemoryId++}`,
        snapshot: state.snapshot(),
      }
      known = { version: state.version, spec }
      memoryIds.set(state, known)
    }
    return known.spec
  }
  return undefined
}

/** Static contention check: one sender (a nonce chain) or one hot contract with a bad record. */
function contentionReason(
  block: ExecutableBlock,
  senders: readonly Address[],
  history: ContentionHistory,
): string | undefined {
  const n = block.transactions.length
  const bySender = new Map<string, number>()
  const byTarget = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const s = senders[i]!
    bySender.set(s, (bySender.get(s) ?? 0) + 1)
    const tx = block.transactions[i]!
    if (tx.to && tx.data.length > 0) {
      const t = tx.to.toLowerCase()
      byTarget.set(t, (byTarget.get(t) ?? 0) + 1)
    }
  }
  for (const c of bySender.values()) if (c > n / 2) return 'one sender sends most transactions (nonce chain)'
  // Value chains: a sender funded by an earlier transaction of the same block must wait for it.
  const credited = new Set<string>()
  let chained = 0
  for (let i = 0; i < n; i++) {
    if (credited.has(senders[i]!)) chained++
    const to = block.transactions[i]!.to
    if (to) credited.add(to.toLowerCase())
  }
  if (chained > n / 2) return 'most senders are funded earlier in the block (dependency chain)'
  let contended = 0
  for (const [target, c] of byTarget) contended += c * (history.get(target as Address) ?? 0)
  if (contended > n * 0.5) return 'the called contracts conflicted heavily in earlier blocks'
  return undefined
}

/**
 * Executes a block with Block-STM on `pool`, falling back to sequential execution for small or
 * hopelessly contended blocks and when a worker fails. The result is identical to
 * {@link executeBlockSequential}.
 */
export async function executeBlockParallel(
  state: StateReader,
  block: ExecutableBlock,
  options: ExecuteBlockOptions & ParallelOptions,
  pool: WorkerPool,
  history: ContentionHistory,
  report: (r: ExecutionReport) => void = () => {},
): Promise<BlockResult> {
  const tStart = performance.now()
  const n = block.transactions.length
  const sequential = (fallbackReason: string, error?: unknown) => {
    report({ mode: 'sequential', fallbackReason, error })
    return executeBlockSequential(state, block, options)
  }
  if (n < (options.minTransactions ?? 16)) return sequential('small block')
  if (!options.workerState && !(state instanceof MemoryState))
    return sequential('no worker-readable parent state (pass workerState or a MemoryState)')
  const prepared = prepareBlock(state, block, options)
  // From here on a fallback continues from the prepared block instead of redoing the system calls.
  const fallback = (fallbackReason: string, error?: unknown) => {
    report({ mode: 'sequential', fallbackReason, error })
    return executePrepared(prepared, block, options)
  }
  const reason =
    options.contentionFallback === false ? undefined : contentionReason(block, prepared.senders, history)
  if (reason) return fallback(reason)
  // Only now: a MemoryState snapshot for the workers is not free, and a fallback does not need it.
  const spec = workerStateOf(state, options)!
  const buffers = pool.prepare(n, n * 12 + 64)
  seedPreBlockWrites(new MvMemory(buffers.ctrlView, buffers.arena), prepared.overlay.diff)
  const trace = process.env.METIS_EXECUTOR_TRACE ? performance.now() : 0
  if (trace) console.error(`[main] before run ${(trace - tStart).toFixed(1)} ms`)
  // Receipts are encoded, and the diff assembled, as outcome batches arrive while the workers run.
  const ahead = new ReceiptsAhead(block.transactions)
  const maxBlobGas = BigInt(blobParams(prepared.env.fork, options.config)?.max ?? 0) * GAS_PER_BLOB
  const assembler = new Assembler(block, prepared.env, maxBlobGas, new OverlayState(prepared.overlay))
  const engineBlock: EngineBlock = {
    env: prepared.env,
    txs: block.transactions,
    senders: prepared.senders,
    lazy: options.lazy ?? true,
  }
  const onBatch = (batch: readonly (readonly [number, ShippedOutcome])[]) => {
    assembler.offer(batch)
    try {
      ahead.add(batch)
    } catch {
      // Left to finishBlock, which encodes what is missing (and fails like sequential mode would).
    }
  }
  const running = pool.run(buffers, engineBlock, spec, onBatch)
  running.catch(() => {})
  // The workers have the block: build what does not depend on the results meanwhile. A failure
  // here is left to finishBlock, which then fails the same way sequential mode does.
  let transactionsRoot: ReturnType<typeof transactionsRootOf> | undefined
  try {
    transactionsRoot = transactionsRootOf(block, options)
  } catch {}
  // Then the calling thread joins the run. Its outcomes reach the assembler without a copy, and
  // between its tasks it takes the workers' batches, so assembly keeps up with execution.
  let own: Set<ShippedOutcome> | undefined
  if (options.callerExecutes ?? true) {
    try {
      own = runOnCaller(buffers.ctrlView, buffers.arena, state, options.vm, engineBlock, {
        stallMs: options.stallMs ?? 5_000,
        onBatch,
        drain: () => pool.drain(),
      })
    } catch (err) {
      await running.catch(() => {})
      return fallback('parallel run failed', err)
    }
  }
  const tWait = trace && performance.now()
  try {
    await running
  } catch (err) {
    return fallback('parallel run failed', err)
  }
  if (trace)
    console.error(
      `[main] pool.run ${(performance.now() - trace).toFixed(1)} ms (tx root ${(tWait - trace).toFixed(1)} ms meanwhile)`,
    )
  const tAssemble = trace && performance.now()
  // Each transaction's final incarnation: every outcome, the workers' and the caller's, went
  // through the assembler, which keeps the highest incarnation seen.
  const outcomes = assembler.latest as ShippedOutcome[] // every entry is checked just below
  let executions = 0
  for (let i = 0; i < n; i++) {
    const o = outcomes[i]
    if (o === undefined)
      return fallback('parallel run failed', new ParallelExecutionError(`no outcome for transaction ${i}`))
    // A VM error is either an invalid transaction or a fault in one worker; the sequential run
    // tells them apart (and rejects the block with the same reason sequential mode would).
    if (o.result === undefined)
      return fallback(
        'a transaction failed in a worker',
        new ParallelExecutionError(`transaction ${i} failed in a worker`, {
          details: `${o.error?.name}: ${o.error?.message}`,
        }),
      )
    executions += o.inc + 1
  }
  learn(block, outcomes, history)
  // Assemble in block order: gas pool checks, lazy deltas folded into full account values. The
  // prefix assembled while the block ran is kept when its outcomes are the final ones.
  let asm = assembler
  let reusable = !asm.broken
  for (let i = 0; reusable && i < asm.next; i++) reusable = asm.used[i] === outcomes[i]
  if (!reusable) asm = new Assembler(block, prepared.env, maxBlobGas, prepared.overlay)
  const aheadCount = asm.next
  for (let i = asm.next; i < n; i++) asm.step(i, outcomes[i]!)
  if (asm.overlay !== prepared.overlay) prepared.overlay.apply(asm.overlay.diff)
  const results = asm.results
  let byCaller = 0
  if (own !== undefined) for (let i = 0; i < n; i++) if (own.has(outcomes[i]!)) byCaller++
  report({
    mode: 'parallel',
    executionsPerTx: executions / n,
    callerShare: own === undefined ? undefined : byCaller / n,
  })
  const tFinish = trace && performance.now()
  const { encoded, leafRefs, blooms } = ahead.final(outcomes)
  const result = finishBlock(prepared, block, results, options, {
    blooms,
    encodedReceipts: encoded,
    receiptLeafRefs: leafRefs,
    transactionsRoot,
  })
  if (trace)
    console.error(
      `[main] assemble ${(tFinish - tAssemble).toFixed(1)} ms, finish ${(performance.now() - tFinish).toFixed(1)} ms (${encoded.filter((e) => e !== undefined).length}/${n} receipts encoded ahead, ${reusable ? `${aheadCount}/${n} txs assembled ahead` : 'assembled afresh'})`,
    )
  return result
}

/**
 * Folds outcomes into an overlay in block order (gas pool checks, lazy balance deltas turned into
 * full account values). While the block runs it is fed batches and advances over the contiguous
 * prefix of known outcomes, on an overlay of its own; a newer incarnation for an assembled
 * transaction, or a failed check, marks it broken (the caller then assembles afresh).
 */
class Assembler {
  readonly block: ExecutableBlock
  readonly env: BlockEnv
  readonly maxBlobGas: bigint
  readonly overlay: OverlayState
  readonly results: TxResult[]
  readonly used: (ShippedOutcome | undefined)[]
  /** The highest incarnation offered so far per transaction (after the run: the final ones). */
  readonly latest: (ShippedOutcome | undefined)[]
  next = 0
  broken = false
  #gasUsed = 0n
  #blobGasUsed = 0n

  constructor(block: ExecutableBlock, env: BlockEnv, maxBlobGas: bigint, overlay: OverlayState) {
    const n = block.transactions.length
    this.block = block
    this.env = env
    this.maxBlobGas = maxBlobGas
    this.overlay = overlay
    this.results = new Array(n)
    this.used = new Array(n)
    this.latest = new Array(n)
  }

  /** Takes a batch of (possibly stale) outcomes and assembles the known prefix. Never throws. */
  offer(batch: readonly (readonly [number, ShippedOutcome])[]): void {
    for (const [i, o] of batch) {
      const prev = this.latest[i]
      if (prev !== undefined && o.inc <= prev.inc) continue
      this.latest[i] = o
      if (i < this.next) this.broken = true
    }
    const n = this.block.transactions.length
    while (!this.broken && this.next < n) {
      const o = this.latest[this.next]
      if (o?.result === undefined) break
      try {
        this.step(this.next, o)
      } catch {
        this.broken = true
      }
    }
  }

  /** Assembles transaction `i` (which must be `next`); throws like the sequential loop would. */
  step(i: number, o: ShippedOutcome): void {
    const tx = this.block.transactions[i]!
    checkTxFitsBlock(tx, i, this.env, this.#gasUsed, this.#blobGasUsed, this.maxBlobGas)
    const overlay = this.overlay
    const txResult = o.result!
    let diff = txResult.diff
    if (o.deltas.length > 0) {
      diff = { ...diff, accounts: new Map(diff.accounts) }
      for (const [address, delta] of o.deltas) {
        const cur = overlay.getAccount(address)
        const change = diff.accounts.get(address)!
        diff.accounts.set(address, {
          ...change,
          account: {
            nonce: cur?.nonce ?? 0n,
            balance: (cur?.balance ?? 0n) + delta,
            codeHash: cur?.codeHash ?? KECCAK256_EMPTY,
          },
        })
      }
    }
    overlay.apply(diff)
    const result = diff === txResult.diff ? txResult : { ...txResult, diff }
    this.results[i] = result
    this.used[i] = o
    this.#gasUsed += result.gasUsed
    this.#blobGasUsed += result.blobGasUsed
    this.next = i + 1
  }
}

/** Code caches of the calling thread's engine (by code hash, so valid across blocks). */
const callerCaches = { codes: new Map<Hash, Uint8Array>(), balanceOpcode: new Map<Hash, boolean>() }
const callerBloomer = new ReceiptBloomer()
/** The caller hands its outcomes over, and takes the workers', every this many tasks. */
const CALLER_BATCH = 16

/**
 * Runs the Block-STM loop on the calling thread beside the workers, reading the parent state
 * directly. The event loop is blocked meanwhile, so a dead worker cannot be noticed through its
 * exit event: a run in which no task finishes anywhere for `stallMs` is aborted instead
 * (the block then runs sequentially, with the same result).
 */
function runOnCaller(
  ctrl: Int32Array,
  arena: SharedArrayBuffer,
  state: StateReader,
  vm: TxExecutor,
  block: EngineBlock,
  io: {
    stallMs: number
    onBatch: (batch: readonly (readonly [number, ShippedOutcome])[]) => void
    drain: () => void
  },
): Set<ShippedOutcome> {
  const own = new Set<ShippedOutcome>()
  let pending: [number, ShippedOutcome][] = []
  // The same shape the workers ship: each incarnation with its receipt bloom bits.
  const engine = new BlockStmEngine(
    ctrl,
    arena,
    state,
    vm,
    block,
    (i, o) => {
      const shipped = shipOutcome(o, callerBloomer)
      own.add(shipped)
      pending.push([i, shipped])
    },
    callerCaches,
  )
  const deliver = () => {
    if (pending.length > 0) {
      const batch = pending
      pending = []
      io.onBatch(batch)
    }
    io.drain()
  }
  let progress = Atomics.load(ctrl, C_PROGRESS)
  let since = performance.now()
  let tasks = 0
  try {
    engine.run(
      () => {
        if (++tasks % CALLER_BATCH === 0) deliver()
      },
      () => {
        deliver()
        const now = Atomics.load(ctrl, C_PROGRESS)
        if (now !== progress) {
          progress = now
          since = performance.now()
        } else if (performance.now() - since > io.stallMs) {
          engine.sched.abort(3)
        }
      },
    )
  } catch (err) {
    engine.sched.abort(1)
    throw err
  }
  if (Atomics.load(ctrl, C_ABORT) !== 0) throw new ParallelExecutionError('the parallel run was aborted')
  deliver()
  return own
}

/** Pre-block system-call writes become versions of a virtual transaction -1. */
function seedPreBlockWrites(mv: MvMemory, diff: StateDiff): void {
  for (const [address, change] of diff.accounts) {
    mv.addNode(mv.keyRecord(accountKey(address)), -1, mv.putValue(encodeAccount(change.account)))
    if (change.storageCleared) mv.addNode(mv.keyRecord(resetKey(address)), -1, mv.putValue(new Uint8Array(0)))
    for (const [slot, v] of change.storage)
      mv.addNode(mv.keyRecord(storageKey(address, slot)), -1, mv.putValue(encodeWord(v)))
    if (change.code && change.account)
      mv.addNode(mv.keyRecord(codeKey(change.account.codeHash)), -1, mv.putValue(change.code))
  }
}

function learn(block: ExecutableBlock, outcomes: ShippedOutcome[], history: ContentionHistory): void {
  const stats = new Map<Address, [number, number]>()
  for (let i = 0; i < outcomes.length; i++) {
    const tx = block.transactions[i]!
    if (!tx.to || tx.data.length === 0) continue
    const t = tx.to.toLowerCase() as Address
    const s = stats.get(t) ?? [0, 0]
    s[0] += outcomes[i]!.inc > 0 ? 1 : 0
    s[1] += 1
    stats.set(t, s)
  }
  for (const [t, [re, total]] of stats) {
    const prev = history.get(t)
    const rate = re / total
    history.set(t, prev === undefined ? rate : prev * 0.5 + rate * 0.5)
  }
  if (history.size > 10_000) history.clear()
}
