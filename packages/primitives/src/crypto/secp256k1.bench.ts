// Micro-benchmark of the two secp256k1 backends, side by side in one run.
// Run: npx tsx packages/primitives/src/crypto/secp256k1.bench.ts
import { keccak256 } from '../hash/keccak.js'
import { recoverAddress, secp256k1BackendName, signHash, useSecp256k1Backend } from './secp256k1.js'

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const hashes = Array.from({ length: 64 }, (_, i) => keccak256(new Uint8Array([i, 1, 2, 3])))

function time(label: string, iterations: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(iterations, 50); i++) fn(i) // warm-up
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn(i)
  const us = Number(process.hrtime.bigint() - start) / 1000 / iterations
  console.log(`${label.padEnd(24)} ${us.toFixed(1).padStart(9)} µs/op`)
  return us
}

const results: Record<string, number> = {}
for (const name of ['noble', 'native'] as const) {
  if (!useSecp256k1Backend(name)) {
    console.log(`${name}: not available`)
    continue
  }
  const sigs = hashes.map((h) => signHash(h, KEY))
  const n = name === 'native' ? 5000 : 300
  results[`${name} sign`] = time(`${secp256k1BackendName()} signHash`, n, (i) =>
    signHash(hashes[i % 64]!, KEY),
  )
  results[`${name} recover`] = time(`${secp256k1BackendName()} recoverAddress`, n, (i) => {
    const s = sigs[i % 64]!
    return recoverAddress(hashes[i % 64]!, s.yParity, s.r, s.s)
  })
}
if (results['native recover'] && results['noble recover'])
  console.log(
    `recover speed-up native/noble: ${(results['noble recover'] / results['native recover']).toFixed(1)}x`,
  )
console.log(JSON.stringify({ bench: 'secp256k1', node: process.version, results }))
