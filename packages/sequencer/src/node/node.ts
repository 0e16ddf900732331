import { EventEmitter } from 'node:events'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BlockValidationError,
  createExecutor,
  type Executor,
  type ExecutorChainConfig,
  executeBlockSequential,
  mergeDiff,
  OverlayState,
} from '@metis-sdk/executor'
import {
  type Address,
  type BlockEnv,
  type BlockHeader,
  type BlockResult,
  blockEnvFromHeader,
  bytesToHex,
  type ChainConfig,
  calcBlobBaseFee,
  calcExcessBlobGas,
  calcNextBaseFee,
  decodeHeader,
  devChainConfig,
  EMPTY_OMMERS_HASH,
  EMPTY_TRIE_ROOT,
  encodeHeader,
  encodeTransaction,
  forkAt,
  type Hash,
  type Hex,
  headerHash,
  hexToBytes,
  isForkAtLeast,
  type StateDiff,
  type StateReader,
  type Transaction,
  useFastKeccak256,
} from '@metis-sdk/primitives'
import { type MetisDB, openStateDB } from '@metis-sdk/statedb'
import * as metisVm from '@metis-sdk/vm'
import { ChainStore, type StoredBlock } from '../chain/chain-store.js'
import { MinedTransaction } from '../chain/mined-transaction.js'
import { NodeClosedError, ResourceUnavailableError } from '../errors.js'
import { Mempool, type PoolTransaction } from '../mempool/mempool.js'
import { formatHeader, type RpcLog } from '../rpc/format.js'
import { DEFAULT_MNEMONIC, type DevAccount, deriveDevAccounts } from './dev-accounts.js'
import { GasBounds, ReplayingExecutor } from './packing.js'
import type { CreateNodeOptions, MiningMode, NodeVm } from './types.js'

const ZERO_HASH = `0x${'00'.repeat(32)}` as Hash
const ZERO_ADDRESS = `0x${'00'.repeat(20)}` as Address
/** sha256 of the empty request list (EIP-7685). */
const EMPTY_REQUESTS_HASH = '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' as Hash

/** Refills of one block (each learns the gas of the transactions run so far) before it is cut short. */
const MAX_PACKING_ATTEMPTS = 16

/** A block as the node announces it to subscribers. */
export type BlockEvent = { block: StoredBlock; logs: RpcLog[] }

/**
 * The node: state (MetisDB) + chain store + mempool + block production. The JSON-RPC layer
 * (`rpc/methods.ts`) and servers sit on top of it.
 */
export class MetisNode {
  readonly config: ChainConfig
  readonly chainId: bigint
  readonly db: MetisDB
  readonly chain: ChainStore
  readonly pool: Mempool
  readonly accounts: DevAccount[]
  readonly keys = new Map<Address, Hex>()
  readonly impersonated = new Set<Address>()
  readonly events = new EventEmitter()
  readonly blockGasLimit: bigint
  readonly clientVersion: string
  readonly coinbase: Address
  mining: MiningMode
  /** Seconds added to wall-clock time for new block timestamps (evm_increaseTime). */
  timeOffset = 0n
  nextTimestamp: bigint | undefined
  readonly snapshots = new Map<string, number>()
  private snapshotSeq = 0
  private head!: { header: BlockHeader; hash: Hash }
  private readonly vm: NodeVm
  private executor: Executor | undefined
  private readonly workers: number
  private readonly vmModule: string | undefined
  private readonly statePath: string
  private readonly tempDir: string | undefined
  private lock: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private readonly maxTxsPerBlock: number
  /** anvil_set* edits not yet in a block: read on top of the head, folded into the next block. */
  private devEdit: { base: bigint; diff: StateDiff } | undefined
  private readonly devEditPath: string
  /** The dev edits folded into each block, by block number (debug_traceTransaction replays them). */
  private readonly blockEditsDir: string

