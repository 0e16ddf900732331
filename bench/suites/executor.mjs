// Executor suite: MPEF parallel (Block-STM on worker threads) vs its own sequential mode, on the
// same blocks from the same parent state in the same run. Both modes must produce the same
// receipts root and gas; the parallel figure includes everything a caller pays (hand-off to
// workers, re-executions, assembly), and the parent state is a MemoryState shipped to workers once.
import os from 'node:os'
import { createExecutor, createMemoryState, executeBlockSequential } from '@metis-sdk/executor'
import { useFastKeccak256 } from '@metis-sdk/primitives'
import * as vm from '@metis-sdk/vm'
import { benchBlock, config, genesis } from '../../packages/executor/test/evm-workload.mjs'
import { emit, environment, median, printTable, round } from '../lib/report.mjs'

// Both modes hash with the WebAssembly keccak, as a node does (workers install it themselves).
await useFastKeccak256()
const quick = process.env.BENCH_QUICK === '1'
const REPS = quick ? 3 : 9
const scale = quick ? 0.25 : 1
// ~1 Ggas-scale blocks scaled to fit a few minutes on 2 cores.
const WORKLOADS = [
  ['raw-transfers', 3000],
  ['erc20-transfers', 2000],
  ['amm-many-pools', 2000],
  ['amm-hot-pool', 1000],
  ['dependency-chain', 2000],
]
const cores = os.availableParallelism?.() ?? os.cpus().length
// Parallel configurations: the calling thread executing beside `workers - 1` worker threads (the
// default), and `workers` worker threads with the caller only waiting; 2 threads, and all cores.
const configs = []
for (const threads of [...new Set([2, cores])].filter((t) => t >= 2)) {
  configs.push({ label: `parallel-${threads}t`, workers: threads - 1, callerExecutes: true })
  configs.push({ label: `parallel-${threads}w`, workers: threads, callerExecutes: false })
}

const loadBefore = os.loadavg()[0]
const rows = []
for (const [workload, size] of WORKLOADS) {
  const n = Math.max(16, Math.floor(size * scale))
  const state = createMemoryState(genesis({ users: 2 * n + 2, pools: Math.max(1, n >> 1) }))
  const block = benchBlock(workload, n)
  const seqResult = executeBlockSequential(state, block, { config, vm })
  const gas = Number(seqResult.gasUsed)
  const engines = [{ label: 'sequential', run: () => executeBlockSequential(state, block, { config, vm }) }]
  const executors = []
  try {
    for (const { label, workers, callerExecutes } of configs) {
      const executor = createExecutor({ workers })
      executors.push(executor)
      const options = { config, vm, callerExecutes }
      const check = await executor.executeBlock(state, block, options)
      if (check.receiptsRoot !== seqResult.receiptsRoot || check.gasUsed !== seqResult.gasUsed)
        throw new Error(`${workload}: parallel result differs from sequential`)
      engines.push({ label, executor, run: () => executor.executeBlock(state, block, options) })
    }
    // Same warmup for every engine (a cold sequential loop is slow too), then the engines alternate
    // within each repetition so heap growth and load changes hit all of them alike. Wall time and
    // process CPU time (every thread: main, workers, V8's GC and compiler helpers) per block; no
    // forced GC (see measure() in ../lib/report.mjs).
    for (let w = 0; w < 3; w++) for (const e of engines) await e.run()
    for (const e of engines) {
      e.ms = []
      e.cpu = []
    }
    for (let r = 0; r < REPS; r++) {
      for (const e of engines) {
        const c = process.cpuUsage()
        const t0 = process.hrtime.bigint()
        await e.run()
        e.ms.push(Number(process.hrtime.bigint() - t0) / 1e6)
        const d = process.cpuUsage(c)
        e.cpu.push((d.user + d.system) / 1000)
      }
    }
    const seqMs = median(engines[0].ms)
    for (const e of engines) {
      const ms = median(e.ms)
      const row = {
        suite: 'executor',
        workload,
        txs: n,
        gas,
        engine: e.label,
        median_ms: round(ms),
        min_ms: round(Math.min(...e.ms)),
        max_ms: round(Math.max(...e.ms)),
        cpu_ms: round(median(e.cpu), 1),
        mgas_per_s: round(gas / ms / 1000, 2),
        tx_per_s: round((n / ms) * 1000, 0),
        ratio: round(seqMs / ms, 2),
      }
      const report = e.executor?.lastReport
      if (report)
        row.mode =
          report.mode === 'parallel'
            ? `parallel (${round(report.executionsPerTx ?? 1, 2)} exec/tx)`
            : `sequential: ${report.fallbackReason}${report.error ? ` (${String(report.error).split('\n')[0]})` : ''}`
      rows.push(row)
      emit(row)
    }
  } finally {
    for (const executor of executors) await executor.close()
  }
}
printTable(
  rows.map(({ workload, txs, engine, median_ms, cpu_ms, mgas_per_s, tx_per_s, ratio, mode }) => ({
    workload,
    txs,
    engine,
    median_ms,
    cpu_ms,
    mgas_per_s,
    tx_per_s,
    speedup: ratio,
    mode,
  })),
  `executor: parallel vs sequential (${JSON.stringify({
    ...environment(),
    load1: [round(loadBefore, 2), round(os.loadavg()[0], 2)],
  })})`,
)
