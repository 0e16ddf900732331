// End-to-end node throughput: N pre-signed ERC-20 transfers pushed through eth_sendRawTransaction
// over HTTP (batched) into a node mining on an interval, timed until every receipt is available.
// The same workload runs against Hardhat's node (EDR, in-process JSON-RPC server over HTTP) in the
// same process run, repetitions alternating between the two, so the ratio is meaningful on a shared
// machine.
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import {
  bytesToHex,
  encodeTransaction,
  keccak256,
  privateKeyToAddress,
  signTransaction,
  transactionHash,
} from '@metis-sdk/primitives'
import { emit, median, printTable, round } from '../lib/report.mjs'

// NODE_BENCH_SEQUENCER=<path to a built dist/index.js> runs another build of the node (A/B runs).
const { createNode } = await import(process.env.NODE_BENCH_SEQUENCER ?? '@metis-sdk/sequencer')
const N = Number(process.env.NODE_BENCH_TXS ?? 2000)
const SENDERS = 100
const REPS = Number(process.env.NODE_BENCH_REPS ?? 5)
const BATCH = 500
const INTERVAL_MS = 100
const GAS_LIMIT = 60_000_000n
const CHAIN_ID = 31337n
const artifact = JSON.parse(
  readFileSync(new URL('../../packages/sequencer/test/fixtures/TestToken.json', import.meta.url), 'utf8'),
)

const keys = Array.from({ length: SENDERS + 1 }, (_, i) =>
  bytesToHex(keccak256(new TextEncoder().encode(`metis-bench-${i}`))),
)
const addresses = keys.map((k) => privateKeyToAddress(k).toLowerCase())
const deployer = 0
const pad = (hex) => hex.replace(/^0x/, '').padStart(64, '0')
const FEES = { maxFeePerGas: 100_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }

function sign(keyIndex, nonce, to, data, gasLimit) {
  const tx = signTransaction(
    { type: 2, chainId: CHAIN_ID, nonce, ...FEES, gasLimit, to, value: 0n, data, accessList: [] },
    keys[keyIndex],
  )
  return { raw: bytesToHex(encodeTransaction(tx)), hash: transactionHash(tx), sender: keyIndex }
}
const hexToBytes = (h) => Uint8Array.from(Buffer.from(h.slice(2), 'hex'))
const transferData = (to, amount) => hexToBytes(`0xa9059cbb${pad(to)}${pad(amount.toString(16))}`)
const mintData = (to, amount) => hexToBytes(`0x40c10f19${pad(to)}${pad(amount.toString(16))}`)

/** CPU time (ms) of the main thread (Linux: /proc) and of the whole process (all threads). */
function cpuNow() {
  let main
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ')
    main = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, USER_HZ = 100
  } catch {
    main = Number.NaN
  }
  const u = process.cpuUsage()
  return { main, all: (u.user + u.system) / 1000 }
}
// NODE_BENCH_TIMELINE=1 prints, per timed repetition, when each batch was answered, when each block
// started and ended (metis: from the node's own hooks) and when the last receipt was seen.
const TIMELINE = Boolean(process.env.NODE_BENCH_TIMELINE)
let timeline = []
let timelineT0 = 0n
const mark = (what) => {
  if (TIMELINE) timeline.push([Number(process.hrtime.bigint() - timelineT0) / 1e6, what])
}
function printTimeline(engine) {
  if (!TIMELINE) return
  console.error(`-- ${engine} timeline (ms since the first send)`)
  for (const [t, what] of timeline) console.error(`${t.toFixed(1).padStart(8)}  ${what}`)
  timeline = []
}

async function rpc(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return res.json()
}