  constructor(options: CreateNodeOptions = {}) {
    // A node hashes on every block (tries, receipts, tx hashes): install the WebAssembly keccak
    // (same results, ~20% less main-thread CPU on the node bench, measured A/B); it loads within a
    // few ms and the pure-JS default serves until then.
    void useFastKeccak256()
    const chainId = BigInt(options.chainConfig?.chainId ?? options.chainId ?? 31337)
    this.config = options.chainConfig ?? devChainConfig({ chainId, fork: options.fork ?? 'Prague' })
    this.chainId = this.config.chainId
    this.blockGasLimit = options.blockGasLimit ?? 30_000_000n
    this.clientVersion = options.clientVersion ?? 'metis/v0.0.0/node'
    this.coinbase = (options.coinbase ?? ZERO_ADDRESS).toLowerCase() as Address
    this.mining = options.mining ?? { mode: 'auto' }
    this.workers = options.workers ?? 0
    this.vmModule = options.vmModule
    this.maxTxsPerBlock = options.maxTxsPerBlock ?? Number.POSITIVE_INFINITY
    this.vm = options.vm ?? metisVm
    let dir = options.dataDir
    if (dir === undefined) {
      this.tempDir = mkdtempSync(join(tmpdir(), 'metis-node-'))
      dir = this.tempDir
    }
    this.statePath = join(dir, 'state')
    this.devEditPath = join(dir, 'dev-edits.json')
    this.blockEditsDir = join(dir, 'dev-edits')
    const noSync = options.noSync ?? this.tempDir !== undefined
    this.db = openStateDB({ path: this.statePath, noSync })
    try {
      this.chain = new ChainStore(join(dir, 'chain'), { noSync })
    } catch (err) {
      this.db.close()
      throw err
    }
    this.pool = new Mempool({ chainId: this.chainId, ...options.mempool })
    this.accounts = deriveDevAccounts(options.mnemonic ?? DEFAULT_MNEMONIC, options.accounts ?? 10)
    for (const a of this.accounts) this.keys.set(a.address, a.privateKey)
    this.init(options)
    this.loadDevEdit()
    if (this.mining.mode === 'interval') this.startInterval(this.mining.intervalMs)
  }

  private init(options: CreateNodeOptions): void {
    const chainHead = this.chain.head()
    if (chainHead >= 0) {
      // A crash between the state commit and the chain-store write leaves state one block ahead:
      // roll it back so both resume at the last complete block.
      if (this.db.latestVersion() > BigInt(chainHead)) this.db.revertTo(BigInt(chainHead))
      const block = this.chain.getBlock(chainHead)!
      this.head = { header: decodeHeader(block.rawHeader), hash: block.header.hash }
      return
    }
    if (this.db.latestVersion() < 0n) {
      const alloc: Record<
        Address,
        { balance: bigint | string; nonce?: bigint; code?: Hex; storage?: Record<Hex, Hex> }
      > = {}
      const balance = options.balance ?? 10_000n * 10n ** 18n
      for (const a of this.accounts) alloc[a.address] = { balance }
      for (const [addr, acc] of Object.entries(options.alloc ?? {}))
        alloc[addr.toLowerCase() as Address] = {
          balance: acc.balance ?? 0n,
          ...(acc.nonce === undefined ? {} : { nonce: acc.nonce }),
          ...(acc.code === undefined ? {} : { code: acc.code }),
          ...(acc.storage === undefined ? {} : { storage: acc.storage }),
        }
      this.db.importGenesis(alloc)
    } else if (this.db.latestVersion() > 0n) this.db.revertTo(0n)
    const timestamp = options.genesisTimestamp ?? BigInt(Math.floor(Date.now() / 1000))
    const fork = forkAt(this.config, 0n, timestamp)
    const header: BlockHeader = {
      parentHash: ZERO_HASH,
      ommersHash: EMPTY_OMMERS_HASH,
      coinbase: ZERO_ADDRESS,
      stateRoot: this.db.stateRoot(0n),
      transactionsRoot: EMPTY_TRIE_ROOT,
      receiptsRoot: EMPTY_TRIE_ROOT,
      logsBloom: `0x${'00'.repeat(256)}`,
      difficulty: 0n,
      number: 0n,
      gasLimit: this.blockGasLimit,
      gasUsed: 0n,
      timestamp,
      extraData: '0x',
      mixHash: ZERO_HASH,
      nonce: '0x0000000000000000',
    }
    if (isForkAtLeast(fork, 'London')) header.baseFeePerGas = options.baseFee ?? 1_000_000_000n
    if (isForkAtLeast(fork, 'Shanghai')) header.withdrawalsRoot = EMPTY_TRIE_ROOT
    if (isForkAtLeast(fork, 'Cancun')) {
      header.blobGasUsed = 0n
      header.excessBlobGas = 0n
      header.parentBeaconBlockRoot = ZERO_HASH
    }
    if (isForkAtLeast(fork, 'Prague')) header.requestsHash = EMPTY_REQUESTS_HASH
    const raw = encodeHeader(header)
    const hash = headerHash(header)
    this.chain.putBlock({
      header: formatHeader(header, hash, raw.length),
      rawHeader: bytesToHex(raw),
      txHashes: [],
      transactions: [],
    })
    this.head = { header, hash }
  }

