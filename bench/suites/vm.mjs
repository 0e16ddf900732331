// VM suite: MetisVM vs @ethereumjs/evm on the same workloads in the same process run.
// Both engines get senders up front (no signature recovery on either side) and start every
// repetition from the same fresh state; the gas each engine reports is checked to be equal.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { SimpleStateManager } from '@ethereumjs/statemanager'
import { Account as EjsAccount, Address as EjsAddress, hexToBytes as ejsHexToBytes } from '@ethereumjs/util'
import { hexToBytes, useFastKeccak256 } from '@metis-sdk/primitives'
import { emit, environment, measure, printTable, round } from '../lib/report.mjs'
import { compile } from '../lib/solc.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const sharedBench = process.env.METIS_BENCH_DATA ?? join(here, '../../../shared/bench-data')
const quick = process.env.BENCH_QUICK === '1'
const REPS = quick ? 2 : 5

const SENDER = '0x1000000000000000000000000000000000000001'
const TARGET = '0x2000000000000000000000000000000000000002'
const COINBASE = '0x0000000000000000000000000000000000000c0b'
const BLOCK = {
  number: 1n,
  timestamp: 1_700_000_000n,
  coinbase: COINBASE,
  gasLimit: 30_000_000_000n,
  baseFee: 0n,
  prevRandao: `0x${'11'.repeat(32)}`,
  difficulty: 0n,
  excessBlobGas: 0n,
  blobBaseFee: 1n,
  chainId: 1n,
  fork: 'Cancun',
}

// ---------------------------------------------------------------- engines
class MetisEngine {
  name = 'metisvm'
  async reset(accounts) {
    const vm = await import('@metis-sdk/vm')
    this.executeTransaction = vm.executeTransaction
    this.state = new vm.MemoryState()
    this.nonces = new Map()
    for (const a of accounts)
      this.state.set(a.address, { balance: a.balance ?? 0n, code: a.code && hexToBytes(a.code) })
  }
  async tx({ from, to, data = '0x', value = 0n, gas }) {
    const nonce = this.state.getAccount(from)?.nonce ?? 0n
    const tx = {
      type: 0,
      nonce,
      gasPrice: 0n,
      gasLimit: BigInt(gas),
      to: to ?? null,
      value,
      data: hexToBytes(data),
      v: 27n,
      r: 1n,
      s: 1n,
    }
    const r = this.executeTransaction({ state: this.state, block: BLOCK, tx, sender: from })
    this.state.commit(r.diff)
    if (r.status !== 'success') throw new Error(`metisvm tx failed: ${r.status} ${r.haltReason ?? ''}`)
    return { gasUsed: r.gasUsed, createdAddress: r.createdAddress, output: r.output }
  }
}

class EthereumJsEngine {
  name = 'ethereumjs'
  async reset(accounts) {
    const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun })
    this.evm = await createEVM({ common, stateManager: new SimpleStateManager() })
    for (const a of accounts) {
      const addr = EjsAddress.fromString
        ? EjsAddress.fromString(a.address)
        : new EjsAddress(ejsHexToBytes(a.address))
      await this.evm.stateManager.putAccount(addr, new EjsAccount(0n, a.balance ?? 0n))
      if (a.code) await this.evm.stateManager.putCode(addr, ejsHexToBytes(a.code))
    }
  }
  async tx({ from, to, data = '0x', value = 0n, gas }) {
    const caller = new EjsAddress(ejsHexToBytes(from))
    const r = await this.evm.runCall({
      caller,
      origin: caller,
      to: to ? new EjsAddress(ejsHexToBytes(to)) : undefined,
      data: ejsHexToBytes(data),
      value,
      gasLimit: BigInt(gas),
      gasPrice: 0n,
      block: {
        header: {
          number: BLOCK.number,
          timestamp: BLOCK.timestamp,
          coinbase: new EjsAddress(ejsHexToBytes(COINBASE)),
          gasLimit: BLOCK.gasLimit,
          baseFeePerGas: 0n,
          prevRandao: ejsHexToBytes(BLOCK.prevRandao),
          difficulty: 0n,
          getBlobGasPrice: () => 1n,
        },
      },
    })
    if (r.execResult.exceptionError)
      throw new Error(`ethereumjs tx failed: ${r.execResult.exceptionError.error}`)
    // runCall reports execution gas only; add the intrinsic part so both engines count the same gas.
    const intrinsic = intrinsicGas(data, !to)
    return {
      gasUsed: r.execResult.executionGasUsed + intrinsic,
      createdAddress: r.createdAddress ? r.createdAddress.toString() : undefined,
      output: r.execResult.returnValue,
    }
  }
}

