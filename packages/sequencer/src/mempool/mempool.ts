import {
  type Address,
  type Hardfork,
  type Hash,
  InvalidTransactionError,
  type StateReader,
  type Transaction,
  validateTransaction,
} from '@metis-sdk/primitives'
import { TxPoolRejectedError } from '../errors.js'

/** A transaction in the pool, with everything block building needs precomputed. */
export type PoolTransaction = {
  tx: Exclude<Transaction, { type: 0x7e }>
  raw: Uint8Array
  hash: Hash
  sender: Address
  nonce: bigint
  feeCap: bigint
  tip: bigint
  /** Arrival order, the tie-breaker between equal tips (geth: first seen first). */
  seq: number
}

/** Options of {@link Mempool}. */
export type MempoolOptions = {
  chainId: bigint
  /** Max transactions per sender, pending + queued (geth: accountSlots 16 + accountQueue 64). */
  maxPerSender?: number | undefined
  /** Max transactions overall (geth: globalSlots 4096 + globalQueue 1024). */
  maxTotal?: number | undefined
  /** Min bump of fee cap and tip for a same-nonce replacement, in percent (geth: 10). */
  priceBump?: bigint | undefined
}

/** The context the pool validates against: latest state and the next block's parameters. */
export type PoolContext = {
  state: StateReader
  fork: Hardfork
  baseFee: bigint
  blockGasLimit: bigint
  blobBaseFee?: bigint | undefined
  /** Reject transactions whose fee cap is below the base fee (automine: they would never be mined). */
  requireBaseFee?: boolean | undefined
}

const GAS_PER_BLOB = 131_072n

/**
 * A transaction pool with go-ethereum's semantics: executable (`pending`) transactions have no
 * nonce gap from the account nonce, the rest are `queued`; a same-nonce replacement needs a ≥10%
 * bump of both fee cap and tip; per-sender and global limits evict the cheapest transaction.
 * Rejections use geth's exact error strings because client libraries match on them.
 */
export class Mempool {
  private readonly bySender = new Map<Address, Map<bigint, PoolTransaction>>()
  private readonly byHash = new Map<Hash, PoolTransaction>()
  private seq = 0
  private readonly maxPerSender: number
  private readonly maxTotal: number
  private readonly bump: bigint
  private readonly chainId: bigint

  constructor(options: MempoolOptions) {
    this.chainId = options.chainId
    this.maxPerSender = options.maxPerSender ?? 80
    this.maxTotal = options.maxTotal ?? 5120
    this.bump = options.priceBump ?? 10n
  }

  get size(): number {
    return this.byHash.size
  }

  has(hash: Hash): boolean {
    return this.byHash.has(hash)
  }

  get(hash: Hash): PoolTransaction | undefined {
    return this.byHash.get(hash)
  }

  /**
   * Validates and adds a transaction whose sender is already recovered.
   * @returns the transaction it replaced, if any.
   * @throws {TxPoolRejectedError} with geth's wording.
   */
  add(
    tx: Transaction,
    meta: { raw: Uint8Array; hash: Hash; sender: Address },
    ctx: PoolContext,
  ): PoolTransaction | undefined {
    if (this.byHash.has(meta.hash)) throw new TxPoolRejectedError('already known')
    if (tx.type === 0x7e)
      throw new TxPoolRejectedError(
        'transaction type not supported',
        'deposit transactions are not accepted over RPC',
      )
    try {
      validateTransaction(tx, { fork: ctx.fork, chainId: this.chainId })
    } catch (err) {
      if (err instanceof InvalidTransactionError) throw new TxPoolRejectedError(err.shortMessage, err.details)
      throw err
    }
    if (tx.gasLimit > ctx.blockGasLimit) throw new TxPoolRejectedError('exceeds block gas limit')
    const feeCap = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas
    const tip = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxPriorityFeePerGas
    if (ctx.requireBaseFee && feeCap < ctx.baseFee)
      throw new TxPoolRejectedError(
        'max fee per gas less than block base fee',
        `address ${meta.sender}, maxFeePerGas: ${feeCap}, baseFee: ${ctx.baseFee}`,
      )
    if (
      tx.type === 3 &&
      ctx.blobBaseFee !== undefined &&
      tx.maxFeePerBlobGas < ctx.blobBaseFee &&
      ctx.requireBaseFee
    )
      throw new TxPoolRejectedError('max fee per blob gas less than block blob gas fee')
    const sender = meta.sender.toLowerCase() as Address
    const account = ctx.state.getAccount(sender)
    const stateNonce = account?.nonce ?? 0n
    if (tx.nonce < stateNonce)
      throw new TxPoolRejectedError('nonce too low', `next nonce ${stateNonce}, tx nonce ${tx.nonce}`)
    let cost = tx.gasLimit * feeCap + tx.value
    if (tx.type === 3) cost += BigInt(tx.blobVersionedHashes.length) * GAS_PER_BLOB * tx.maxFeePerBlobGas
    const balance = account?.balance ?? 0n
    if (balance < cost)
      throw new TxPoolRejectedError(
        'insufficient funds for gas * price + value',
        `balance ${balance}, tx cost ${cost}, overshot ${cost - balance}`,
      )
    const entry: PoolTransaction = {
      tx,
      raw: meta.raw,
      hash: meta.hash,
      sender,
      nonce: tx.nonce,
      feeCap,
      tip,
      seq: this.seq++,
    }
    let list = this.bySender.get(sender)
    const old = list?.get(tx.nonce)
    if (old) {
      const okCap = feeCap * 100n >= old.feeCap * (100n + this.bump)
      const okTip = tip * 100n >= old.tip * (100n + this.bump)
      if (!okCap || !okTip) throw new TxPoolRejectedError('replacement transaction underpriced')
      this.byHash.delete(old.hash)
      list!.set(tx.nonce, entry)
      this.byHash.set(entry.hash, entry)
      return old
    }
    if (list && list.size >= this.maxPerSender) {
      // geth keeps an account's lowest nonces (they can execute first); refuse the newest.
      let max = -1n
      for (const n of list.keys()) if (n > max) max = n
      if (tx.nonce > max) throw new TxPoolRejectedError('account limit exceeded')
      this.removeFrom(sender, max)
    }
    if (this.byHash.size >= this.maxTotal) {
      const cheapest = this.cheapest()
      if (!cheapest || cheapest.tip >= tip || cheapest.sender === sender)
        throw new TxPoolRejectedError('txpool is full')
      this.removeFrom(cheapest.sender, cheapest.nonce)
    }
    if (!list) {
      list = new Map()
      this.bySender.set(sender, list)
    }
    list.set(tx.nonce, entry)
    this.byHash.set(entry.hash, entry)
    return undefined
  }

