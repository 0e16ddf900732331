import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Address } from '@metis-sdk/primitives'
import { KECCAK256_EMPTY } from '@metis-sdk/primitives'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleForTest } from '../internal/bundle-for-test.js'
import { CRASH_ACCOUNTS, crashAddr, crashDiff } from '../internal/crash-workload.js'
import { rng, tempDir } from '../internal/test-utils.js'
import { openStateDB } from './openStateDB.js'
import type { MetisDB } from './types.js'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
let workerJs = ''
let childJs = ''
beforeAll(async () => {
  workerJs = await bundleForTest(here('../internal/worker-reader.ts'))
  childJs = await bundleForTest(here('../internal/crash-child.ts'))
})

const addr = (i: number) => `0x${(0xabc000 + i).toString(16).padStart(40, '0')}` as Address

describe('worker threads', () => {
  it('a readOnly reader in a worker sees a stable snapshot while the main thread commits', async () => {
    const dir = tempDir()
    const db = openStateDB({ path: dir.path })
    const addresses = Array.from({ length: 50 }, (_, i) => addr(i))
    const commitRound = (v: number) =>
      db.commit({
        accounts: new Map(
          addresses.map((a, i) => [
            a,
            {
              account: { nonce: BigInt(v), balance: BigInt(v * 1000 + i), codeHash: KECCAK256_EMPTY },
              storageCleared: false,
              storage: new Map([[1n, BigInt(v + 1)]]),
            },
          ]),
        ),
      })
    for (let v = 0; v < 5; v++) commitRound(v)
    const expected = addresses.map((_, i) => `${4 * 1000 + i}:5`).join(',')
    const worker = new Worker(workerJs, {
      workerData: { path: dir.path, version: '4', addresses, rounds: 400 },
    })
    const done = new Promise<{ mismatches: number; last: string; latest: string }>((resolve, reject) => {
      worker.on('message', (m) => {
        if (m.kind === 'done') resolve(m)
        else expect(m.first).toBe(expected)
      })
      worker.on('error', reject)
    })
    // Commit while the worker reads (each commit yields to the event loop so the worker runs too).
    for (let v = 5; v < 60; v++) {
      commitRound(v)
      await new Promise((r) => setImmediate(r))
    }
    const res = await done
    expect(res.mismatches).toBe(0)
    expect(res.last).toBe(expected)
    expect(Number(res.latest)).toBeGreaterThanOrEqual(5)
    await worker.terminate()
    db.close()
    dir.cleanup()
  })
})

/** Kills the child `killAfterMs` after it is ready, or (afterCommit) after its first commit. */
function runChild(
  path: string,
  killAfterMs: number,
  afterCommit: boolean,
): Promise<{ started: number; lastCommitted: number }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [childJs, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout!.on('data', (d) => {
      out += d
      if (timer === undefined && out.includes(afterCommit ? 'c ' : 'ready'))
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.stderr!.on('data', (d) => {
      err += d
    })
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited without being killed: ${err}`))
      else {
        const commits = [...out.matchAll(/c (\d+)/g)]
        resolve({
          started: Number(/ready (\d+)/.exec(out)?.[1] ?? -1),
          lastCommitted: commits.length ? Number(commits[commits.length - 1]![1]) : -1,
        })
      }
    })
  })
}

describe('crash safety', () => {
  it('after SIGKILL at random points the database is at the last committed version, intact', async () => {
    const dir = tempDir()
    const refDir = tempDir()
    const ref = openStateDB({ path: refDir.path, noSync: true, historyVersions: 100_000 })
    const roots: string[] = []
    const advanceRef = (to: number) => {
      while (roots.length <= to)
        roots.push(ref.commit(crashDiff(roots.length), { blockNumber: BigInt(roots.length) }).stateRoot)
    }
    const rand = rng(99)
    const iterations = 30
    let prevLatest = -1
    for (let it = 0; it < iterations; it++) {
      // Half the kills land at a random time after start-up, half after at least one commit (so the
      // database makes progress even on a loaded machine); commits take a few ms, so kills hit
      // every phase: between commits, inside the trie work, inside the LMDB write transaction.
      const { started, lastCommitted } = await runChild(dir.path, Math.floor(rand() * 300), it % 2 === 1)
      if (process.env.DEBUG_CRASH) console.log(it, started, lastCommitted)
      expect(started).toBe(prevLatest + 1)
      let db: MetisDB | undefined
      try {
        db = openStateDB({ path: dir.path, historyVersions: 64 })
        const latest = Number(db.latestVersion())
        expect(latest).toBeGreaterThanOrEqual(prevLatest)
        // every commit that returned survived; at most the one in flight when killed is added
        if (lastCommitted >= 0) expect(latest).toBeGreaterThanOrEqual(lastCommitted)
        expect(latest).toBeLessThanOrEqual(Math.max(lastCommitted, prevLatest) + 1)
        advanceRef(latest)
        if (latest >= 0) {
          expect(db.stateRoot()).toBe(roots[latest])
          // the flat tables agree with the trie: no half-applied block
          expect((db as unknown as { computeRootFromScratch(): string }).computeRootFromScratch()).toBe(
            roots[latest],
          )
          // history reads at older versions equal the reference at those versions
          const old = BigInt(Math.max(Number(db.oldestVersion()), latest - 5))
          const r = db.reader(old)
          const rr = ref.reader(old)
          for (let i = 0; i < CRASH_ACCOUNTS; i += 37) {
            expect(r.getAccount(crashAddr(i))).toEqual(rr.getAccount(crashAddr(i)))
            expect(r.getStorage(crashAddr(i), 3n)).toBe(rr.getStorage(crashAddr(i), 3n))
          }
          expect(db.stateRoot(old)).toBe(roots[Number(old)])
        }
        prevLatest = latest
      } finally {
        db?.close()
      }
    }
    expect(prevLatest).toBeGreaterThanOrEqual(iterations / 2 - 1) // commits did happen between kills
    ref.close()
    dir.cleanup()
    refDir.cleanup()
  }, 300_000)
})