  /** The latest block's header and hash. */
  latest(): { header: BlockHeader; hash: Hash } {
    return this.head
  }

  /** A state reader of block `number` (default latest) whose BLOCKHASH comes from the chain store. */
  stateAt(number?: bigint): StateReader {
    const head = this.head.header.number
    const n = number ?? head
    if (n > head) throw new ResourceUnavailableError(`header not found`)
    if (n < this.db.oldestVersion())
      throw new ResourceUnavailableError(`historical state not available for block ${n}`)
    const reader = this.db.reader(n)
    const state: StateReader = {
      getAccount: (a) => reader.getAccount(a),
      getCode: (h) => reader.getCode(h),
      getStorage: (a, s) => reader.getStorage(a, s),
      hasStorage: (a) => reader.hasStorage?.(a) ?? false,
      getBlockHash: (bn) => (bn <= n ? this.chain.getBlock(Number(bn))?.header.hash : undefined),
    }
    if (n !== head || this.devEdit === undefined) return state
    const overlay = new OverlayState(state)
    overlay.apply(this.devEdit.diff)
    return overlay
  }

  /** The environment of the block after the head (what pending transactions and calls see). */
  pendingEnv(): BlockEnv {
    const parent = this.head.header
    const number = parent.number + 1n
    const timestamp = this.nextBlockTimestamp()
    const fork = forkAt(this.config, number, timestamp)
    const header: BlockHeader = {
      ...parent,
      parentHash: this.head.hash,
      number,
      timestamp,
      coinbase: this.coinbase,
      gasLimit: this.blockGasLimit,
      baseFeePerGas: isForkAtLeast(fork, 'London') ? calcNextBaseFee(parent, this.config) : undefined,
      excessBlobGas: isForkAtLeast(fork, 'Cancun') ? calcExcessBlobGas(parent, fork, this.config) : undefined,
    }
    return blockEnvFromHeader(header, this.config)
  }

  /** The env of an existing block. */
  envOf(header: BlockHeader): BlockEnv {
    return blockEnvFromHeader(header, this.config)
  }

  private nextBlockTimestamp(): bigint {
    const parentTs = this.head.header.timestamp
    if (this.nextTimestamp !== undefined) return this.nextTimestamp
    const now = BigInt(Math.floor(Date.now() / 1000)) + this.timeOffset
    return now > parentTs ? now : parentTs + 1n
  }

  /** The VM (the `@metis-sdk/vm` package unless one was given). */
  async getVm(): Promise<NodeVm> {
    return this.vm
  }