  /** The next nonce of `sender` counting its executable pool transactions (eth_getTransactionCount "pending"). */
  pendingNonce(sender: Address, state: StateReader): bigint {
    const s = sender.toLowerCase() as Address
    let n = state.getAccount(s)?.nonce ?? 0n
    const list = this.bySender.get(s)
    if (!list) return n
    while (list.has(n)) n++
    return n
  }

  /** Executable and gapped transactions per sender (txpool_content). */
  content(state: StateReader): { pending: PoolTransaction[]; queued: PoolTransaction[] } {
    const pending: PoolTransaction[] = []
    const queued: PoolTransaction[] = []
    for (const [sender, list] of this.bySender) {
      let next = state.getAccount(sender)?.nonce ?? 0n
      const sorted = [...list.values()].sort((a, b) => (a.nonce < b.nonce ? -1 : 1))
      for (const t of sorted) {
        if (t.nonce === next) {
          pending.push(t)
          next++
        } else queued.push(t)
      }
    }
    return { pending, queued }
  }

  /**
   * Transactions for the next block: highest effective tip first, each sender's in nonce order,
   * skipping those whose fee cap is below `baseFee`. A transaction is taken when `fits(t, index)`
   * says so (`index` = its position in the block); when it does not, its sender is dropped for the
   * block, as geth's miner does. Without `fits`, the sum of the selected gas limits stays within
   * `gasLimit` (a conservative bound: it does not know how much gas each transaction will use).
   */
  select(
    state: StateReader,
    baseFee: bigint,
    gasLimit: bigint,
    maxCount = Number.POSITIVE_INFINITY,
    fits?: (t: PoolTransaction, index: number) => boolean,
  ): PoolTransaction[] {
    const heap = new TipHeap(baseFee)
    const next = new Map<Address, bigint>()
    for (const [sender, list] of this.bySender) {
      const nonce = state.getAccount(sender)?.nonce ?? 0n
      const head = list.get(nonce)
      if (head && head.feeCap >= baseFee) {
        heap.push(head)
        next.set(sender, nonce)
      }
    }
    const out: PoolTransaction[] = []
    let gas = 0n
    while (heap.size > 0 && out.length < maxCount) {
      const t = heap.pop()!
      if (fits ? !fits(t, out.length) : gas + t.tx.gasLimit > gasLimit) continue // drop this sender
      gas += t.tx.gasLimit
      out.push(t)
      const n = next.get(t.sender)! + 1n
      next.set(t.sender, n)
      const following = this.bySender.get(t.sender)?.get(n)
      if (following && following.feeCap >= baseFee) heap.push(following)
    }
    return out
  }

  /** Drops transactions made stale by a new block (nonce below the sender's new nonce). */
  prune(state: StateReader, senders?: Iterable<Address>): void {
    for (const sender of senders ?? [...this.bySender.keys()]) {
      const list = this.bySender.get(sender)
      if (!list) continue
      const nonce = state.getAccount(sender)?.nonce ?? 0n
      for (const n of [...list.keys()]) if (n < nonce) this.removeFrom(sender, n)
    }
  }

  /** Removes one transaction (e.g. it failed validation at block building). */
  remove(hash: Hash): void {
    const t = this.byHash.get(hash)
    if (t) this.removeFrom(t.sender, t.nonce)
  }

  clear(): void {
    this.bySender.clear()
    this.byHash.clear()
  }

  private removeFrom(sender: Address, nonce: bigint): void {
    const list = this.bySender.get(sender)
    const t = list?.get(nonce)
    if (!t) return
    list!.delete(nonce)
    if (list!.size === 0) this.bySender.delete(sender)
    this.byHash.delete(t.hash)
  }

  private cheapest(): PoolTransaction | undefined {
    let min: PoolTransaction | undefined
    for (const t of this.byHash.values()) if (!min || t.tip < min.tip) min = t
    return min
  }
}

/** Max-heap on effective tip at `baseFee`, then arrival order. */
class TipHeap {
  private readonly items: { t: PoolTransaction; tip: bigint }[] = []
  constructor(private readonly baseFee: bigint) {}
  get size(): number {
    return this.items.length
  }
  push(t: PoolTransaction): void {
    const room = t.feeCap - this.baseFee
    const item = { t, tip: room < t.tip ? room : t.tip }
    const a = this.items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.before(a[i]!, a[p]!)) break
      ;[a[i], a[p]] = [a[p]!, a[i]!]
      i = p
    }
  }
  pop(): PoolTransaction | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]!
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m]!, a[i]!]
        i = m
      }
    }
    return top.t
  }
  private before(x: { t: PoolTransaction; tip: bigint }, y: { t: PoolTransaction; tip: bigint }): boolean {
    return x.tip > y.tip || (x.tip === y.tip && x.t.seq < y.t.seq)
  }
}
