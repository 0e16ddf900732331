/**
 * Worker-thread entry of the Block-STM pool (built to dist/worker.js). Each worker owns one VM
 * and one parent-state reader; per block it receives one message with the shared buffers and the
 * transactions, runs the scheduler loop against shared memory, and answers with one message
 * holding the outcomes of the incarnations it executed.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import { type Hash, memoryStateFromSnapshot, type StateReader, useFastKeccak256 } from '@metis-sdk/primitives'
import { ReceiptBloomer } from '../block/receipt-bloom.js'
import type { TxExecutor } from '../types.js'
import { BlockStmEngine, type EngineBlock } from './engine.js'
import { C_EXITED } from './layout.js'
import { encodeOutcomes } from './outcome-codec.js'
import { type ShippedOutcome, shipOutcome, type WorkerStateSpec } from './protocol.js'

type BlockMessage = {
  type: 'block'
  session: number
  ctrl: SharedArrayBuffer
  arena: SharedArrayBuffer
  block: EngineBlock
  state: WorkerStateSpec
  postedAt?: number | undefined
}

// The WebAssembly keccak (same hashes as the default, faster: SHA3 in contracts, receipt blooms);
// the main thread of a node installs it too, so both execution modes hash at the same speed.
await useFastKeccak256()

const { vmModule, port } = workerData as { vmModule: string; port: MessagePort }
const vm = (await import(vmModule)) as TxExecutor & { default?: TxExecutor }
const executor: TxExecutor = typeof vm.executeTransaction === 'function' ? vm : (vm.default as TxExecutor)

const caches = { codes: new Map<Hash, Uint8Array>(), balanceOpcode: new Map<Hash, boolean>() }
let memoryState: { id: string; reader: StateReader } | undefined
const dbs = new Map<string, { reader(version?: bigint): StateReader }>()

async function baseReader(spec: WorkerStateSpec): Promise<StateReader> {
  if (spec.kind === 'memory') {
    if (memoryState?.id !== spec.id) {
      if (!spec.snapshot) throw new Error(`worker has no snapshot of memory state ${spec.id}`)
      memoryState = { id: spec.id, reader: memoryStateFromSnapshot(spec.snapshot) }
    }
    return memoryState.reader
  }
  let db = dbs.get(spec.path)
  if (db === undefined) {
    const mod = (await import('@metis-sdk/statedb')) as unknown as {
      openStateDB(o: { path: string; readOnly?: boolean }): { reader(version?: bigint): StateReader }
    }
    db = mod.openStateDB({ path: spec.path, readOnly: true })
    dbs.set(spec.path, db)
  }
  return db.reader(spec.version)
}

const bloomer = new ReceiptBloomer()

/** Outcomes are posted in batches while the block runs, so the main thread decodes them meanwhile. */
const BATCH = 96

parentPort!.on('message', async (msg: BlockMessage | { type: 'recover' }) => {
  if (msg.type !== 'block') return
  const ctrl = new Int32Array(msg.ctrl)
  const trace = process.env.METIS_EXECUTOR_TRACE !== undefined
  if (trace && msg.postedAt !== undefined)
    console.error(
      `[worker] block arrived ${(performance.timeOrigin + performance.now() - msg.postedAt).toFixed(1)} ms after post`,
    )
  let engine: BlockStmEngine | undefined
  try {
    const base = await baseReader(msg.state)
    // Every finished incarnation is queued with its receipt bloom (hashing the logs here runs on
    // both cores, not on the main thread) and posted in batches; the main thread keeps the
    // highest incarnation of each transaction. Nothing is kept here once posted.
    let pending: [number, ShippedOutcome][] = []
    let shipped = 0
    engine = new BlockStmEngine(
      ctrl,
      msg.arena,
      base,
      executor,
      msg.block,
      (i, o) => pending.push([i, shipOutcome(o, bloomer)]),
      caches,
    )
    const flush = (type: 'part' | 'done') => {
      shipped += pending.length
      const sentAt = trace ? performance.timeOrigin + performance.now() : undefined
      const outcomes = encodeOutcomes(pending)
      port.postMessage({ type, session: msg.session, outcomes, sentAt }, [
        outcomes.bytes.buffer as ArrayBuffer,
      ])
      pending = []
    }
    const t0 = performance.now()
    engine.run(() => {
      if (pending.length >= BATCH) flush('part')
    })
    const runMs = performance.now() - t0
    Atomics.add(ctrl, C_EXITED, 1)
    flush('done')
    if (trace)
      console.error(
        `[worker] run ${runMs.toFixed(1)} ms, last post ${(performance.now() - t0 - runMs).toFixed(1)} ms, ${shipped} outcomes`,
      )
  } catch (err) {
    engine?.sched.abort(1)
    Atomics.add(ctrl, C_EXITED, 1)
    const e = err as Error
    port.postMessage({
      type: 'failed',
      session: msg.session,
      error: { name: e?.name, message: e?.message ?? String(err) },
    })
  }
})
parentPort!.postMessage({ type: 'ready' })
