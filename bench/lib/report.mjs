// Shared helpers of the benchmark suites: timing, a printed table and one JSON line per result.
// Every figure a suite reports is meant to be read as a ratio against a peer measured in the same run.
import os from 'node:os'

/**
 * Runs `fn` `warmup` times untimed, then `reps` times timed. `fn` may return a promise. `setup`
 * (untimed) runs before every call and its result is passed to `fn`, so every repetition does the
 * same work on fresh state. Returns milliseconds.
 *
 * No forced GC between repetitions unless `gc: true`: a forced full GC is not neutral. V8 shrinks
 * the young generation after one, so the next allocation-heavy run on that thread pays many more
 * scavenges (a sequential 2,000-tx ERC-20 block here: ~82 ms normally, ~195 ms right after a
 * forced GC), while an engine with a big heap of garbage (ethereumjs's in-memory trie) gets its
 * collection done outside the timed region (statedb update: ethereumjs 2.4 s with a GC before
 * each repetition, 3.5 s without; MetisDB 587 → 458 ms). Steady state, as a running node sees it,
 * is what the suites compare.
 */
export async function measure(fn, { warmup = 1, reps = 5, setup, gc = false } = {}) {
  for (let i = 0; i < warmup; i++) await fn(setup ? await setup() : undefined)
  const samples = []
  for (let i = 0; i < reps; i++) {
    const input = setup ? await setup() : undefined
    if (gc) globalThis.gc?.()
    const t0 = process.hrtime.bigint()
    await fn(input)
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    median_ms: round(median(sorted)),
    min_ms: round(sorted[0]),
    max_ms: round(sorted[sorted.length - 1]),
    samples,
  }
}

/** Median of `xs` (not modified; the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export function round(x, digits = 3) {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Prints one JSON line (prefixed so run.mjs and humans can grep it). */
export function emit(obj) {
  console.log(JSON.stringify(obj))
}

/** Prints rows (array of flat objects) as an aligned text table. */
export function printTable(rows, title) {
  if (title) console.log(`\n${title}`)
  if (rows.length === 0) return
  const cols = Object.keys(rows[0])
  const cell = (v) =>
    v === undefined || v === null ? '' : typeof v === 'number' ? formatNumber(v) : String(v)
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)))
  const line = (vals) => `| ${vals.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`
  console.log(line(cols))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))))
}

function formatNumber(v) {
  if (Number.isInteger(v)) return String(v)
  if (Math.abs(v) >= 100) return v.toFixed(1)
  if (Math.abs(v) >= 1) return v.toFixed(2)
  return v.toPrecision(3)
}

/** Date, Node version and core count, for README tables. */
export function environment() {
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
  }
}
