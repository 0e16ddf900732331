import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { ExecutorClosedError, ParallelExecutionError } from '../errors/executor.js'
import type { EngineBlock } from './engine.js'
import { C_ABORT, C_ARENA_TOP, C_NUM_TXS, C_SESSION, C_TABLE_SIZE, ctrlWords } from './layout.js'
import { decodeOutcomes, type OutcomeBatch } from './outcome-codec.js'
import type { ShippedOutcome, WorkerStateSpec } from './protocol.js'

/** Resolves the built worker script: beside this module in dist, or in ../dist when running from src. */
export function workerScriptUrl(): URL {
  const here = new URL('./worker.js', import.meta.url)
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(here))) return here
  const dist = new URL('../../dist/worker.js', import.meta.url)
  if (existsSync(fileURLToPath(dist))) return dist
  throw new ParallelExecutionError('the executor worker script is not built', {
    details: `expected ${fileURLToPath(dist)}; run \`npm run build -w @metis-sdk/executor\``,
  })
}

/**
 * The parent's loader flags only. Test runners add the private source condition (the built,
 * plain-JS worker would then try to load TypeScript), and per-process V8 flags such as
 * `--expose-gc` are rejected by `new Worker`.
 */
function workerExecArgv(): string[] {
  const out: string[] = []
  const argv = process.execArgv
  const withValue = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader'])
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!
    const name = a.split('=')[0]!
    if (withValue.has(name)) {
      out.push(a)
      if (!a.includes('=') && k + 1 < argv.length) out.push(argv[++k]!)
    } else if (a === '--enable-source-maps' || a === '--no-warnings') out.push(a)
  }
  return out
}

/** What a worker posts on its outcome port during a block. */
type BlockReply = {
  type: string
  session: number
  outcomes?: OutcomeBatch
  error?: { name: string; message: string }
  sentAt?: number
}

type Slot = {
  worker: Worker
  /** Outcomes arrive here (not on the worker itself), so the caller can also take them synchronously. */
  port: MessagePort
  /** The running block's handler of `port` messages. */
  onReply?: ((m: BlockReply) => void) | undefined
  ready: Promise<void>
  isReady: boolean
  dead: boolean
  stateId?: string | undefined
}

/** Shared buffers of one session, reused across blocks. */
export type SessionBuffers = { ctrl: SharedArrayBuffer; arena: SharedArrayBuffer; ctrlView: Int32Array }

/**
 * A pool of long-lived Block-STM workers and the shared buffers they run on. Buffers are
 * allocated once and reused, so thousands of blocks do not grow memory; a dead worker is
 * replaced before the next block.
 */
export class WorkerPool {
  readonly size: number
  readonly vmModule: string
  readonly #slots: Slot[] = []
  #buffers: SessionBuffers | undefined
  #session = 0
  #closed = false
  /** Slots of the block being run. */
  #running: Slot[] = []
  arenaBytes: number

  constructor(
    size: number,
    options: { vmModule?: string | undefined; arenaBytes?: number | undefined } = {},
  ) {
    this.size = size
    this.vmModule = options.vmModule ?? '@metis-sdk/vm'
    this.arenaBytes = options.arenaBytes ?? 64 * 1024 * 1024
  }

  get closed(): boolean {
    return this.#closed
  }

