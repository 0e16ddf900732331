// Micro-benchmark of the two secp256k1 backends, interleaved in one run (median of rounds; on a
// shared machine the ratio is the meaningful number).
// Run: npx tsx packages/primitives/src/crypto/secp256k1.bench.ts
import { keccak256 } from '../hash/keccak.js'
import { recoverAddress, signHash, useSecp256k1Backend } from './secp256k1.js'

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const hashes = Array.from({ length: 64 }, (_, i) => keccak256(new Uint8Array([i, 1, 2, 3])))
const sigs = hashes.map((h) => signHash(h, KEY))

function time(iterations: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < 20; i++) fn(i) // warm-up
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn(i)
  return Number(process.hrtime.bigint() - start) / 1000 / iterations
}

const backends = (['noble', 'native'] as const).filter((b) => useSecp256k1Backend(b))
const samples: Record<string, number[]> = {}
const record = (name: string, us: number) => {
  samples[name] = [...(samples[name] ?? []), us]
}
for (let round = 0; round < 5; round++) {
  for (const name of backends) {
    useSecp256k1Backend(name)
    const n = name === 'native' ? 2000 : 100
    record(
      `${name} signHash`,
      time(n, (i) => signHash(hashes[i % 64]!, KEY)),
    )
    record(
      `${name} recoverAddress`,
      time(n, (i) => {
        const s = sigs[i % 64]!
        return recoverAddress(hashes[i % 64]!, s.yParity, s.r, s.s)
      }),
    )
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const us = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
for (const [name, v] of Object.entries(us))
  console.log(`${name.padEnd(24)} ${v.toFixed(1).padStart(9)} µs/op`)
if (us['native recoverAddress'] && us['noble recoverAddress'])
  console.log(
    `native speed-up: recover ${(us['noble recoverAddress'] / us['native recoverAddress']).toFixed(1)}x, sign ${(us['noble signHash']! / us['native signHash']!).toFixed(1)}x`,
  )
console.log(JSON.stringify({ bench: 'secp256k1', node: process.version, us }))
