import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { createNode } from '../src/index.js'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = join(here, '../../..')

async function bundleChild(): Promise<string> {
  const outDir = join(repoRoot, 'node_modules/.cache/metis-sequencer-test')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, `crash-child-${process.pid}.mjs`)
  await build({
    entryPoints: [join(here, 'crash-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@metis-sdk/source'],
    external: ['lmdb', 'hash-wasm', 'secp256k1', 'viem', 'viem/*', 'zod', 'ws', '@noble/*'],
    logLevel: 'error',
  })
  return outfile
}

/** Runs the child until it has printed `minBlocks` blocks, then SIGKILLs it mid-production. */
function runAndKill(script: string, dir: string, minBlocks: number): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    const blocks = new Map<number, string>()
    let buf = ''
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.stdout.on('data', (d) => {
      buf += d
      const lines = buf.split('\n')
      buf = lines.pop()!
      for (const line of lines) {
        const [n, hash] = line.split(' ')
        if (hash) blocks.set(Number(n), hash)
      }
      if (blocks.size >= minBlocks) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(blocks) : reject(new Error(`child exited: ${err}`)),
    )
  })
}

describe('crash safety', () => {
  it('SIGKILL during block production loses no committed block and leaves no half-written one', async () => {
    const script = await bundleChild()
    const dir = mkdtempSync(join(tmpdir(), 'metis-crash-'))
    try {
      for (let round = 0; round < 3; round++) {
        const printed = await runAndKill(script, dir, 5 + round * 7)
        const node = createNode({ dataDir: dir })
        try {
          const head = Number(BigInt(await node.request({ method: 'eth_blockNumber' })))
          const maxPrinted = Math.max(...printed.keys())
          expect(head).toBeGreaterThanOrEqual(maxPrinted)
          for (const [n, hash] of printed) {
            const b = await node.request({
              method: 'eth_getBlockByNumber',
              params: [`0x${n.toString(16)}`, true],
            })
            expect(b.hash).toBe(hash)
          }
          const latest = await node.request({ method: 'eth_getBlockByNumber', params: ['latest', true] })
          // every tx of the head block has its receipt and the state matches the header's root
          for (const tx of latest.transactions)
            expect(
              await node.request({ method: 'eth_getTransactionReceipt', params: [tx.hash] }),
            ).not.toBeNull()
          expect(node.node.db.latestVersion()).toBe(BigInt(head))
          expect(node.node.db.stateRoot()).toBe(latest.stateRoot)
          const nonce = BigInt(
            await node.request({
              method: 'eth_getTransactionCount',
              params: [node.accounts[0]!.address, 'latest'],
            }),
          )
          let txs = 0
          for (let i = 1; i <= head; i++)
            txs +=
              (await node.request({
                method: 'eth_getBlockTransactionCountByNumber',
                params: [`0x${i.toString(16)}`],
              })) === '0x1'
                ? 1
                : 0
          expect(nonce).toBe(BigInt(txs))
        } finally {
          await node.close()
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      rmSync(script, { force: true })
    }
  }, 120_000)
})
