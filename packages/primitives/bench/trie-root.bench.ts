// Trie-root throughput: our pure builder vs @ethereumjs/trie (insert into an in-memory MPT, then
// read the root), on the same random 32-byte-key / 32-byte-value sets in one run.
// Run: npx tsx --conditions=@metis-sdk/source packages/primitives/bench/trie-root.bench.ts
import { randomBytes } from 'node:crypto'
import { cpus } from 'node:os'
import { bytesToHex, secureTrieRoot, stateRoot, trieRoot } from '@metis-sdk/primitives'

type Entry = [Uint8Array, Uint8Array]
const sizes = [100, 1_000, 10_000]

function time(fn: () => unknown, minMs = 400): number {
  fn()
  let runs = 0
  const start = performance.now()
  while (performance.now() - start < minMs) {
    fn()
    runs++
  }
  return (performance.now() - start) / runs
}

async function main() {
  let ethereumjs: ((entries: Entry[]) => Promise<string>) | undefined
  try {
    const { createMPT } = (await import('@ethereumjs/mpt')) as unknown as {
      createMPT: (
        o?: object,
      ) => Promise<{ put(k: Uint8Array, v: Uint8Array): Promise<void>; root(): Uint8Array }>
    }
    ethereumjs = async (entries) => {
      const t = await createMPT()
      for (const [k, v] of entries) await t.put(k, v)
      return bytesToHex(t.root())
    }
  } catch {}
  console.log(
    `trie root, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores`,
  )
  console.log('| keys | trieRoot keys/s | secureTrieRoot keys/s | ethereumjs MPT keys/s | ratio |')
  console.log('|---:|---:|---:|---:|---:|')
  for (const n of sizes) {
    const entries: Entry[] = Array.from({ length: n }, () => [randomBytes(32), randomBytes(32)])
    const ours = time(() => trieRoot(entries))
    const secure = time(() => secureTrieRoot(entries))
    let ejsKps = Number.NaN
    if (ethereumjs) {
      const expect = trieRoot(entries)
      if ((await ethereumjs(entries)) !== expect) throw new Error('root mismatch vs ethereumjs')
      let runs = 0
      const start = performance.now()
      while (performance.now() - start < 400 || runs < 2) {
        await ethereumjs(entries)
        runs++
      }
      ejsKps = n / ((performance.now() - start) / runs / 1000)
    }
    const kps = n / (ours / 1000)
    console.log(
      `| ${n} | ${Math.round(kps).toLocaleString('en')} | ${Math.round(n / (secure / 1000)).toLocaleString('en')} | ${Number.isNaN(ejsKps) ? 'n/a' : Math.round(ejsKps).toLocaleString('en')} | ${Number.isNaN(ejsKps) ? '' : `${(kps / ejsKps).toFixed(1)}x`} |`,
    )
  }
  // A typical state-test post state: 5 accounts, a few storage slots each.
  const accounts = Array.from({ length: 5 }, (_, i) => ({
    address: bytesToHex(randomBytes(20)),
    nonce: BigInt(i),
    balance: 10n ** 18n * BigInt(i + 1),
    codeHash: bytesToHex(randomBytes(32)),
    storage: Array.from({ length: 4 }, (_, j) => [BigInt(j), BigInt(j * 1000 + 1)] as const),
  }))
  const perRoot = time(() => stateRoot(accounts))
  console.log(`stateRoot (5 accounts x 4 slots): ${(perRoot * 1000).toFixed(1)} µs per root`)
}
await main()
