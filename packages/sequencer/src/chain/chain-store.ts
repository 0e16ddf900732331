import { mkdirSync } from 'node:fs'
import {
  type Address,
  BaseError,
  bloomContains,
  type Hash,
  type Hex,
  hexToBytes,
} from '@metis-sdk/primitives'
import { type Database, open, type RootDatabase } from 'lmdb'
import type { RpcHeader, RpcLog, RpcReceipt, RpcTransaction } from '../rpc/format.js'
import { MinedTransaction } from './mined-transaction.js'

/** On-disk format of the chain store; a store written by another format is refused with a clear error. */
export const CHAIN_STORE_FORMAT = 3

/** A block as the chain store keeps it: the RPC header, its consensus RLP and its tx hashes. */
export type StoredBlock = {
  header: RpcHeader
  /** RLP of the consensus header (for re-decoding: base fee, blob gas, …). */
  rawHeader: Hex
  txHashes: Hash[]
}

/** A mined transaction: its RPC form, consensus encoding and receipt. */
export type StoredTransaction = {
  readonly tx: RpcTransaction
  readonly raw: Hex
  readonly receipt: RpcReceipt
}

/** A block to append: everything is written in one LMDB transaction. */
export type BlockRecord = StoredBlock & { transactions: MinedTransaction[] }

/** The chain store was opened on something that is not one, or a write broke an invariant. */
export class ChainStoreError extends BaseError {
  override name = 'ChainStoreError'
}

/** Filter of {@link ChainStore.getLogs}; `topics[i]` null = any, array = any of. */
export type LogQuery = {
  fromBlock: bigint
  toBlock: bigint
  addresses?: Address[] | undefined
  topics?: (Hash | Hash[] | null)[] | undefined
  blockHash?: Hash | undefined
}

/**
 * Blocks, receipts, tx and block-hash lookups and a per-address log index in LMDB. Every block is
 * appended in one write transaction, so a crash leaves either the whole block or none of it.
 */
export class ChainStore {
  private readonly env: RootDatabase
  private readonly blocks: Database<StoredBlock, number>
  private readonly hashes: Database<number, string>
  /** Per transaction hash its binary record ({@link MinedTransaction.encode}, format 3). */
  private readonly txs: Database<Uint8Array, string>
  private readonly addrIdx: Database<true, [string, number]>
  private readonly meta: Database<unknown, string>
  private headNumber: number
  /**
   * The transactions of the latest blocks as written (receipt polling after a send reads these):
   * a hit skips the LMDB read and the JSON parse. Insertion ordered, oldest evicted first.
   */
  private readonly recent = new Map<string, MinedTransaction>()
  private readonly recentMax: number

  constructor(
    path: string,
    options: { noSync?: boolean | undefined; recentTransactions?: number | undefined } = {},
  ) {
    this.recentMax = options.recentTransactions ?? 8192
    mkdirSync(path, { recursive: true })
    try {
      this.env = open({ path, maxDbs: 8, noSync: options.noSync === true, mapSize: 2 ** 36 })
      this.blocks = this.env.openDB({ name: 'blocks', encoding: 'json' })
      this.hashes = this.env.openDB({ name: 'bhash' })
      this.txs = this.env.openDB({ name: 'txs', encoding: 'binary' })
      this.addrIdx = this.env.openDB({ name: 'addrlog' })
      this.meta = this.env.openDB({ name: 'meta' })
    } catch (cause) {
      throw new ChainStoreError(`Cannot open the chain store at ${path}.`, { cause })
    }
    const head = this.meta.get('head')
    this.headNumber = typeof head === 'number' ? head : -1
    const format = this.meta.get('format')
    if (this.headNumber >= 0 && format !== CHAIN_STORE_FORMAT) {
      this.env.close()
      const which = typeof format === 'number' && format > CHAIN_STORE_FORMAT ? 'a newer' : 'an older'
      throw new ChainStoreError(
        `The chain store at ${path} was written by ${which} version (format ${String(format ?? 1)}; this build reads format ${CHAIN_STORE_FORMAT}).`,
        {
          details:
            'Start with a fresh data directory (or --ephemeral), or use the matching MetisSDK version.',
        },
      )
    }
    if (format === undefined) this.meta.putSync('format', CHAIN_STORE_FORMAT)
  }

  /** Number of the last block, -1 when empty. */
  head(): number {
    return this.headNumber
  }

  /** Appends block `head()+1` atomically (header, txs, receipts, indexes, head pointer). */
  putBlock(record: BlockRecord): void {
    const number = Number(BigInt(record.header.number))
    if (number !== this.headNumber + 1)
      throw new ChainStoreError(`Block ${number} does not extend the head ${this.headNumber}.`)
    const stored: StoredBlock = {
      header: record.header,
      rawHeader: record.rawHeader,
      txHashes: record.txHashes,
    }
    this.env.transactionSync(() => {
      this.blocks.putSync(number, stored)
      this.hashes.putSync(record.header.hash, number)
      const addresses = new Set<string>()
      for (const t of record.transactions) {
        this.txs.putSync(t.hash, t.encode())
        for (const a of t.logAddresses()) addresses.add(a)
      }
      for (const a of addresses) this.addrIdx.putSync([a, number], true)
      this.meta.putSync('head', number)
    })
    this.headNumber = number
    if (this.recentMax > 0) {
      for (const t of record.transactions) this.recent.set(t.hash, t)
      let over = this.recent.size - this.recentMax
      if (over > 0)
        for (const key of this.recent.keys()) {
          this.recent.delete(key)
          if (--over <= 0) break
        }
    }
  }

