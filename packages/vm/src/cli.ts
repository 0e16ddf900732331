#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Address,
  bytesToHex,
  type Hardfork,
  type Hex,
  hexToBytes,
  MemoryState,
  normalizeHardfork,
} from '@metis-sdk/primitives'
import { Command } from 'commander'
import { executeTransaction } from './execute-transaction.js'
import { createJsonTracer } from './json-tracer.js'
import { runStateTestFile, type StateTestJson } from './state-test/run-state-test.js'

function jsonFiles(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p]
  const out: string[] = []
  for (const name of readdirSync(p).sort()) {
    const q = join(p, name)
    if (statSync(q).isDirectory()) out.push(...jsonFiles(q))
    else if (name.endsWith('.json')) out.push(q)
  }
  return out
}

const program = new Command()
program.name('metis-evm').description('MetisVM command line: run bytecode and GeneralStateTests')

program
  .command('statetest')
  .argument('<paths...>', 'GeneralStateTests JSON files or directories')
  .option('--fork <name>', 'only run this fork')
  .option('--json', 'print one JSON line per case')
  .option('--trace', 'print an EIP-3155 trace to stderr')
  .action((paths: string[], opts: { fork?: string; json?: boolean; trace?: boolean }) => {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const p of paths)
      for (const file of jsonFiles(p)) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StateTestJson>
        const results = runStateTestFile(json, {
          fork: opts.fork,
          tracer: opts.trace ? createJsonTracer() : undefined,
          onSkip: (_f, n) => {
            skipped += n
          },
        })
        for (const r of results) {
          if (r.pass) passed++
          else failed++
          if (opts.json)
            console.log(
              JSON.stringify({
                name: r.name,
                fork: r.fork,
                index: r.index,
                pass: r.pass,
                stateRoot: r.stateRoot,
                logsHash: r.logsHash,
                error: r.error ?? null,
              }),
            )
          else if (!r.pass)
            console.log(
              `FAIL ${r.name} ${r.fork} d${r.index.data}g${r.index.gas}v${r.index.value}: ${r.error}`,
            )
        }
      }
    if (skipped > 0) console.error(`skipped ${skipped} cases of forks before Shanghai`)
    console.log(`${passed} passed, ${failed} failed`)
    process.exitCode = failed > 0 ? 1 : 0
  })

program
  .command('run')
  .requiredOption('--code <hex>', 'bytecode to execute')
  .option('--input <hex>', 'calldata', '0x')
  .option('--gas <n>', 'gas limit', '10000000')
  .option('--fork <name>', 'hardfork', 'Prague')
  .option('--trace', 'print an EIP-3155 trace to stderr')
  .action((opts: { code: string; input: string; gas: string; fork: string; trace?: boolean }) => {
    const fork = normalizeHardfork(opts.fork)
    if (fork === undefined) {
      console.error(`unknown fork ${opts.fork}`)
      process.exitCode = 2
      return
    }
    const hex = (s: string) => (s.startsWith('0x') ? s : `0x${s}`) as Hex
    const sender: Address = '0x1000000000000000000000000000000000000001'
    const target: Address = '0x2000000000000000000000000000000000000002'
    const state = new MemoryState()
    state.set(sender, { balance: 10n ** 30n })
    state.set(target, { code: hexToBytes(hex(opts.code)) })
    const gas = BigInt(opts.gas)
    const r = executeTransaction({
      state,
      block: {
        number: 1n,
        timestamp: 1n,
        coinbase: '0x0000000000000000000000000000000000000000',
        gasLimit: gas > 30_000_000n ? gas : 30_000_000n,
        baseFee: 0n,
        prevRandao: `0x${'00'.repeat(32)}`,
        difficulty: 0n,
        excessBlobGas: 0n,
        blobBaseFee: 1n,
        chainId: 1n,
        fork: fork as Hardfork,
      },
      sender,
      tx: {
        type: 0,
        nonce: 0n,
        gasPrice: 0n,
        gasLimit: gas,
        to: target,
        value: 0n,
        data: hexToBytes(hex(opts.input)),
        v: 27n,
        r: 0n,
        s: 0n,
      },
      tracer: opts.trace ? createJsonTracer() : undefined,
    })
    console.log(`output: ${bytesToHex(r.output)}`)
    console.log(`gasUsed: ${r.gasUsed}`)
    console.log(`status: ${r.status}${r.haltReason ? ` (${r.haltReason})` : ''}`)
  })

program.parse()
