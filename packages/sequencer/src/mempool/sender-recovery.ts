import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import {
  type Address,
  decodeTransaction,
  type Hash,
  keccak256Hex,
  recoverSender,
  transactionHash,
} from '@metis-sdk/primitives'

/** What a recovery worker answers: per raw transaction its sender and hash, or why there is none. */
export type RecoveryAnswer = {
  id: number
  senders: (string | null)[]
  hashes: (string | null)[]
  errors: (string | undefined)[]
}

/** A recovered transaction: its sender and its hash (both computed off the main thread). */
export type Recovered = { sender: Address; hash: Hash }

type Detailed = { senders: (Address | null)[]; hashes: (Hash | null)[]; errors: (string | undefined)[] }

type Pending = { resolve: (answer: RecoveryAnswer | undefined) => void; worker: Worker }

/**
 * Recovers the senders of raw transactions on worker threads, so the main thread (JSON-RPC,
 * mempool, block production) never spends the ~0.2 ms of secp256k1 recovery per transaction.
 * A batch is split evenly over the workers; a single transaction goes to the least busy worker at
 * once (no micro-batching delay, so automine latency is one message round trip). Falls back to the
 * calling thread only when the worker script is not available (running from TypeScript sources)
 * or a worker died.
 */
export class SenderRecovery {
  private workers: Worker[] = []
  private readonly load = new Map<Worker, number>()
  private unavailable = false
  private seq = 0
  private readonly waiting = new Map<number, Pending>()
  private readonly size: number

  /**
   * @param size number of worker threads (default: one less than the machine's cores, at least 1
   * and at most 4: the main thread keeps a core for JSON-RPC and block production).
   */
  constructor(size?: number) {
    this.size = Math.max(1, size ?? Math.min(4, availableParallelism() - 1))
  }

  private start(): Worker[] {
    if (this.workers.length > 0 || this.unavailable) return this.workers
    try {
      const meta = import.meta as { url?: string }
      const url = meta.url ? new URL('./recover-worker.js', meta.url) : undefined
      if (!url || !existsSync(fileURLToPath(url))) {
        this.unavailable = true
        return this.workers
      }
      for (let i = 0; i < this.size; i++) {
        const worker = new Worker(url)
        worker.unref()
        worker.on('message', (m: RecoveryAnswer) => {
          const p = this.waiting.get(m.id)
          this.waiting.delete(m.id)
          p?.resolve(m)
        })
        worker.on('error', () => this.fail())
        worker.on('exit', () => this.fail())
        this.load.set(worker, 0)
        this.workers.push(worker)
      }
    } catch {
      this.fail()
    }
    return this.workers
  }

  private fail(): void {
    const workers = this.workers
    this.workers = []
    this.load.clear()
    this.unavailable = true
    for (const p of this.waiting.values()) p.resolve(undefined)
    this.waiting.clear()
    for (const w of workers) void w.terminate()
  }

  /** Sends one chunk to `worker`; undefined when the worker died before answering. */
  private ask(worker: Worker, raws: Uint8Array[]): Promise<RecoveryAnswer | undefined> {
    const id = ++this.seq
    this.load.set(worker, (this.load.get(worker) ?? 0) + raws.length)
    return new Promise<RecoveryAnswer | undefined>((resolve) => {
      this.waiting.set(id, { resolve, worker })
      // One packed buffer, transferred: cloning hundreds of small arrays costs more than the copy.
      let total = 0
      for (const r of raws) total += r.length
      const bytes = new Uint8Array(total)
      const ends = new Uint32Array(raws.length)
      let at = 0
      for (let i = 0; i < raws.length; i++) {
        bytes.set(raws[i]!, at)
        at += raws[i]!.length
        ends[i] = at
      }
      worker.postMessage({ id, bytes, ends }, [bytes.buffer, ends.buffer])
    }).then((answer) => {
      if (this.load.has(worker)) this.load.set(worker, Math.max(0, this.load.get(worker)! - raws.length))
      return answer
    })
  }

  private leastBusy(workers: Worker[]): Worker {
    let best = workers[0]!
    for (const w of workers) if ((this.load.get(w) ?? 0) < (this.load.get(best) ?? 0)) best = w
    return best
  }