  /** Runs `fn` after every earlier queued operation (block production and state edits never interleave). */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.lock.then(() => {
      if (this.closed) throw new NodeClosedError()
      return fn()
    })
    this.lock = run.catch(() => undefined)
    return run
  }

  /** Adds a signed transaction to the pool (sender already recovered); automine mines it. */
  async addTransaction(tx: Transaction, raw: Uint8Array, hash: Hash, sender: Address): Promise<Hash> {
    await this.exclusive(() => {
      const env = this.pendingEnv()
      this.pool.add(
        tx,
        { raw, hash, sender },
        {
          state: this.stateAt(),
          fork: env.fork,
          baseFee: env.baseFee,
          blobBaseFee: env.blobBaseFee,
          blockGasLimit: this.blockGasLimit,
          requireBaseFee: this.mining.mode === 'auto',
        },
      )
    })
    this.events.emit('pendingTransaction', hash)
    if (this.mining.mode === 'auto') await this.mine()
    return hash
  }

  /** Produces `count` blocks now (evm_mine / interval tick / automine). */
  mine(count = 1, timestamp?: bigint): Promise<StoredBlock> {
    return this.exclusive(async () => {
      let last: StoredBlock | undefined
      for (let i = 0; i < count; i++) {
        if (timestamp !== undefined && i === 0) this.nextTimestamp = timestamp
        last = await this.produceBlock()
      }
      return last!
    })
  }

  private executorConfig(): ExecutorChainConfig {
    return this.config
  }

  private async produceBlock(): Promise<StoredBlock> {
    const vm = await this.getVm()
    const parent = this.head.header
    const env = this.pendingEnv()
    this.nextTimestamp = undefined
    const number = env.number
    // Pending dev edits are part of stateAt() at the head, and are folded into this block's diff.
    const edit = this.devEdit?.diff
    const state = this.stateAt()
    // Sequential blocks are filled as geth does (by the gas the transactions actually use, learnt
    // attempt by attempt with replayed results); parallel ones by the sum of the gas limits.
    const packed = !this.runsParallel()
    let bounds = new GasBounds(this.blockGasLimit, env.fork, this.config)
    const replay = new ReplayingExecutor(vm)
    const select = () =>
      this.pool.select(
        state,
        env.baseFee,
        this.blockGasLimit,
        this.maxTxsPerBlock,
        packed ? bounds.fits : undefined,
      )
    let candidates = select()
    const header: BlockHeader = {
      parentHash: this.head.hash,
      ommersHash: EMPTY_OMMERS_HASH,
      coinbase: this.coinbase,
      stateRoot: ZERO_HASH,
      transactionsRoot: EMPTY_TRIE_ROOT,
      receiptsRoot: EMPTY_TRIE_ROOT,
      logsBloom: `0x${'00'.repeat(256)}`,
      difficulty: 0n,
      number,
      gasLimit: this.blockGasLimit,
      gasUsed: 0n,
      timestamp: env.timestamp,
      extraData: '0x',
      // Deterministic dev randomness: the parent hash (PREVRANDAO must just vary per block).
      mixHash: this.head.hash,
      nonce: '0x0000000000000000',
    }
    const fork = env.fork
    if (isForkAtLeast(fork, 'London')) header.baseFeePerGas = env.baseFee
    if (isForkAtLeast(fork, 'Shanghai')) header.withdrawalsRoot = EMPTY_TRIE_ROOT
    if (isForkAtLeast(fork, 'Cancun')) {
      header.blobGasUsed = 0n
      header.excessBlobGas = env.excessBlobGas ?? 0n
      header.parentBeaconBlockRoot = ZERO_HASH
    }
    if (isForkAtLeast(fork, 'Prague')) header.requestsHash = EMPTY_REQUESTS_HASH
    let result: BlockResult
    for (let attempt = 1; ; attempt++) {
      replay.begin()
      try {
        result = await this.executeBlock(state, header, candidates, packed ? replay : vm)
        break
      } catch (err) {
        if (!(err instanceof BlockValidationError) || candidates.length === 0) throw err
        if (packed && (err.reason === 'gas-limit-reached' || err.reason === 'blob-gas-limit-reached')) {
          // Candidates [0, fitted) fitted; the next one did not: learn the gas they used and refill.
          const fitted = replay.ran
          bounds.learn(replay.resultsOf(fitted))
          candidates = attempt < MAX_PACKING_ATTEMPTS ? select() : candidates.slice(0, fitted)
          continue
        }
        const bad = this.findInvalid(state, env, candidates, vm)
        if (bad.size === 0) throw err
        for (const t of bad) this.pool.remove(t.hash)
        if (packed) {
          // Positions moved: start learning the gas again (replay still reuses the common prefix).
          bounds = new GasBounds(this.blockGasLimit, env.fork, this.config)
          candidates = select()
        } else candidates = candidates.filter((t) => !bad.has(t))
      }
    }
    if (edit) {
      mkdirSync(this.blockEditsDir, { recursive: true })
      writeFileSync(join(this.blockEditsDir, `${number}.json`), encodeDevEdit(number, edit))
    }
    const diff = edit ? mergeDiff(cloneDiff(edit), result.diff) : result.diff
    const committed = this.db.commit(diff, { blockNumber: number })
    header.stateRoot = committed.stateRoot
    header.transactionsRoot = result.transactionsRoot
    header.receiptsRoot = result.receiptsRoot
    header.logsBloom = bytesToHex(result.logsBloom)
    header.gasUsed = result.gasUsed
    if (header.blobGasUsed !== undefined) header.blobGasUsed = result.blobGasUsed
    if (result.withdrawalsRoot !== undefined && header.withdrawalsRoot !== undefined)
      header.withdrawalsRoot = result.withdrawalsRoot
    if (result.requestsHash !== undefined && header.requestsHash !== undefined)
      header.requestsHash = result.requestsHash
    const raw = encodeHeader(header)
    const hash = headerHash(header)
    const baseFee = header.baseFeePerGas
    const blobGasPrice =
      header.excessBlobGas === undefined
        ? undefined
        : calcBlobBaseFee(header.excessBlobGas, fork, this.config)
    // The RPC forms of the transactions, receipts and logs are built when first read.
    const transactions: MinedTransaction[] = new Array(candidates.length)
    let size = raw.length
    let logIndex = 0
    for (let i = 0; i < candidates.length; i++) {
      const t = candidates[i]!
      const r = result.txResults[i]!
      const receipt = result.receipts[i]!
      size += t.raw.length
      const at = { blockHash: hash, blockNumber: number, timestamp: header.timestamp, baseFee, index: i }
      transactions[i] = new MinedTransaction(
        t.raw,
        t.hash,
        t.sender,
        at,
        {
          status: receipt.status === 1 ? 1 : 0,
          cumulativeGasUsed: receipt.cumulativeGasUsed,
          gasUsed: r.gasUsed,
          contractAddress: (r.createdAddress?.toLowerCase() as Address | undefined) ?? null,
          firstLogIndex: logIndex,
          logs: r.logs,
          blobGasPrice: t.tx.type === 3 ? blobGasPrice : undefined,
          logsBloom: receipt.logsBloom,
        },
        t.tx,
      )
      logIndex += r.logs.length
    }
    const block = {
      header: formatHeader(header, hash, size),
      rawHeader: bytesToHex(raw),
      txHashes: candidates.map((t) => t.hash),
    }
    try {
      // Workers read BLOCKHASH from MetisDB's block-hash table (main-thread reads use the chain store).
      if (this.workers > 0) this.db.recordBlockHash(hash)
      this.chain.putBlock({ ...block, transactions })
    } catch (err) {
      this.db.revertTo(parent.number)
      throw err
    }
    this.head = { header, hash }
    if (edit) this.clearDevEdit()
    this.pool.prune(this.stateAt(), new Set(candidates.map((t) => t.sender)))
    // Subscribers that read `logs` (eth_subscribe logs) get them formatted once, on first access.
    let logs: RpcLog[] | undefined
    const event: BlockEvent = {
      block,
      get logs() {
        logs ??= transactions.flatMap((t) => t.logs)
        return logs
      },
    }
    this.events.emit('block', event)
    return block
  }

  private async executeBlock(
    state: StateReader,
    header: BlockHeader,
    txs: PoolTransaction[],
    vm: NodeVm,
  ): Promise<BlockResult> {
    const block = { header, transactions: txs.map((t) => t.tx), senders: txs.map((t) => t.sender) }
    const options = { config: this.executorConfig(), vm, rawTransactions: txs.map((t) => t.raw) }
    if (this.runsParallel() && txs.length > 1) {
      this.executor ??= createExecutor({ workers: this.workers, vmModule: this.vmModule })
      return this.executor.executeBlock(state, block, {
        ...options,
        parallel: true,
        workerState: { kind: 'statedb', path: this.statePath, version: header.number - 1n },
      })
    }
    return executeBlockSequential(state, block, options)
  }

  /** Whether the next block runs on the Block-STM workers. */
  private runsParallel(): boolean {
    // Workers read the parent state from MetisDB, which does not hold pending dev edits.
    return this.workers > 0 && this.devEdit === undefined
  }

  /** Runs candidates one by one to find those the VM rejects (balance drained by an earlier tx, …). */
  private findInvalid(
    state: StateReader,
    env: BlockEnv,
    txs: PoolTransaction[],
    vm: NodeVm,
  ): Set<PoolTransaction> {
    const overlay = new OverlayState(state)
    const bad = new Set<PoolTransaction>()
    let gas = 0n
    for (const t of txs) {
      // Not invalid, just no room left in this block: it stays in the pool.
      if (gas + t.tx.gasLimit > env.gasLimit) continue
      try {
        const r = vm.executeTransaction({ state: overlay, block: env, tx: t.tx, sender: t.sender })
        overlay.apply(r.diff)
        gas += r.gasUsed
      } catch {
        bad.add(t)
      }
    }
    return bad
  }

  /** Rolls state and chain back to block `number` (evm_revert). Pool transactions are kept. */
  rewind(number: bigint): Promise<void> {
    return this.exclusive(() => {
      this.clearDevEdit()
      if (number >= this.head.header.number) return
      this.dropBlockEditsAfter(number)
      this.db.revertTo(number)
      this.chain.truncate(Number(number))
      const block = this.chain.getBlock(Number(number))!
      this.head = { header: decodeHeader(block.rawHeader), hash: block.header.hash }
    })
  }

  /** Records the current head for evm_revert; returns the snapshot id. */
  snapshot(): string {
    const id = `0x${(++this.snapshotSeq).toString(16)}`
    this.snapshots.set(id, Number(this.head.header.number))
    return id
  }

  /**
   * Applies a direct state edit (anvil_setBalance/Code/Nonce/StorageAt) in place, as anvil does: no
   * block is mined. The edit is kept as a pending diff on top of the head (reads at latest/pending,
   * calls, the pool and the next block see it), persisted beside the chain so it survives a
   * restart, and folded into the next block's state diff.
   */
  editState(edit: StateDiff): Promise<void> {
    return this.exclusive(() => {
      const base = this.head.header.number
      const diff = this.devEdit?.base === base ? this.devEdit.diff : { accounts: new Map() }
      mergeDiff(diff, cloneDiff(edit))
      this.devEdit = { base, diff }
      const tmp = `${this.devEditPath}.tmp`
      writeFileSync(tmp, encodeDevEdit(base, diff))
      renameSync(tmp, this.devEditPath)
    })
  }

  private clearDevEdit(): void {
    if (this.devEdit === undefined) return
    this.devEdit = undefined
    rmSync(this.devEditPath, { force: true })
  }

  /** The anvil_set* edits that were folded into block `number` (applied before its transactions). */
  blockDevEdit(number: bigint): StateDiff | undefined {
    if (number > this.head.header.number) return undefined
    const path = join(this.blockEditsDir, `${number}.json`)
    return existsSync(path) ? decodeDevEdit(readFileSync(path, 'utf8')).diff : undefined
  }

  private dropBlockEditsAfter(number: bigint): void {
    if (!existsSync(this.blockEditsDir)) return
    for (const f of readdirSync(this.blockEditsDir)) {
      const n = /^(\d+)\.json$/.exec(f)?.[1]
      if (n !== undefined && BigInt(n) > number) rmSync(join(this.blockEditsDir, f), { force: true })
    }
  }

  /** Reloads pending dev edits made on top of the current head (stale ones are dropped). */
  private loadDevEdit(): void {
    this.dropBlockEditsAfter(this.head.header.number)
    if (!existsSync(this.devEditPath)) return
    try {
      const saved = decodeDevEdit(readFileSync(this.devEditPath, 'utf8'))
      if (saved.base === this.head.header.number) {
        this.devEdit = saved
        return
      }
    } catch {
      // unreadable: dropped like a stale one
    }
    rmSync(this.devEditPath, { force: true })
  }

  setMining(mode: MiningMode): void {
    this.mining = mode
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    if (mode.mode === 'interval') this.startInterval(mode.intervalMs)
  }

  private startInterval(ms: number): void {
    this.timer = setInterval(
      () => {
        this.mine().catch((err) => this.events.emit('error', err))
      },
      Math.max(1, ms),
    )
    this.timer.unref?.()
  }

  get isClosed(): boolean {
    return this.closed
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.timer) clearInterval(this.timer)
    await this.lock
    this.closed = true
    await this.executor?.close()
    this.events.removeAllListeners()
    this.chain.close()
    this.db.close()
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true })
  }

  /** Convenience for tests: the consensus encoding of a transaction. */
  static encode(tx: Transaction): Uint8Array {
    return encodeTransaction(tx)
  }
}