function intrinsicGas(data, create) {
  const bytes = hexToBytes(data)
  let gas = 21000n + (create ? 32000n + 2n * BigInt(Math.ceil(bytes.length / 32)) : 0n)
  for (const b of bytes) gas += b === 0 ? 4n : 16n
  return gas
}

// ---------------------------------------------------------------- workloads
const pad32 = (hex) => hex.replace(/^0x/, '').padStart(64, '0')
const word = (n) => pad32(BigInt(n).toString(16))

function snailtracer() {
  const code = `0x${readFileSync(join(sharedBench, 'snailtracer.runtime.hex'), 'utf8').trim().replace(/^0x/, '')}`
  const meta = JSON.parse(readFileSync(join(sharedBench, 'snailtracer.json'), 'utf8'))
  return {
    name: 'snailtracer',
    accounts: [
      { address: SENDER, balance: 10n ** 30n },
      { address: meta.address, code },
    ],
    prepare: async () => {},
    run: async (engine) =>
      engine.tx({ from: SENDER, to: meta.address, data: meta.calldata, gas: 1_000_000_000 }),
  }
}

function erc20(count) {
  const token = compile({
    'BenchToken.sol': `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
contract BenchToken is ERC20 {
  constructor() ERC20("Bench", "BNC") { _mint(msg.sender, 1e30); }
}`,
  }).BenchToken
  const recipients = Array.from(
    { length: count },
    (_, i) => `0x${(0xa000000000n + BigInt(i)).toString(16).padStart(40, '0')}`,
  )
  const calls = recipients.map((to) => `0xa9059cbb${pad32(to)}${word(1000)}`)
  return {
    name: `erc20-transfer x${count}`,
    accounts: [{ address: SENDER, balance: 10n ** 30n }],
    prepare: async (engine) => {
      const r = await engine.tx({ from: SENDER, to: null, data: token.bytecode, gas: 10_000_000 })
      engine.token = r.createdAddress
    },
    run: async (engine) => {
      let gas = 0n
      for (const data of calls)
        gas += (await engine.tx({ from: SENDER, to: engine.token, data, gas: 100_000 })).gasUsed
      return { gasUsed: gas }
    },
  }
}

function valueTransfers(count) {
  const recipients = Array.from(
    { length: count },
    (_, i) => `0x${(0xb000000000n + BigInt(i)).toString(16).padStart(40, '0')}`,
  )
  return {
    name: `value-transfer x${count}`,
    accounts: [{ address: SENDER, balance: 10n ** 30n }],
    prepare: async () => {},
    run: async (engine) => {
      let gas = 0n
      for (const to of recipients)
        gas += (await engine.tx({ from: SENDER, to, value: 1n, gas: 21_000 })).gasUsed
      return { gasUsed: gas }
    },
  }
}

// Hand-assembled loop: counter on the stack; body repeated `unroll` times; decrement; JUMPI back.
function loopCode(iterations, body, unroll = 1, prelude = '') {
  const head = `${prelude}63${iterations.toString(16).padStart(8, '0')}`
  const loopStart = head.length / 2
  if (loopStart > 255) throw new Error('prelude too long')
  return `0x${head}5b${body.repeat(unroll)}600190038060${loopStart.toString(16).padStart(2, '0')}5700`
}

function loopWorkload(name, code, gas = 500_000_000) {
  return {
    name,
    accounts: [
      { address: SENDER, balance: 10n ** 30n },
      { address: TARGET, code },
    ],
    prepare: async () => {},
    run: async (engine) => engine.tx({ from: SENDER, to: TARGET, gas }),
  }
}