  /** Senders of `raws` in order; null where decoding or recovery failed. */
  async recoverMany(raws: Uint8Array[]): Promise<(Address | null)[]> {
    return (await this.recoverDetailed(raws)).senders
  }

  /**
   * The sender of one raw transaction.
   * @throws {Error} with the decoding or recovery failure's message.
   */
  async recover(raw: Uint8Array): Promise<Recovered> {
    const { senders, hashes, errors } = await this.recoverDetailed([raw])
    const sender = senders[0]
    const hash = hashes[0]
    if (!sender || !hash) throw new Error(errors[0] ?? 'invalid signature')
    return { sender, hash }
  }

  /** Sender and hash of each of `raws` in order; null where decoding or recovery failed. */
  async recoverAll(raws: Uint8Array[]): Promise<(Recovered | null)[]> {
    const { senders, hashes } = await this.recoverDetailed(raws)
    return senders.map((sender, i) => (sender && hashes[i] ? { sender, hash: hashes[i]! } : null))
  }

  /**
   * Like {@link recoverAll} but one promise per transaction, settled chunk by chunk (chunks of
   * `chunk` round-robin over the workers): a batch's first transactions can enter the pool while
   * the workers still recover the rest. Never rejects; null where decoding or recovery failed.
   */
  recoverEach(raws: Uint8Array[], chunk = 32): Promise<Recovered | null>[] {
    const out: Promise<Recovered | null>[] = []
    for (let i = 0; i < raws.length; i += chunk) {
      const part = this.recoverAll(raws.slice(i, i + chunk)).catch(() => [] as (Recovered | null)[])
      for (let j = 0; j < Math.min(chunk, raws.length - i); j++) out.push(part.then((r) => r[j] ?? null))
    }
    return out
  }

  private async recoverDetailed(raws: Uint8Array[]): Promise<Detailed> {
    const workers = raws.length > 0 ? this.start() : []
    if (workers.length === 0) return recoverLocal(raws)
    const parts = raws.length <= 32 ? 1 : Math.min(workers.length, Math.ceil(raws.length / 32))
    const chunk = Math.ceil(raws.length / parts)
    const jobs: Promise<Detailed>[] = []
    for (let i = 0; i < raws.length; i += chunk) {
      const slice = raws.slice(i, i + chunk)
      const worker = parts === 1 ? this.leastBusy(workers) : workers[(i / chunk) % workers.length]!
      // A worker that died mid-request answers with nothing: finish those here.
      jobs.push(
        this.ask(worker, slice).then((a) =>
          a && a.senders.length === slice.length
            ? {
                senders: a.senders as (Address | null)[],
                hashes: a.hashes as (Hash | null)[],
                errors: a.errors,
              }
            : recoverLocal(slice),
        ),
      )
    }
    const done = await Promise.all(jobs)
    if (done.length === 1) return done[0]!
    return {
      senders: done.flatMap((d) => d.senders),
      hashes: done.flatMap((d) => d.hashes),
      errors: done.flatMap((d) => d.errors),
    }
  }

  close(): Promise<void> {
    const workers = this.workers
    this.workers = []
    this.load.clear()
    this.unavailable = true
    for (const p of this.waiting.values()) p.resolve(undefined)
    this.waiting.clear()
    return Promise.all(workers.map((w) => w.terminate())).then(() => undefined)
  }
}

/** Decodes and recovers on the calling thread (the worker's own routine, and the fallback). */
export function recoverLocal(raws: Uint8Array[]): Detailed {
  const senders: (Address | null)[] = []
  const hashes: (Hash | null)[] = []
  const errors: (string | undefined)[] = []
  for (const raw of raws) {
    try {
      const tx = decodeTransaction(raw)
      senders.push(recoverSender(tx).toLowerCase() as Address)
      // Strict decoding: a non-blob transaction's raw bytes are its canonical encoding, so its
      // hash is their keccak (no re-encoding); a blob one may come in the network form.
      hashes.push(tx.type === 3 ? transactionHash(tx) : keccak256Hex(raw))
      errors.push(undefined)
    } catch (err) {
      senders.push(null)
      hashes.push(null)
      errors.push(err instanceof Error ? err.message : String(err))
    }
  }
  return { senders, hashes, errors }
}
