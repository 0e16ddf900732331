// Executor suite: MPEF parallel (Block-STM on worker threads) vs its own sequential mode, on the
// same blocks from the same parent state in the same run. Both modes must produce the same
// receipts root and gas; the parallel figure includes everything a caller pays (hand-off to
// workers, re-executions, assembly), and the parent state is a MemoryState shipped to workers once.
import os from 'node:os'
import { createExecutor, createMemoryState, executeBlockSequential } from '@metis-sdk/executor'
import { useFastKeccak256 } from '@metis-sdk/primitives'
import * as vm from '@metis-sdk/vm'
import { benchBlock, config, genesis } from '../../packages/executor/test/evm-workload.mjs'
import { emit, environment, measure, printTable, round } from '../lib/report.mjs'

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

/**
 * Wraps `fn` to record the process CPU time (every thread: main, workers, V8's GC and compiler
 * helpers) of each call; `cpu.median()` is the median over the last `reps` calls (the timed ones).
 * CPU time shows what a mode costs in total, which wall time on a 2-core machine hides.
 */
function withCpu(fn) {
  const samples = []
  const wrapped = async () => {
    const c = process.cpuUsage()
    await fn()
    const d = process.cpuUsage(c)
    samples.push((d.user + d.system) / 1000)
  }
  wrapped.median = () => {
    const s = samples.slice(-REPS).sort((a, b) => a - b)
    return round(s[s.length >> 1], 1)
  }
  return wrapped
}

const loadBefore = os.loadavg()[0]
const rows = []
for (const [workload, size] of WORKLOADS) {
  const n = Math.max(16, Math.floor(size * scale))
  const state = createMemoryState(genesis({ users: 2 * n + 2, pools: Math.max(1, n >> 1) }))
  const block = benchBlock(workload, n)
  const seqResult = executeBlockSequential(state, block, { config, vm })
  const gas = Number(seqResult.gasUsed)
  // Both modes get the same warmup, enough for the JIT to settle (a cold sequential loop is slow).
  const seqRun = withCpu(() => executeBlockSequential(state, block, { config, vm }))
  const seq = await measure(seqRun, {
    gc: false,
    warmup: 3,
    reps: REPS,
  })
  const base = { suite: 'executor', workload, txs: n, gas }
  const seqRow = {
    ...base,
    engine: 'sequential',
    median_ms: seq.median_ms,
    min_ms: seq.min_ms,
    max_ms: seq.max_ms,
  }
  seqRow.mgas_per_s = round(gas / seq.median_ms / 1000, 2)
  seqRow.tx_per_s = round((n / seq.median_ms) * 1000, 0)
  seqRow.ratio = 1
  seqRow.cpu_ms = seqRun.median()
  rows.push(seqRow)
  emit(seqRow)
  for (const { label, workers, callerExecutes } of configs) {
    const executor = createExecutor({ workers })
    const options = { config, vm, callerExecutes }
    try {
      const check = await executor.executeBlock(state, block, options)
      if (check.receiptsRoot !== seqResult.receiptsRoot || check.gasUsed !== seqResult.gasUsed)
        throw new Error(`${workload}: parallel result differs from sequential`)
      const parRun = withCpu(() => executor.executeBlock(state, block, options))
      const par = await measure(parRun, {
        gc: false,
        warmup: 3,
        reps: REPS,
      })
      const report = executor.lastReport
      const row = {
        ...base,
        engine: label,
        median_ms: par.median_ms,
        min_ms: par.min_ms,
        max_ms: par.max_ms,
      }
      row.mgas_per_s = round(gas / par.median_ms / 1000, 2)
      row.tx_per_s = round((n / par.median_ms) * 1000, 0)
      row.ratio = round(seq.median_ms / par.median_ms, 2)
      row.cpu_ms = parRun.median()
      row.mode =
        report?.mode === 'parallel'
          ? `parallel (${round(report.executionsPerTx ?? 1, 2)} exec/tx)`
          : `sequential: ${report?.fallbackReason}${report?.error ? ` (${String(report.error).split('\n')[0]})` : ''}`
      rows.push(row)
      emit(row)
    } finally {
      await executor.close()
    }
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