const P32 = (hex) => `7f${hex.padStart(64, '0')}`
const A = P32('f00dbabe'.repeat(8))
const B = P32('00000000000000000000000000000000000000000000000000000000deadbeef')
// Loop bodies are stack-neutral; each comment lists the opcodes exercised.
const synthetic = [
  // PUSH1 64 PUSH1 0 KECCAK256 PUSH1 0 MSTORE: hash 64 bytes, chain the hash through memory
  loopWorkload('keccak256 loop', loopCode(200_000, '6040600020600052')),
  // ADD MUL SUB DIV MOD ADDMOD MULMOD POP
  loopWorkload('arith', loopCode(50_000, `${A}${B}01${B}02${B}03${B}04${B}06${B}${B}08${B}${B}0950`, 4)),
  // AND OR XOR NOT SHL SHR SAR BYTE POP
  loopWorkload('bitwise', loopCode(50_000, `${A}${B}16${B}17${B}181960031b60031c60031d601a1a50`, 4)),
  // LT GT SLT SGT EQ ISZERO
  loopWorkload(
    'compare',
    loopCode(50_000, `${A}${B}1050${A}${B}1150${A}${B}1250${A}${B}1350${A}${B}1450${A}1550`, 4),
  ),
  // PUSH1 ×4, DUP4 DUP2 DUP3, SWAP1 SWAP2, POP ×7
  loopWorkload('stack', loopCode(50_000, `60016002600360048381829091${'50'.repeat(7)}`, 8)),
  // MSTORE MLOAD MSTORE8 MLOAD MSIZE
  loopWorkload('memory', loopCode(50_000, `${A}60405260405150${A}600053600051505950`, 8)),
  // SSTORE SLOAD on a warm slot
  loopWorkload('storage (warm)', loopCode(20_000, `${B}60015560015450`, 4)),
  // TSTORE TLOAD
  loopWorkload('transient', loopCode(50_000, `${B}60015d60015c50`, 4)),
  // ADDRESS CALLER CALLVALUE GAS TIMESTAMP NUMBER CHAINID
  loopWorkload('env', loopCode(50_000, '3050335034505a50425043504650', 4)),
]

async function runWorkload(w, engines) {
  const results = []
  for (const engine of engines) {
    const setup = async () => {
      await engine.reset(w.accounts)
      await w.prepare(engine)
    }
    let gasUsed = 0n
    const m = await measure(
      async () => {
        const r = await w.run(engine)
        gasUsed = BigInt(r.gasUsed)
      },
      { warmup: 1, reps: REPS, setup },
    )
    const mgas = Number(gasUsed) / 1e6 / (m.median_ms / 1000)
    results.push({ engine: engine.name, gasUsed, ...m, mgas_per_s: round(mgas, 2) })
  }
  const base = results.find((r) => r.engine === 'ethereumjs')
  for (const r of results) {
    r.ratio = base ? round(base.median_ms / r.median_ms, 2) : undefined
    if (base && r.gasUsed !== base.gasUsed) r.note = `gas differs: ${r.gasUsed} vs ${base.gasUsed}`
  }
  return results
}

// MetisVM runs with its fastest keccak backend (hash-wasm, installed by the primitives package);
// ethereumjs uses its own (@noble/hashes). Set BENCH_DEFAULT_KECCAK=1 to measure the JS default.
const fastKeccak = process.env.BENCH_DEFAULT_KECCAK === '1' ? false : await useFastKeccak256()
const env = environment()
console.log(`metis keccak backend: ${fastKeccak ? 'hash-wasm' : 'default (pure JS)'}`)
console.log(`vm suite — ${env.date}, Node ${env.node}, ${env.cores} cores${quick ? ' (BENCH_QUICK)' : ''}`)
const workloads = [snailtracer(), erc20(10_000), valueTransfers(10_000), ...synthetic]
const only = process.env.BENCH_ONLY
const rows = []
for (const w of workloads) {
  if (only && !w.name.includes(only)) continue
  const engines = [new MetisEngine(), new EthereumJsEngine()].filter(
    (e) => !process.env.BENCH_ENGINES || process.env.BENCH_ENGINES.split(',').includes(e.name),
  )
  const results = await runWorkload(w, engines)
  for (const r of results) {
    const row = {
      workload: w.name,
      engine: r.engine,
      median_ms: r.median_ms,
      min_ms: r.min_ms,
      max_ms: r.max_ms,
      mgas_per_s: r.mgas_per_s,
      'x ethereumjs': r.ratio,
    }
    rows.push(r.note ? { ...row, note: r.note } : row)
    emit({
      suite: 'vm',
      workload: w.name,
      engine: r.engine,
      median_ms: r.median_ms,
      min_ms: r.min_ms,
      max_ms: r.max_ms,
      mgas_per_s: r.mgas_per_s,
      gas: Number(r.gasUsed),
      ratio_vs_ethereumjs: r.ratio,
      ...(r.note ? { note: r.note } : {}),
    })
  }
  printTable(rows.slice(-results.length), w.name)
}
printTable(rows, '\nVM suite summary (ratio = ethereumjs median / engine median)')