  /** Removes every block above `number` (dev snapshots / reverts), atomically. */
  truncate(number: number): void {
    if (number >= this.headNumber) return
    this.recent.clear()
    this.env.transactionSync(() => {
      for (let n = this.headNumber; n > number; n--) {
        const block = this.blocks.get(n)
        if (block === undefined) continue
        const addresses = new Set<string>()
        for (const h of block.txHashes) {
          const t = this.mined(h)
          if (t) for (const a of t.logAddresses()) addresses.add(a)
          this.txs.removeSync(h)
        }
        for (const a of addresses) this.addrIdx.removeSync([a, n])
        this.hashes.removeSync(block.header.hash)
        this.blocks.removeSync(n)
      }
      this.meta.putSync('head', number)
    })
    this.headNumber = number
  }

  getBlock(number: number): StoredBlock | undefined {
    return number < 0 || number > this.headNumber ? undefined : this.blocks.get(number)
  }

  blockNumberOf(hash: Hash): number | undefined {
    return this.hashes.get(hash.toLowerCase())
  }

  getTransaction(hash: Hash): StoredTransaction | undefined {
    return this.mined(hash.toLowerCase() as Hash)
  }

  /** The mined transaction `key` (lowercase hash): recent ones from memory, else its record. */
  private mined(key: Hash): MinedTransaction | undefined {
    const hit = this.recent.get(key)
    if (hit) return hit
    const record = this.txs.get(key)
    if (record === undefined) return undefined
    return MinedTransaction.decode(key, record, (n) => {
      const header = this.blocks.get(Number(n))!.header
      const baseFee = header.baseFeePerGas as Hex | undefined
      return {
        hash: header.hash,
        timestamp: BigInt(header.timestamp),
        baseFee: baseFee === undefined ? undefined : BigInt(baseFee),
      }
    })
  }

  /** Logs matching `query`, in chain order. Uses the address index when addresses are given, else header blooms. */
  getLogs(query: LogQuery, limit = 10_000): RpcLog[] {
    const from = Number(query.fromBlock)
    const to = Math.min(Number(query.toBlock), this.headNumber)
    let numbers: number[]
    if (query.addresses && query.addresses.length > 0) {
      const set = new Set<number>()
      for (const a of query.addresses)
        for (const key of this.addrIdx.getKeys({
          start: [a.toLowerCase(), from],
          end: [a.toLowerCase(), to + 1],
        }))
          set.add(key[1])
      numbers = [...set].sort((x, y) => x - y)
    } else {
      numbers = []
      for (let n = from; n <= to; n++) numbers.push(n)
    }
    const addrSet = query.addresses?.length ? new Set(query.addresses.map((a) => a.toLowerCase())) : undefined
    const topics = (query.topics ?? []).map((t) =>
      t === null ? null : (Array.isArray(t) ? t : [t]).map((x) => x.toLowerCase()),
    )
    const out: RpcLog[] = []
    for (const n of numbers) {
      const block = this.blocks.get(n)
      if (!block || block.txHashes.length === 0) continue
      if (!bloomMayMatch(block.header.logsBloom, addrSet, topics)) continue
      for (const h of block.txHashes) {
        const t = this.mined(h)
        if (!t) continue
        for (const log of t.logs) {
          if (addrSet && !addrSet.has(log.address.toLowerCase())) continue
          if (!topicsMatch(log.topics, topics)) continue
          out.push(log)
          if (out.length > limit)
            throw new ChainStoreError(`query returned more than ${limit} results`, { code: -32005 })
        }
      }
    }
    return out
  }

  close(): void {
    this.env.close()
  }
}

function bloomMayMatch(
  bloomHex: Hex,
  addresses: Set<string> | undefined,
  topics: (string[] | null)[],
): boolean {
  const bloom = hexToBytes(bloomHex)
  if (addresses) {
    let any = false
    for (const a of addresses) if (bloomContains(bloom, hexToBytes(a as Hex))) any = true
    if (!any) return false
  }
  for (const alts of topics) {
    if (alts === null || alts.length === 0) continue
    if (!alts.some((t) => bloomContains(bloom, hexToBytes(t as Hex)))) return false
  }
  return true
}

function topicsMatch(logTopics: Hash[], filter: (string[] | null)[]): boolean {
  if (filter.length > logTopics.length) return false
  for (let i = 0; i < filter.length; i++) {
    const alts = filter[i]
    if (alts === null || alts === undefined || alts.length === 0) continue
    if (!alts.includes(logTopics[i]!.toLowerCase())) return false
  }
  return true
}
