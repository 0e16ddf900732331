// Trie-root throughput: our pure builder vs @ethereumjs/mpt (insert into an in-memory MPT, then
// read the root), on the same random 32-byte-key / 32-byte-value sets in one run. Rounds alternate
// between the two and the best round of each is kept, so load spikes on a shared machine hurt
// both sides alike.
// Run: npx tsx --conditions=@metis-sdk/source packages/primitives/bench/trie-root.bench.ts [--fast-keccak]
import { randomBytes } from 'node:crypto'
import { cpus } from 'node:os'
import { bytesToHex, secureTrieRoot, stateRoot, trieRoot, useFastKeccak256 } from '@metis-sdk/primitives'

type Entry = [Uint8Array, Uint8Array]
const sizes = [100, 1_000, 10_000]
const ROUNDS = 5

async function round(fn: () => unknown, minMs = 150): Promise<number> {
  let runs = 0
  const start = performance.now()
  while (performance.now() - start < minMs || runs < 2) {
    await fn()
    runs++
  }
  return (performance.now() - start) / runs
}

async function best(fns: (() => unknown)[]): Promise<number[]> {
  const out = fns.map(() => Number.POSITIVE_INFINITY)
  for (let r = 0; r < ROUNDS; r++)
    for (const [i, fn] of fns.entries()) out[i] = Math.min(out[i]!, await round(fn))
  return out
}

const fmt = (n: number) => Math.round(n).toLocaleString('en')

async function main() {
  // `--fast-keccak`: install the hash-wasm backend first (the VM conformance runner can do the same).
  const fast = process.argv.includes('--fast-keccak') && (await useFastKeccak256())
  const { createMPT } = (await import('@ethereumjs/mpt')) as unknown as {
    createMPT: () => Promise<{ put(k: Uint8Array, v: Uint8Array): Promise<void>; root(): Uint8Array }>
  }
  const ethereumjs = async (entries: Entry[]) => {
    const t = await createMPT()
    for (const [k, v] of entries) await t.put(k, v)
    return bytesToHex(t.root())
  }
  console.log(
    `trie root, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, keccak: ${fast ? 'hash-wasm' : 'default (pure JS)'}`,
  )
  console.log(
    '| keys | trieRoot keys/s | secureTrieRoot keys/s | ethereumjs MPT keys/s | trieRoot / ethereumjs |',
  )
  console.log('|---:|---:|---:|---:|---:|')
  for (const n of sizes) {
    const entries: Entry[] = Array.from({ length: n }, () => [randomBytes(32), randomBytes(32)])
    if ((await ethereumjs(entries)) !== trieRoot(entries)) throw new Error('root mismatch vs ethereumjs')
    const [ours, secure, ejs] = await best([
      () => trieRoot(entries),
      () => secureTrieRoot(entries),
      () => ethereumjs(entries),
    ])
    const kps = (ms: number) => n / (ms / 1000)
    console.log(
      `| ${n} | ${fmt(kps(ours!))} | ${fmt(kps(secure!))} | ${fmt(kps(ejs!))} | ${(ejs! / ours!).toFixed(1)}x |`,
    )
  }
  // A typical state-test post state: 5 accounts, 4 storage slots each.
  const accounts = Array.from({ length: 5 }, (_, i) => ({
    address: bytesToHex(randomBytes(20)),
    nonce: BigInt(i),
    balance: 10n ** 18n * BigInt(i + 1),
    codeHash: bytesToHex(randomBytes(32)),
    storage: Array.from({ length: 4 }, (_, j) => [BigInt(j), BigInt(j * 1000 + 1)] as const),
  }))
  const [perRoot] = await best([() => stateRoot(accounts)])
  console.log(`stateRoot (5 accounts x 4 slots): ${(perRoot! * 1000).toFixed(1)} µs per root`)
}
await main()
