import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { type Address, decodeTransaction, recoverSender } from '@metis-sdk/primitives'

/**
 * Recovers the senders of many raw transactions at once, half on a worker thread and half on the
 * calling thread (secp256k1 recovery measured ~0.2 ms per tx here: the largest cost of
 * eth_sendRawTransaction). Falls back to the calling thread alone when the worker script is not
 * available (running from TypeScript sources, CJS build).
 */
export class SenderRecovery {
  private worker: Worker | undefined
  private unavailable = false
  private seq = 0
  private readonly waiting = new Map<number, (senders: (Address | null)[]) => void>()

  private start(): Worker | undefined {
    if (this.worker || this.unavailable) return this.worker
    try {
      const meta = import.meta as { url?: string }
      const url = meta.url ? new URL('./recover-worker.js', meta.url) : undefined
      if (!url || !existsSync(fileURLToPath(url))) {
        this.unavailable = true
        return undefined
      }
      const worker = new Worker(url)
      worker.unref()
      worker.on('message', (m: { id: number; senders: (Address | null)[] }) => {
        this.waiting.get(m.id)?.(m.senders)
        this.waiting.delete(m.id)
      })
      worker.on('error', () => this.fail())
      worker.on('exit', () => this.fail())
      this.worker = worker
      return worker
    } catch {
      this.unavailable = true
      return undefined
    }
  }

  private fail(): void {
    this.worker = undefined
    this.unavailable = true
    for (const resolve of this.waiting.values()) resolve([])
    this.waiting.clear()
  }

  /** Senders of `raws` in order; null where decoding or recovery failed. */
  async recoverMany(raws: Uint8Array[]): Promise<(Address | null)[]> {
    const worker = raws.length >= 8 ? this.start() : undefined
    if (!worker) return raws.map(recoverLocal)
    const split = raws.length >> 1
    const id = ++this.seq
    const remote = new Promise<(Address | null)[]>((resolve) => this.waiting.set(id, resolve))
    worker.postMessage({ id, raws: raws.slice(split) })
    const local = raws.slice(0, split).map(recoverLocal)
    const rest = await remote
    // A worker that died mid-request answers with nothing: finish those here.
    const tail = rest.length === raws.length - split ? rest : raws.slice(split).map(recoverLocal)
    return [...local, ...tail]
  }

  close(): Promise<number> | undefined {
    const w = this.worker
    this.worker = undefined
    this.unavailable = true
    return w?.terminate()
  }
}

function recoverLocal(raw: Uint8Array): Address | null {
  try {
    return recoverSender(decodeTransaction(raw)).toLowerCase() as Address
  } catch {
    return null
  }
}
