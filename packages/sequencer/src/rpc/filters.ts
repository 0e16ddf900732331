import type { Address, Hash } from '@metis-sdk/primitives'
import { RpcError, RpcErrorCode, RpcInvalidParamsError } from '../errors.js'
import type { BlockEvent, MetisNode } from '../node/node.js'
import type { RpcLog } from './format.js'
import type { BlockTag, LogFilter } from './schemas.js'

type Criteria = { addresses?: Address[] | undefined; topics?: (Hash | Hash[] | null)[] | undefined }

type Filter =
  | { kind: 'logs'; filter: LogFilter; next: bigint; touched: number }
  | { kind: 'blocks'; hashes: Hash[]; touched: number }
  | { kind: 'pending'; hashes: Hash[]; touched: number }

/** Idle filters expire after 5 minutes, as in geth. */
const FILTER_TIMEOUT_MS = 5 * 60_000
/** Max blocks one eth_getLogs may span. */
const MAX_LOG_RANGE = 100_000n

/** Poll-based filters (eth_newFilter & co) and log matching shared with subscriptions. */
export class FilterManager {
  private readonly filters = new Map<string, Filter>()
  private seq = 0n
  private readonly onBlock = (e: BlockEvent) => {
    for (const f of this.filters.values()) if (f.kind === 'blocks') f.hashes.push(e.block.header.hash)
    this.expire()
  }
  private readonly onPending = (hash: Hash) => {
    for (const f of this.filters.values()) if (f.kind === 'pending') f.hashes.push(hash)
  }

  constructor(private readonly node: MetisNode) {
    node.events.on('block', this.onBlock)
    node.events.on('pendingTransaction', this.onPending)
  }

  private resolve(tag: BlockTag | undefined, fallback: bigint): bigint {
    if (!tag) return fallback
    const head = this.node.latest().header.number
    if (tag.kind === 'tag') return tag.tag === 'earliest' ? 0n : head
    if (tag.kind === 'number') return tag.number
    const n = this.node.chain.blockNumberOf(tag.hash)
    if (n === undefined) throw new RpcError(RpcErrorCode.Server, 'unknown block')
    return BigInt(n)
  }

  /** eth_getLogs. */
  queryLogs(f: LogFilter): RpcLog[] {
    const head = this.node.latest().header.number
    const criteria = criteriaOf(f)
    if (f.blockHash) {
      if (f.fromBlock || f.toBlock)
        throw new RpcInvalidParamsError(
          'cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other',
        )
      const n = this.node.chain.blockNumberOf(f.blockHash)
      if (n === undefined) throw new RpcError(RpcErrorCode.Server, 'unknown block')
      return this.node.chain.getLogs({ fromBlock: BigInt(n), toBlock: BigInt(n), ...criteria })
    }
    const from = this.resolve(f.fromBlock, head)
    const to = this.resolve(f.toBlock, head)
    if (from > to) throw new RpcInvalidParamsError('invalid block range params')
    if (to - from > MAX_LOG_RANGE)
      throw new RpcError(RpcErrorCode.LimitExceeded, `block range greater than ${MAX_LOG_RANGE} max`)
    if (from > head) return []
    return this.node.chain.getLogs({ fromBlock: from, toBlock: to, ...criteria })
  }

  private add(f: Filter): string {
    const id = `0x${(++this.seq).toString(16)}`
    this.filters.set(id, f)
    return id
  }

  newLogFilter(f: LogFilter): string {
    const head = this.node.latest().header.number
    const from = this.resolve(f.fromBlock, head + 1n)
    return this.add({
      kind: 'logs',
      filter: f,
      next: from > head + 1n ? from : head + 1n,
      touched: Date.now(),
    })
  }
  newBlockFilter(): string {
    return this.add({ kind: 'blocks', hashes: [], touched: Date.now() })
  }
  newPendingFilter(): string {
    return this.add({ kind: 'pending', hashes: [], touched: Date.now() })
  }

  private get(id: bigint): Filter {
    const f = this.filters.get(`0x${id.toString(16)}`)
    if (!f) throw new RpcError(RpcErrorCode.Server, 'filter not found')
    f.touched = Date.now()
    return f
  }

  changes(id: bigint): unknown[] {
    const f = this.get(id)
    if (f.kind !== 'logs') return f.hashes.splice(0)
    const head = this.node.latest().header.number
    let to = head
    if (f.filter.toBlock) to = this.resolve(f.filter.toBlock, head)
    if (to > head) to = head
    if (f.next > to) return []
    const logs = this.node.chain.getLogs({ fromBlock: f.next, toBlock: to, ...criteriaOf(f.filter) })
    f.next = to + 1n
    return logs
  }

  logs(id: bigint): RpcLog[] {
    const f = this.get(id)
    if (f.kind !== 'logs') throw new RpcError(RpcErrorCode.Server, 'filter not found')
    return this.queryLogs(f.filter)
  }

  uninstall(id: bigint): boolean {
    return this.filters.delete(`0x${id.toString(16)}`)
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, f] of this.filters) if (now - f.touched > FILTER_TIMEOUT_MS) this.filters.delete(id)
  }

  close(): void {
    this.node.events.off('block', this.onBlock)
    this.node.events.off('pendingTransaction', this.onPending)
    this.filters.clear()
  }
}

/** Address/topic criteria of a filter, normalised. */
export function criteriaOf(f: Pick<LogFilter, 'address' | 'topics'>): Criteria {
  const addresses = f.address == null ? undefined : Array.isArray(f.address) ? f.address : [f.address]
  return { addresses, topics: f.topics ?? undefined }
}

/** True if `log` matches a subscription's address/topic criteria. */
export function logMatches(log: RpcLog, c: Criteria): boolean {
  if (c.addresses && c.addresses.length > 0 && !c.addresses.includes(log.address.toLowerCase() as Address))
    return false
  const topics = c.topics ?? []
  if (topics.length > log.topics.length) return false
  for (let i = 0; i < topics.length; i++) {
    const t = topics[i]
    if (t === null || t === undefined) continue
    const alts = Array.isArray(t) ? t : [t]
    if (alts.length > 0 && !alts.includes(log.topics[i]!.toLowerCase() as Hash)) return false
  }
  return true
}
