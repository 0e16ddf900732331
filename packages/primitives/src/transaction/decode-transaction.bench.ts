// Decode + hash throughput against viem, side by side in one run.
// Run: npx tsx packages/primitives/src/transaction/decode-transaction.bench.ts
import { parseTransaction, keccak256 as viemKeccak } from 'viem'
import { bytesToHex } from '../encoding/hex.js'
import { decodeTransaction } from './decode-transaction.js'
import { encodeTransaction } from './encode-transaction.js'
import { signTransaction } from './sign-transaction.js'
import { transactionHash } from './transaction-hash.js'

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const to = '0x095e7baea6a6c7c4c2dfeb977efac326af552d87'
const raws = Array.from({ length: 64 }, (_, i) =>
  bytesToHex(
    encodeTransaction(
      signTransaction(
        {
          type: 2,
          chainId: 1n,
          nonce: BigInt(i),
          maxPriorityFeePerGas: 1_000_000_000n,
          maxFeePerGas: 30_000_000_000n,
          gasLimit: 100_000n,
          to,
          value: 10n ** 18n + BigInt(i),
          data: new Uint8Array(68).fill(i),
          accessList: [{ address: to, storageKeys: [`0x${'11'.repeat(32)}`] }],
        },
        KEY,
      ),
    ),
  ),
)

function time(iterations: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(i)
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn(i)
  return Number(process.hrtime.bigint() - start) / 1000 / iterations
}

// Interleaved rounds, median per case: on a shared machine the ratio is what is meaningful.
const cases: Record<string, (i: number) => unknown> = {
  'metis decodeTransaction': (i) => decodeTransaction(raws[i % 64]!),
  'viem parseTransaction': (i) => parseTransaction(raws[i % 64]!),
  'metis decode + transactionHash': (i) => transactionHash(decodeTransaction(raws[i % 64]!)),
  'viem parse + keccak256(raw)': (i) => {
    parseTransaction(raws[i % 64]!)
    return viemKeccak(raws[i % 64]!)
  },
}
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (let round = 0; round < 7; round++)
  for (const [name, fn] of Object.entries(cases)) samples[name]!.push(time(10_000, fn))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const us = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
for (const [name, v] of Object.entries(us))
  console.log(`${name.padEnd(34)} ${v.toFixed(2).padStart(8)} µs/op`)
const decodeRatio = us['viem parseTransaction']! / us['metis decodeTransaction']!
const hashRatio = us['viem parse + keccak256(raw)']! / us['metis decode + transactionHash']!
console.log(`decode speed-up vs viem: ${decodeRatio.toFixed(1)}x; decode+hash: ${hashRatio.toFixed(1)}x`)
console.log(
  JSON.stringify({ bench: 'decode-transaction', node: process.version, us, decodeRatio, hashRatio }),
)