function cloneDiff(diff: StateDiff): StateDiff {
  const accounts = new Map()
  for (const [a, d] of diff.accounts) accounts.set(a, { ...d, storage: new Map(d.storage) })
  return { accounts }
}

/** JSON form of pending dev edits: `{ base, accounts: [[address, change]] }` with hex quantities. */
function encodeDevEdit(base: bigint, diff: StateDiff): string {
  const accounts = [...diff.accounts].map(([a, d]) => [
    a,
    {
      account: d.account && {
        nonce: `0x${d.account.nonce.toString(16)}`,
        balance: `0x${d.account.balance.toString(16)}`,
        codeHash: d.account.codeHash,
      },
      code: d.code === undefined ? undefined : bytesToHex(d.code),
      storageCleared: d.storageCleared,
      storage: [...d.storage].map(([k, v]) => [`0x${k.toString(16)}`, `0x${v.toString(16)}`]),
    },
  ])
  return JSON.stringify({ base: `0x${base.toString(16)}`, accounts })
}

function decodeDevEdit(text: string): { base: bigint; diff: StateDiff } {
  type Saved = {
    base: string
    accounts: [
      Address,
      {
        account?: { nonce: string; balance: string; codeHash: Hash }
        code?: Hex
        storageCleared: boolean
        storage: [string, string][]
      },
    ][]
  }
  const saved = JSON.parse(text) as Saved
  const accounts: StateDiff['accounts'] = new Map()
  for (const [a, d] of saved.accounts)
    accounts.set(a, {
      account: d.account && {
        nonce: BigInt(d.account.nonce),
        balance: BigInt(d.account.balance),
        codeHash: d.account.codeHash,
      },
      code: d.code === undefined ? undefined : hexToBytes(d.code),
      storageCleared: d.storageCleared,
      storage: new Map(d.storage.map(([k, v]) => [BigInt(k), BigInt(v)])),
    })
  return { base: BigInt(saved.base), diff: { accounts } }
}