  private spawn(): Slot {
    const { port1, port2 } = new MessageChannel()
    const worker = new Worker(workerScriptUrl(), {
      workerData: { vmModule: this.vmModule, port: port2 },
      transferList: [port2],
      execArgv: workerExecArgv(),
    })
    const slot: Slot = { worker, port: port1, dead: false, isReady: false, ready: Promise.resolve() }
    port1.on('message', (m: BlockReply) => slot.onReply?.(m))
    port1.unref()
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type === 'ready') {
          worker.off('message', onMessage)
          slot.isReady = true
          resolve()
        }
      }
      worker.on('message', onMessage)
      worker.once('error', (err) => {
        slot.dead = true
        reject(err)
      })
      worker.once('exit', () => {
        slot.dead = true
        reject(new ParallelExecutionError('executor worker exited before it was ready'))
      })
    })
    slot.ready.catch(() => {})
    worker.on('error', () => {
      slot.dead = true
    })
    worker.on('exit', () => {
      slot.dead = true
      port1.close()
    })
    worker.unref()
    return slot
  }

  /** Live workers (for leak tests). */
  liveWorkers(): number {
    return this.#slots.filter((s) => !s.dead).length
  }

  private buffers(numTxs: number): SessionBuffers {
    const words = ctrlWords(numTxs)
    if (
      !this.#buffers ||
      this.#buffers.ctrlView.length < words ||
      this.#buffers.arena.byteLength !== this.arenaBytes
    ) {
      const ctrl = new SharedArrayBuffer(Math.max(words, ctrlWords(1024)) * 4)
      const arena =
        this.#buffers?.arena.byteLength === this.arenaBytes
          ? this.#buffers.arena
          : new SharedArrayBuffer(this.arenaBytes)
      this.#buffers = { ctrl, arena, ctrlView: new Int32Array(ctrl) }
    }
    return this.#buffers
  }

  /**
   * Resets the shared buffers for a block of `numTxs` transactions and returns them, so the caller
   * can seed pre-block writes before {@link WorkerPool.run}.
   */
  prepare(numTxs: number, expectedKeys: number): SessionBuffers {
    if (this.#closed) throw new ExecutorClosedError('the executor is closed')
    const b = this.buffers(numTxs)
    const ctrl = b.ctrlView
    ctrl.fill(0, 0, ctrlWords(numTxs))
    let table = 1024
    while (table < expectedKeys * 4) table *= 2
    table = Math.min(table, (this.arenaBytes >> 2) >> 2)
    new Int32Array(b.arena, 0, table).fill(0)
    ctrl[C_TABLE_SIZE] = table
    ctrl[C_ARENA_TOP] = table * 4
    ctrl[C_NUM_TXS] = numTxs
    ctrl[C_SESSION] = ++this.#session
    return b
  }

  /**
   * Runs one prepared block on every worker; resolves when every worker is done or rejects on a
   * failure. When every worker is ready the block is posted before this returns, so the caller can
   * do main-thread work while the workers run. The outcomes reach the caller only through
   * `onBatch`, batch by batch as they arrive (not final: a later batch may hold a higher
   * incarnation of the same transaction), all of them before the returned promise resolves.
   */
  async run(
    b: SessionBuffers,
    block: EngineBlock,
    state: WorkerStateSpec,
    onBatch: (batch: readonly [number, ShippedOutcome][]) => void,
  ): Promise<void> {
    if (this.#closed) throw new ExecutorClosedError('the executor is closed')
    for (let k = 0; k < this.#slots.length; k++) {
      if (this.#slots[k]!.dead) this.#slots[k] = this.spawn()
    }
    while (this.#slots.length < this.size) this.#slots.push(this.spawn())
    const session = b.ctrlView[C_SESSION]!
    const slots = this.#slots.slice()
    if (!slots.every((s) => s.isReady)) {
      for (const s of slots) s.worker.ref()
      try {
        await Promise.all(slots.map((s) => s.ready))
      } finally {
        for (const s of slots) s.worker.unref()
      }
    }
    const results = slots.map(
      (slot) =>
        new Promise<void>((resolve, reject) => {
          const { worker } = slot
          const cleanup = () => {
            slot.onReply = undefined
            worker.off('exit', onExit)
            worker.off('error', onError)
          }
          const onMessage = (m: BlockReply) => {
            if (m.session !== session) return
            if (m.sentAt !== undefined && m.type === 'done')
              console.error(
                `[main] last outcomes arrived ${(performance.timeOrigin + performance.now() - m.sentAt).toFixed(1)} ms after post`,
              )
            if (m.type === 'part' || m.type === 'done') {
              onBatch(decodeOutcomes(m.outcomes!))
              if (m.type === 'part') return
              cleanup()
              resolve()
              return
            }
            cleanup()
            reject(
              new ParallelExecutionError('an executor worker failed', {
                details: `${m.error?.name}: ${m.error?.message}`,
              }),
            )
          }
          const onExit = (code: number) => {
            cleanup()
            Atomics.store(b.ctrlView, C_ABORT, 2)
            reject(
              new ParallelExecutionError('an executor worker exited during a block', {
                details: `exit code ${code}`,
              }),
            )
          }
          const onError = (err: Error) => {
            cleanup()
            Atomics.store(b.ctrlView, C_ABORT, 2)
            reject(new ParallelExecutionError('an executor worker crashed', { cause: err }))
          }
          slot.onReply = onMessage
          worker.once('exit', onExit)
          worker.once('error', onError)
          // The memory snapshot travels only when this worker has not seen this state yet.
          let spec = state
          if (state.kind === 'memory') {
            spec = slot.stateId === state.id ? { kind: 'memory', id: state.id } : state
            slot.stateId = state.id
          }
          const postedAt = process.env.METIS_EXECUTOR_TRACE
            ? performance.timeOrigin + performance.now()
            : undefined
          const t = postedAt === undefined ? 0 : performance.now()
          worker.postMessage({
            type: 'block',
            session,
            ctrl: b.ctrl,
            arena: b.arena,
            block,
            state: spec,
            postedAt,
          })
          if (postedAt !== undefined)
            console.error(`[main] postMessage ${(performance.now() - t).toFixed(1)} ms`)
        }),
    )
    // Idle workers are unref'd so they never keep a process alive; a running block must.
    for (const s of slots) {
      s.worker.ref()
      s.port.ref()
    }
    this.#running = slots
    const settled = await Promise.allSettled(results)
    this.#running = []
    for (const s of slots) {
      s.worker.unref()
      s.port.unref()
    }
    const failed = settled.find((s) => s.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
    if (Atomics.load(b.ctrlView, C_ABORT) !== 0)
      throw new ParallelExecutionError('the parallel run was aborted')
  }

  /**
   * Takes the outcome messages the running block's workers have posted so far, synchronously
   * (for a caller that executes beside them and cannot return to the event loop).
   */
  drain(): void {
    for (const slot of this.#running) {
      for (;;) {
        const handler = slot.onReply
        if (handler === undefined) break
        const m = receiveMessageOnPort(slot.port)
        if (m === undefined) break
        handler(m.message as BlockReply)
      }
    }
  }

  /** Terminates every worker and drops the shared buffers. */
  async close(): Promise<void> {
    this.#closed = true
    const slots = this.#slots.splice(0)
    await Promise.all(slots.map((s) => s.worker.terminate()))
    this.#buffers = undefined
  }
}