/** Sends raw txs in batches, then polls receipts until all exist; returns total gas used. */
async function pushAndWait(url, txs) {
  globalThis.__t0 = Date.now()
  timeline = []
  timelineT0 = process.hrtime.bigint()
  for (let i = 0; i < txs.length; i += BATCH) {
    const batch = txs
      .slice(i, i + BATCH)
      .map((t, j) => ({ jsonrpc: '2.0', id: i + j, method: 'eth_sendRawTransaction', params: [t.raw] }))
    const out = await rpc(url, batch)
    const failed = out.find((r) => r.error)
    if (failed) throw new Error(`send failed: ${JSON.stringify(failed.error)}`)
    mark(`batch ${i / BATCH} answered`)
  }
  if (process.env.NODE_BENCH_DEBUG) console.error('sent', Date.now() - globalThis.__t0)
  // Poll only each sender's last transaction (its receipt implies the earlier nonces are mined),
  // then read every receipt once to check status and sum the gas.
  const last = new Map()
  for (const t of txs) last.set(t.sender, t.hash)
  let pending = [...last.values()]
  let polls = 0
  while (pending.length > 0) {
    polls++
    const out = await rpc(
      url,
      pending.map((h, j) => ({ jsonrpc: '2.0', id: j, method: 'eth_getTransactionReceipt', params: [h] })),
    )
    out.sort((a, b) => a.id - b.id)
    pending = pending.filter((_, j) => !out[j].result)
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 10))
  }
  mark(`all receipts seen (${polls} polls)`)
  if (process.env.NODE_BENCH_DEBUG) console.error('mined', Date.now() - globalThis.__t0)
  let gas = 0n
  for (let i = 0; i < txs.length; i += 1000) {
    const chunk = txs.slice(i, i + 1000)
    const out = await rpc(
      url,
      chunk.map((t, j) => ({ jsonrpc: '2.0', id: j, method: 'eth_getTransactionReceipt', params: [t.hash] })),
    )
    for (const r of out) {
      if (r.result?.status !== '0x1') throw new Error(`tx failed or missing: ${JSON.stringify(r)}`)
      gas += BigInt(r.result.gasUsed)
    }
  }
  mark('every receipt read back')
  return gas
}

/** Deploys the token and funds every sender with tokens (untimed). Returns the token address. */
async function setupToken(url) {
  const deploy = sign(
    deployer,
    0n,
    null,
    hexToBytes(artifact.bytecode + pad((10n ** 30n).toString(16))),
    3_000_000n,
  )
  await pushAndWait(url, [deploy])
  const receipt = (
    await rpc(url, { jsonrpc: '2.0', id: 1, method: 'eth_getTransactionReceipt', params: [deploy.hash] })
  ).result
  const token = receipt.contractAddress
  const mints = addresses
    .slice(1)
    .map((a, i) => sign(deployer, BigInt(i + 1), token, mintData(a, 10n ** 24n), 200_000n))
  await pushAndWait(url, mints)
  return token
}

/** Deploys the token on `url` and returns the engine's state for repetitions of the workload. */
async function prepareEngine(engine, url) {
  const token = await setupToken(url)
  const nonces = new Array(SENDERS + 1).fill(0n)
  const perSender = Math.ceil(N / SENDERS)
  const workload = () => {
    const txs = []
    for (let k = 0; k < perSender; k++)
      for (let s = 1; s <= SENDERS && txs.length < N; s++) {
        const to = addresses[((s + k) % SENDERS) + 1]
        txs.push(sign(s, nonces[s]++, token, transferData(to, 1n + BigInt(k)), 100_000n))
      }
    return txs
  }
  return { engine, url, workload, samples: [], cpu: [], gas: 0n }
}

const setInterval_ = (url, ms) =>
  rpc(url, { jsonrpc: '2.0', id: 1, method: 'evm_setIntervalMining', params: [ms] })

/**
 * One repetition on engine `e` (fresh pre-signed workload, timed until every receipt).
 * Only the engine being measured mines: the other one's interval mining is off, so its empty
 * blocks do not take CPU from the measured one; each engine's interval restarts just before its
 * repetition (same tick phase for both).
 */
async function repetition(e, timed) {
  const txs = e.workload()
  // No forced GC between repetitions: V8 shrinks the young generation after one, so the next
  // repetition of the JavaScript node would start from a heap state a running node never has
  // (see measure() in ../lib/report.mjs), while Hardhat's EDR does its work in native code.
  await setInterval_(e.url, INTERVAL_MS)
  const c0 = cpuNow()
  const t0 = process.hrtime.bigint()
  const gas = await pushAndWait(e.url, txs)
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const c1 = cpuNow()
  await setInterval_(e.url, 0)
  printTimeline(e.engine)
  if (!timed) return
  e.samples.push(ms)
  e.cpu.push({ main: c1.main - c0.main, all: c1.all - c0.all })
  e.gas = gas
}

function summary(e) {
  const sorted = [...e.samples].sort((a, b) => a - b)
  const med = median(sorted)
  const gas = Number(e.gas)
  return {
    suite: 'node',
    workload: `erc20-transfer x${N} (http batch ${BATCH}, interval ${INTERVAL_MS} ms)`,
    engine: e.engine,
    median_ms: round(med),
    min_ms: round(sorted[0]),
    max_ms: round(sorted[sorted.length - 1]),
    tx_per_s: round(N / (med / 1000), 1),
    mgas_per_s: round(gas / 1e6 / (med / 1000), 2),
    // CPU per repetition, less sensitive to other processes than wall time: the main thread (node +
    // the bench client) and the whole process (plus workers / native threads).
    main_cpu_ms: round(median(e.cpu.map((c) => c.main)), 0),
    cpu_ms: round(median(e.cpu.map((c) => c.all)), 0),
  }
}

const alloc = Object.fromEntries(addresses.map((a) => [a, { balance: 10n ** 24n }]))

async function metis() {
  const node = createNode({
    chainId: CHAIN_ID,
    accounts: 0,
    alloc,
    blockGasLimit: GAS_LIMIT,
    mining: { mode: 'interval', intervalMs: INTERVAL_MS },
    mempool: { maxPerSender: 1000, maxTotal: 50_000 },
    workers: Number(process.env.NODE_BENCH_WORKERS ?? 0),
  })
  const server = await node.listen({ port: 0 })
  if (TIMELINE) {
    const inner = node.node
    const produce = inner.produceBlock.bind(inner)
    // Main-thread ms of the block's phases (execute, MetisDB commit, chain-store write).
    const phase = { exec: 0, commit: 0, store: 0 }
    const timed = (obj, name, key) => {
      const fn = obj[name].bind(obj)
      obj[name] = (...a) => {
        const t = performance.now()
        const r = fn(...a)
        if (r instanceof Promise)
          return r.finally(() => {
            phase[key] += performance.now() - t
          })
        phase[key] += performance.now() - t
        return r
      }
    }
    timed(inner, 'executeBlock', 'exec')
    timed(inner.db, 'commit', 'commit')
    timed(inner.chain, 'putBlock', 'store')
    inner.produceBlock = async () => {
      mark(`block start (pool ${inner.pool.size})`)
      phase.exec = phase.commit = phase.store = 0
      const b = await produce()
      const ph = Object.entries(phase).map(([k, v]) => `${k} ${v.toFixed(1)}`)
      mark(`block ${BigInt(b.header.number)} end: ${b.txHashes.length} txs (${ph.join(', ')})`)
      return b
    }
  }
  return { url: server.url, close: () => node.close() }
}

// Hardhat 2's node (EDR): Hardhat 3 ships its native EDR binary only for Node >= 22, so the bench pins
// Hardhat 2, whose EDR supports Node 20, and serves its provider over HTTP with Hardhat's own server.
async function hardhat() {
  process.env.HARDHAT_CONFIG = fileURLToPath(new URL('../lib/hardhat.config.cjs', import.meta.url))
  process.env.METIS_BENCH_HARDHAT = JSON.stringify({
    chainId: Number(CHAIN_ID),
    hardfork: 'prague',
    allowBlocksWithSameTimestamp: true,
    blockGasLimit: Number(GAS_LIMIT),
    accounts: keys.map((privateKey) => ({ privateKey, balance: (10n ** 24n).toString() })),
    mining: { auto: false, interval: INTERVAL_MS, mempool: { order: 'priority' } },
  })
  const hre = (await import('hardhat')).default
  const { JsonRpcServer } = await import('hardhat/internal/hardhat-network/jsonrpc/server.js')
  const server = new JsonRpcServer({ hostname: '127.0.0.1', port: 0, provider: hre.network.provider })
  const { address, port } = await server.listen()
  return { url: `http://${address}:${port}`, close: () => server.close() }
}

// Both nodes run in this process; their repetitions alternate (metis first on even reps, Hardhat
// first on odd ones), so a change in the machine's load hits both engines alike.
const started = [['metis', await metis()]]
if (!process.env.NODE_BENCH_ONLY_METIS) {
  try {
    started.push(['hardhat-edr', await hardhat()])
  } catch (err) {
    console.error(`hardhat node unavailable: ${err?.message ?? err}`)
  }
}
const engines = []
for (const [name, s] of started) {
  engines.push(await prepareEngine(name, s.url))
  await setInterval_(s.url, 0)
}
for (const e of engines) await repetition(e, false) // warm-up
for (let i = 0; i < REPS; i++)
  for (const e of i % 2 === 0 ? engines : [...engines].reverse()) await repetition(e, true)
const rows = engines.map(summary)
if (rows.length > 1) {
  const peer = rows[1]
  rows[0].ratio = round(peer.median_ms / rows[0].median_ms, 2)
  rows[0].cpu_ratio = round(peer.cpu_ms / rows[0].cpu_ms, 2)
}
for (const e of engines)
  console.log(`${e.engine} repetitions (ms, in order): ${e.samples.map((x) => x.toFixed(0)).join(' ')}`)
const load = os.loadavg().map((l) => l.toFixed(2))
console.log(`load average ${load.join(' ')}, ${os.availableParallelism()} cores, Node ${process.version}`)
printTable(rows)
for (const r of rows) emit(r)
for (const [, s] of started) await s.close()
process.exit(0)
