import { OverlayState } from '@metis-sdk/executor'
import {
  type Address,
  type BlockHeader,
  bytesToHex,
  calcBlobBaseFee,
  decodeHeader,
  decodeTransaction,
  encodeTransaction,
  type Hash,
  type Hex,
  hexToBytes,
  KECCAK256_EMPTY,
  keccak256,
  type StateDiff,
  type StateReader,
  signTransaction,
  type Transaction,
  type TxResult,
  transactionHash,
  type UnsignedTransaction,
} from '@metis-sdk/primitives'
import { precompileAddresses } from '@metis-sdk/vm'
import { getContractAddress } from 'viem'
import type { z } from 'zod'
import { z as zod } from 'zod'
import type { StoredBlock } from '../chain/chain-store.js'
import {
  ExecutionRevertedError,
  ResourceUnavailableError,
  RpcError,
  RpcErrorCode,
  RpcInvalidParamsError,
  RpcMethodNotFoundError,
  TxPoolRejectedError,
} from '../errors.js'
import { type Recovered, SenderRecovery } from '../mempool/sender-recovery.js'
import type { MetisNode } from '../node/node.js'
import { overrideState } from '../node/override-state.js'
import type { AccountOverride, StateOverrides } from '../node/types.js'
import { FilterManager } from './filters.js'
import { formatTransaction, toQuantityHex as q } from './format.js'
import {
  address,
  type BlockTag,
  blockTag,
  type CallRequest,
  callRequest,
  hash32,
  hexData,
  logFilter,
  optionalBlockTag,
  quantity,
  stateOverride,
} from './schemas.js'
import {
  createAccessListTracer,
  createCallTracer,
  createStructLogger,
  type RpcAccessList,
} from './tracers.js'

/** A JSON-RPC method implementation: validated params in, JSON-ready result out. */
export type RpcHandler = (params: unknown[]) => unknown

/** Parses positional params against schemas; missing trailing params are `undefined`. */
function args<const S extends readonly z.ZodType[]>(
  params: unknown[],
  schemas: S,
): { [K in keyof S]: z.output<S[K]> } {
  if (params.length > schemas.length)
    throw new RpcInvalidParamsError(`too many arguments, want at most ${schemas.length}`)
  return schemas.map((schema, i) => {
    const r = schema.safeParse(params[i])
    if (!r.success) {
      const issue = r.error.issues[0]
      throw new RpcInvalidParamsError(
        params[i] === undefined
          ? `missing value for required argument ${i}`
          : `invalid argument ${i}: ${issue?.message ?? 'invalid'}`,
      )
    }
    return r.data
  }) as { [K in keyof S]: z.output<S[K]> }
}

const ERROR_SELECTOR = '0x08c379a0'

/** Decodes `Error(string)` revert data into its message (undefined for other data). */
export function revertReason(output: Uint8Array): string | undefined {
  const hex = bytesToHex(output)
  if (!hex.startsWith(ERROR_SELECTOR) || output.length < 68) return undefined
  try {
    const len = Number(BigInt(`0x${hex.slice(10 + 64, 10 + 128)}`))
    if (len > output.length - 68) return undefined
    return new TextDecoder().decode(output.subarray(68, 68 + len))
  } catch {
    return undefined
  }
}

function haltMessage(result: TxResult): string {
  const reason = result.haltReason ?? 'halted'
  if (/outofgas/i.test(reason)) return 'out of gas'
  if (/invalidopcode|invalid/i.test(reason)) return 'invalid opcode'
  return reason.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** Throws the RPC error geth returns for a failed call (revert → code 3 with data). */
function throwIfFailed(result: TxResult): void {
  if (result.status === 'revert')
    throw new ExecutionRevertedError(revertReason(result.output), bytesToHex(result.output))
  if (result.status === 'halt') throw new RpcError(RpcErrorCode.Server, haltMessage(result))
}

function toOverrides(input: z.output<typeof stateOverride>): StateOverrides | undefined {
  if (!input) return undefined
  const out: StateOverrides = new Map()
  for (const [addr, o] of Object.entries(input)) {
    const parsed = address.safeParse(addr)
    if (!parsed.success) throw new RpcInvalidParamsError(`invalid address in state override: ${addr}`)
    const entry: AccountOverride = { balance: o.balance, nonce: o.nonce, code: o.code }
    if (o.state && o.stateDiff)
      throw new RpcInvalidParamsError(`account ${addr} has both 'state' and 'stateDiff'`)
    const slots = (rec: Record<string, string>) =>
      new Map(Object.entries(rec).map(([k, v]) => [BigInt(k), BigInt(v)]))
    if (o.state) entry.state = slots(o.state)
    if (o.stateDiff) entry.stateDiff = slots(o.stateDiff)
    out.set(parsed.data, entry)
  }
  return out
}

/**
 * The Ethereum JSON-RPC method table of a node. Each method validates its params with zod and
 * returns JSON-ready values (hex quantities, 0x data).
 */
export function createMethods(node: MetisNode): {
  methods: Map<string, RpcHandler>
  filters: FilterManager
  prepareBatch: (messages: unknown[]) => Promise<void>
  close: () => void
} {
  const filters = new FilterManager(node)
  const m = new Map<string, RpcHandler>()
  const recovery = new SenderRecovery()
  /**
   * Senders and hashes being recovered (off the main thread) for the batches being handled, one
   * promise per raw transaction, so the first ones enter the pool while workers recover the rest.
   */
  const recovered = new Map<string, { bytes: Uint8Array; done: Promise<Recovered | null> }>()
  const prepareBatch = async (messages: unknown[]) => {
    const raws: string[] = []
    const bytes: Uint8Array[] = []
    for (const msg of messages) {
      const r = msg as { method?: unknown; params?: unknown }
      if (r?.method !== 'eth_sendRawTransaction' || !Array.isArray(r.params)) continue
      const raw = r.params[0]
      // Strict lowercase-prefixed hex (what the handler's schema accepts), decoded once here.
      if (typeof raw !== 'string' || raw.length <= 2 || raw.length > 2 + 256 * 1024) continue
      if (raw.charCodeAt(1) !== 120) continue
      try {
        bytes.push(hexToBytes(raw))
      } catch {
        continue
      }
      raws.push(raw)
    }
    if (raws.length < 8) return
    // Entries are taken by the handler; a bound keeps unclaimed ones (invalid messages) from piling up.
    if (recovered.size > 20_000) recovered.clear()
    const each = recovery.recoverEach(bytes)
    for (let i = 0; i < raws.length; i++) recovered.set(raws[i]!, { bytes: bytes[i]!, done: each[i]! })
  }

  const head = () => node.latest().header.number

  /** Block number for a tag; undefined when the block does not exist. */
  const numberOf = (tag: BlockTag | undefined): bigint | undefined => {
    if (!tag) return head()
    if (tag.kind === 'tag') return tag.tag === 'earliest' ? 0n : head()
    if (tag.kind === 'number') return tag.number <= head() ? tag.number : undefined
    const n = node.chain.blockNumberOf(tag.hash)
    return n === undefined ? undefined : BigInt(n)
  }
  const requireNumber = (tag: BlockTag | undefined): bigint => {
    const n = numberOf(tag)
    if (n === undefined) throw new ResourceUnavailableError('header not found')
    return n
  }
  const stateFor = (tag: BlockTag | undefined): StateReader => node.stateAt(requireNumber(tag))
  const headerOf = (n: bigint): BlockHeader => decodeHeader(node.chain.getBlock(Number(n))!.rawHeader)

  const blockJson = (block: StoredBlock | undefined, full: boolean) => {
    if (!block) return null
    const transactions = full ? block.txHashes.map((h) => node.chain.getTransaction(h)!.tx) : block.txHashes
    return { ...block.header, transactions }
  }

  m.set('web3_clientVersion', () => node.clientVersion)
  m.set('web3_sha3', (p) => {
    const [data] = args(p, [hexData])
    return bytesToHex(keccak256(hexToBytes(data)))
  })
  m.set('net_version', () => node.chainId.toString())
  m.set('net_listening', () => true)
  m.set('net_peerCount', () => '0x0')
  m.set('eth_chainId', () => q(node.chainId))
  m.set('eth_syncing', () => false)
  m.set('eth_mining', () => node.mining.mode !== 'manual')
  m.set('eth_hashrate', () => '0x0')
  m.set('eth_coinbase', () => node.coinbase)
  m.set('eth_accounts', () => node.accounts.map((a) => a.address))
  m.set('eth_blockNumber', () => q(head()))
  m.set('eth_gasPrice', () => q(node.pendingEnv().baseFee + 1_000_000_000n))
  m.set('eth_maxPriorityFeePerGas', () => q(1_000_000_000n))
  m.set('eth_blobBaseFee', () => q(node.pendingEnv().blobBaseFee ?? 1n))

  m.set('eth_getBalance', (p) => {
    const [addr, tag] = args(p, [address, optionalBlockTag])
    return q(stateFor(tag).getAccount(addr)?.balance ?? 0n)
  })
  m.set('eth_getTransactionCount', (p) => {
    const [addr, tag] = args(p, [address, optionalBlockTag])
    if (tag?.kind === 'tag' && tag.tag === 'pending') return q(node.pool.pendingNonce(addr, node.stateAt()))
    return q(stateFor(tag).getAccount(addr)?.nonce ?? 0n)
  })
  m.set('eth_getCode', (p) => {
    const [addr, tag] = args(p, [address, optionalBlockTag])
    const state = stateFor(tag)
    const acc = state.getAccount(addr)
    return acc && acc.codeHash !== KECCAK256_EMPTY ? bytesToHex(state.getCode(acc.codeHash)) : '0x'
  })
  m.set('eth_getStorageAt', (p) => {
    const [addr, slot, tag] = args(p, [address, quantity, optionalBlockTag])
    return `0x${stateFor(tag).getStorage(addr, slot).toString(16).padStart(64, '0')}`
  })
  m.set('eth_getProof', (p) => {
    const [addr, slots, tag] = args(p, [address, zod.array(hash32).max(1024), optionalBlockTag])
    const n = requireNumber(tag)
    const proof = node.db.getProof(addr, slots, n)
    return {
      address: proof.address,
      accountProof: proof.accountProof,
      balance: q(proof.balance),
      codeHash: proof.codeHash,
      nonce: q(proof.nonce),
      storageHash: proof.storageHash,
      storageProof: proof.storageProof.map((s) => ({ key: s.key, value: q(s.value), proof: s.proof })),
    }
  })

  // ---- blocks and transactions
  m.set('eth_getBlockByNumber', (p) => {
    const [tag, full] = args(p, [blockTag, zod.boolean().optional()])
    const n = numberOf(tag)
    return n === undefined ? null : blockJson(node.chain.getBlock(Number(n)), full === true)
  })
  m.set('eth_getBlockByHash', (p) => {
    const [hash, full] = args(p, [hash32, zod.boolean().optional()])
    const n = node.chain.blockNumberOf(hash)
    return n === undefined ? null : blockJson(node.chain.getBlock(n), full === true)
  })
  const txCount = (n: bigint | undefined) =>
    n === undefined ? null : q(node.chain.getBlock(Number(n))!.txHashes.length)
  m.set('eth_getBlockTransactionCountByNumber', (p) => txCount(numberOf(args(p, [blockTag])[0])))
  m.set('eth_getBlockTransactionCountByHash', (p) => {
    const n = node.chain.blockNumberOf(args(p, [hash32])[0])
    return txCount(n === undefined ? undefined : BigInt(n))
  })
  m.set('eth_getUncleCountByBlockNumber', () => '0x0')
  m.set('eth_getUncleCountByBlockHash', () => '0x0')
  m.set('eth_getTransactionByHash', (p) => {
    const [hash] = args(p, [hash32])
    const mined = node.chain.getTransaction(hash)
    if (mined) return mined.tx
    const pending = node.pool.get(hash)
    if (!pending) return null
    return formatTransaction(pending.tx, pending.hash, pending.sender, {
      blockHash: null,
      blockNumber: null,
      index: null,
    })
  })
  const txAt = (n: bigint | undefined, index: bigint) => {
    if (n === undefined) return null
    const h = node.chain.getBlock(Number(n))?.txHashes[Number(index)]
    return h ? node.chain.getTransaction(h)!.tx : null
  }
  m.set('eth_getTransactionByBlockNumberAndIndex', (p) => {
    const [tag, index] = args(p, [blockTag, quantity])
    return txAt(numberOf(tag), index)
  })
  m.set('eth_getTransactionByBlockHashAndIndex', (p) => {
    const [hash, index] = args(p, [hash32, quantity])
    const n = node.chain.blockNumberOf(hash)
    return txAt(n === undefined ? undefined : BigInt(n), index)
  })
  m.set('eth_getRawTransactionByHash', (p) => {
    const [hash] = args(p, [hash32])
    const mined = node.chain.getTransaction(hash)
    if (mined) return mined.raw
    const pending = node.pool.get(hash)
    return pending ? bytesToHex(pending.raw) : null
  })
  m.set('eth_getTransactionReceipt', (p) => {
    const [hash] = args(p, [hash32])
    return node.chain.getTransaction(hash)?.receipt ?? null
  })
  m.set('eth_getBlockReceipts', (p) => {
    const [tag] = args(p, [blockTag])
    const n = numberOf(tag)
    if (n === undefined) return null
    return node.chain.getBlock(Number(n))!.txHashes.map((h) => node.chain.getTransaction(h)!.receipt)
  })

  // ---- logs and filters
  m.set('eth_getLogs', (p) => {
    const [f] = args(p, [logFilter])
    return filters.queryLogs(f)
  })
  m.set('eth_newFilter', (p) => filters.newLogFilter(args(p, [logFilter])[0]))
  m.set('eth_newBlockFilter', () => filters.newBlockFilter())
  m.set('eth_newPendingTransactionFilter', () => filters.newPendingFilter())
  m.set('eth_getFilterChanges', (p) => filters.changes(args(p, [quantity])[0]))
  m.set('eth_getFilterLogs', (p) => filters.logs(args(p, [quantity])[0]))
  m.set('eth_uninstallFilter', (p) => filters.uninstall(args(p, [quantity])[0]))

  // ---- fees
  m.set('eth_feeHistory', (p) => {
    const [count, newest, percentiles] = args(p, [
      quantity,
      blockTag,
      zod.array(zod.number().min(0).max(100)).max(100).optional(),
    ])
    if (percentiles)
      for (let i = 1; i < percentiles.length; i++)
        if (percentiles[i]! < percentiles[i - 1]!)
          throw new RpcInvalidParamsError('invalid reward percentile')
    const last = requireNumber(newest)
    const blocks = count > 1024n ? 1024n : count
    const first = last - blocks + 1n < 0n ? 0n : last - blocks + 1n
    const baseFees: Hex[] = []
    const blobBaseFees: Hex[] = []
    const ratios: number[] = []
    const blobRatios: number[] = []
    const reward: Hex[][] = []
    for (let n = first; n <= last; n++) {
      const h = headerOf(n)
      baseFees.push(q(h.baseFeePerGas ?? 0n))
      blobBaseFees.push(q(h.excessBlobGas === undefined ? 0n : calcBlobBaseFee(h.excessBlobGas, 'Prague')))
      ratios.push(Number(h.gasUsed) / Number(h.gasLimit))
      blobRatios.push(Number(h.blobGasUsed ?? 0n) / (9 * 131072))
      if (percentiles) reward.push(rewards(n, h, percentiles))
    }
    const env = node.pendingEnv()
    baseFees.push(q(last === head() ? env.baseFee : (headerOf(last + 1n).baseFeePerGas ?? 0n)))
    blobBaseFees.push(q(env.blobBaseFee ?? 0n))
    return {
      oldestBlock: q(first),
      baseFeePerGas: baseFees,
      baseFeePerBlobGas: blobBaseFees,
      gasUsedRatio: ratios,
      blobGasUsedRatio: blobRatios,
      ...(percentiles ? { reward } : {}),
    }
  })
  const rewards = (n: bigint, h: BlockHeader, percentiles: number[]): Hex[] => {
    const baseFee = h.baseFeePerGas ?? 0n
    const txs = node.chain.getBlock(Number(n))!.txHashes.map((hash) => node.chain.getTransaction(hash)!)
    if (txs.length === 0) return percentiles.map(() => '0x0')
    const items = txs
      .map((t) => ({
        tip: BigInt(t.receipt.effectiveGasPrice as string) - baseFee,
        gas: BigInt(t.receipt.gasUsed as string),
      }))
      .sort((a, b) => (a.tip < b.tip ? -1 : a.tip > b.tip ? 1 : 0))
    return percentiles.map((pct) => {
      const threshold = (Number(h.gasUsed) * pct) / 100
      let sum = 0
      for (const it of items) {
        sum += Number(it.gas)
        if (sum >= threshold) return q(it.tip)
      }
      return q(items[items.length - 1]!.tip)
    })
  }

  // ---- execution
  const callEnvFor = (tag: BlockTag | undefined) => {
    if (tag?.kind === 'tag' && tag.tag === 'pending') return { state: node.stateAt(), env: node.pendingEnv() }
    const n = requireNumber(tag)
    return { state: node.stateAt(n), env: node.envOf(headerOf(n)) }
  }
  const runCall = async (
    req: CallRequest,
    tag: BlockTag | undefined,
    overrides: StateOverrides | undefined,
    gas?: bigint,
  ) => {
    const vm = await node.getVm()
    if (!vm.executeCall) throw new RpcError(RpcErrorCode.Internal, 'the VM does not support calls')
    const { state, env } = callEnvFor(tag)
    if (req.data !== undefined && req.input !== undefined && req.data !== req.input)
      throw new RpcInvalidParamsError('both "data" and "input" are set and not equal')
    const data = req.input ?? req.data
    let gasPrice = req.gasPrice
    if (gasPrice === undefined && req.maxFeePerGas !== undefined) {
      const tip = req.maxPriorityFeePerGas ?? 0n
      gasPrice = env.baseFee + tip < req.maxFeePerGas ? env.baseFee + tip : req.maxFeePerGas
    }
    const callGas = capGas(gas ?? req.gas, env.gasLimit)
    try {
      return vm.executeCall({
        state: overrideState(state, overrides),
        block: env,
        from: req.from ?? (`0x${'00'.repeat(20)}` as Address),
        to: req.to ?? null,
        data: data ? hexToBytes(data) : new Uint8Array(0),
        value: req.value ?? 0n,
        gas: callGas,
        gasPrice,
      })
    } catch (err) {
      if (err instanceof RpcError) throw err
      const msg = (err as { shortMessage?: string; message?: string })?.shortMessage ?? String(err)
      throw new RpcError(RpcErrorCode.Server, msg, { cause: err })
    }
  }
  m.set('eth_call', async (p) => {
    const [req, tag, overrides] = args(p, [callRequest, optionalBlockTag, stateOverride])
    const result = await runCall(req, tag, toOverrides(overrides))
    throwIfFailed(result)
    return bytesToHex(result.output)
  })
  const estimate = async (
    req: CallRequest,
    tag: BlockTag | undefined,
    overrides: StateOverrides | undefined,
  ) => {
    const { env, state } = callEnvFor(tag)
    const cap = capGas(req.gas, env.gasLimit)
    // geth's short cut: a plain value transfer to a code-less account is tried at 21000 first
    const data = req.input ?? req.data
    if ((data === undefined || data === '0x') && req.to && cap >= 21_000n) {
      const to = overrideState(state, overrides).getAccount(req.to)
      if (to === undefined || to.codeHash === KECCAK256_EMPTY) {
        const r = await runCall(req, tag, overrides, 21_000n)
        if (r.status === 'success') return 21_000n
      }
    }
    const first = await runCall(req, tag, overrides, cap)
    if (first.status === 'revert') throwIfFailed(first)
    if (first.status === 'halt')
      throw new RpcError(RpcErrorCode.Server, `gas required exceeds allowance (${cap})`)
    const ok = async (gas: bigint) => (await runCall(req, tag, overrides, gas)).status === 'success'
    let lo = first.gasUsed - 1n
    let hi = cap
    // geth's optimistic first guess: what it used (pre-refund) plus the call stipend, ×64/63.
    const optimistic = ((first.gasUsed + first.gasRefunded + 2300n) * 64n) / 63n
    if (optimistic < hi) {
      if (await ok(optimistic)) hi = optimistic
      else lo = optimistic
    }
    while (lo + 1n < hi) {
      if (((hi - lo) * 1000n) / hi < 15n) break // within 1.5% (geth's estimateGasErrorRatio)
      let mid = (hi + lo) / 2n
      if (mid > lo * 2n) mid = lo * 2n
      if (await ok(mid)) hi = mid
      else lo = mid
    }
    return hi
  }
  m.set('eth_estimateGas', async (p) => {
    const [req, tag, overrides] = args(p, [callRequest, optionalBlockTag, stateOverride])
    return q(await estimate(req, tag, toOverrides(overrides)))
  })
  // geth's algorithm: trace the call collecting touched addresses and slots (minus sender,
  // recipient and precompiles), re-run with that list until the list stops changing.
  m.set('eth_createAccessList', async (p) => {
    const [req, tag, overridesIn] = args(p, [callRequest, optionalBlockTag, stateOverride])
    const vm = await node.getVm()
    const { state: base, env } = callEnvFor(tag)
    const state = overrideState(base, toOverrides(overridesIn))
    if (req.data !== undefined && req.input !== undefined && req.data !== req.input)
      throw new RpcInvalidParamsError('both "data" and "input" are set and not equal')
    const from = req.from ?? (`0x${'00'.repeat(20)}` as Address)
    const nonce = req.nonce ?? state.getAccount(from)?.nonce ?? 0n
    const to = req.to ?? null
    const exclude = new Set<Address>([
      from,
      to ?? (getContractAddress({ from, nonce }).toLowerCase() as Address),
    ])
    for (const a of precompileAddresses(env.fork)) exclude.add(a.toLowerCase() as Address)
    let gasPrice = req.gasPrice ?? 0n
    if (req.gasPrice === undefined && req.maxFeePerGas !== undefined) {
      const tip = req.maxPriorityFeePerGas ?? 0n
      gasPrice = env.baseFee + tip < req.maxFeePerGas ? env.baseFee + tip : req.maxFeePerGas
    }
    const data = hexToBytes(req.input ?? req.data ?? '0x')
    let prev = createAccessListTracer(exclude, req.accessList as RpcAccessList | undefined)
    for (let round = 0; ; round++) {
      const list = prev.accessList()
      const t = createAccessListTracer(exclude, list)
      let result: TxResult
      try {
        result = vm.executeTransaction({
          state,
          block: env,
          sender: from,
          tx: {
            type: 1,
            chainId: node.chainId,
            nonce,
            gasPrice,
            gasLimit: capGas(req.gas, env.gasLimit),
            to,
            value: req.value ?? 0n,
            data,
            accessList: list.map((e) => ({ address: e.address, storageKeys: e.storageKeys })),
            yParity: 0,
            r: 0n,
            s: 0n,
          },
          tracer: t.tracer,
          skipNonceCheck: true,
          noBaseFee: true,
        } as never)
      } catch (err) {
        if (err instanceof RpcError) throw err
        const msg = (err as { shortMessage?: string; message?: string })?.shortMessage ?? String(err)
        throw new RpcError(RpcErrorCode.Server, `failed to apply transaction: ${msg}`, { cause: err })
      }
      if (t.equal(prev) || round >= 16)
        return {
          accessList: list,
          gasUsed: q(result.gasUsed),
          ...(result.status === 'success' ? {} : { error: haltOrRevert(result) }),
        }
      prev = t
    }
  })

  // ---- tracing (geth's struct logger and callTracer)
  const traceOptions = zod
    .object({
      tracer: zod.enum(['callTracer', 'structLogger']).optional(),
      tracerConfig: zod
        .object({ onlyTopCall: zod.boolean().optional(), withLog: zod.boolean().optional() })
        .passthrough()
        .optional(),
      disableStack: zod.boolean().optional(),
      disableStorage: zod.boolean().optional(),
      enableMemory: zod.boolean().optional(),
      limit: zod.number().int().min(0).optional(),
      timeout: zod.string().optional(),
    })
    .optional()
  const makeTracer = (
    opts: z.output<typeof traceOptions>,
    top: { from: Address; to: Address | null; value: bigint; gas: bigint; input: Uint8Array },
  ) => {
    if (opts?.tracer === 'callTracer') {
      const t = createCallTracer(top, revertReason, { withLog: opts.tracerConfig?.withLog === true })
      return {
        tracer: t.tracer,
        finish: (r: TxResult) => {
          const frame = t.result(r)
          if (opts.tracerConfig?.onlyTopCall) delete frame.calls
          return frame
        },
      }
    }
    const t = createStructLogger({
      disableStack: opts?.disableStack,
      disableStorage: opts?.disableStorage,
      enableMemory: opts?.enableMemory,
      limit: opts?.limit,
    })
    return { tracer: t.tracer, finish: t.result }
  }
  m.set('debug_traceCall', async (p) => {
    const [req, tag, opts] = args(p, [callRequest, optionalBlockTag, traceOptions])
    const vm = await node.getVm()
    const { state, env } = callEnvFor(tag)
    const data = hexToBytes(req.input ?? req.data ?? '0x')
    const from = req.from ?? (`0x${'00'.repeat(20)}` as Address)
    const gas = capGas(req.gas, env.gasLimit)
    const t = makeTracer(opts, { from, to: req.to ?? null, value: req.value ?? 0n, gas, input: data })
    const result = vm.executeCall!({
      state,
      block: env,
      from,
      to: req.to ?? null,
      data,
      value: req.value ?? 0n,
      gas,
      gasPrice: req.gasPrice,
      tracer: t.tracer,
    })
    return t.finish(result)
  })
  m.set('debug_traceTransaction', async (p) => {
    const [hash, opts] = args(p, [hash32, traceOptions])
    const mined = node.chain.getTransaction(hash)
    if (!mined) throw new ResourceUnavailableError('transaction not found')
    const vm = await node.getVm()
    const number = BigInt(mined.tx.blockNumber as string)
    const block = node.chain.getBlock(Number(number))!
    const env = node.envOf(decodeHeader(block.rawHeader))
    // Replay the block's earlier transactions on the parent state, then trace this one.
    const overlay = new OverlayState(node.stateAt(number - 1n))
    // anvil_set* edits folded into this block apply before its transactions
    const devEdit = node.blockDevEdit(number)
    if (devEdit) overlay.apply(devEdit)
    for (const h of block.txHashes) {
      const stored = node.chain.getTransaction(h)!
      const tx = decodeTransaction(stored.raw)
      const sender = stored.tx.from
      if (h === mined.tx.hash) {
        const t = makeTracer(opts, {
          from: sender,
          to: tx.to,
          value: tx.value,
          gas: tx.gasLimit,
          input: tx.data,
        })
        const result = vm.executeTransaction({
          state: overlay,
          block: env,
          tx,
          sender,
          tracer: t.tracer,
        } as never)
        return t.finish(result)
      }
      overlay.apply(vm.executeTransaction({ state: overlay, block: env, tx, sender }).diff)
    }
    throw new ResourceUnavailableError('transaction not found in its block')
  })

  // ---- sending
  m.set('eth_sendRawTransaction', async (p) => {
    // A raw transaction of a batch was already checked, decoded to bytes and sent for recovery.
    const early = p.length === 1 && typeof p[0] === 'string' ? recovered.get(p[0]) : undefined
    let bytes: Uint8Array
    if (early) {
      recovered.delete(p[0] as string)
      bytes = early.bytes
    } else bytes = hexToBytes(args(p, [hexData])[0])
    if (bytes.length > 128 * 1024) throw new TxPoolRejectedError('oversized data')
    let tx: Transaction
    try {
      tx = decodeTransaction(bytes)
    } catch (err) {
      throw new RpcError(
        RpcErrorCode.Server,
        `rlp: ${(err as { shortMessage?: string }).shortMessage ?? 'invalid transaction encoding'}`,
        { cause: err },
      )
    }
    if (tx.type === 0x7e) throw new TxPoolRejectedError('transaction type not supported')
    let done = early ? await early.done : null
    if (!done)
      try {
        // Off the main thread even for a single transaction (one worker round trip, no batching delay).
        done = await recovery.recover(bytes)
      } catch (err) {
        throw new TxPoolRejectedError('invalid sender', (err as Error).message)
      }
    return node.addTransaction(tx, bytes, done.hash, done.sender)
  })
  m.set('eth_sendTransaction', async (p) => {
    const [req] = args(p, [callRequest])
    if (!req.from) throw new RpcInvalidParamsError('missing "from"')
    const from = req.from
    const key = node.keys.get(from) ?? (node.impersonated.has(from) ? IMPERSONATION_KEY : undefined)
    if (!key) throw new RpcError(RpcErrorCode.Server, 'unknown account')
    const env = node.pendingEnv()
    const nonce = req.nonce ?? node.pool.pendingNonce(from, node.stateAt())
    const gas = req.gas ?? (await estimate(req, { kind: 'tag', tag: 'pending' }, undefined))
    const data = hexToBytes(req.input ?? req.data ?? '0x')
    let unsigned: UnsignedTransaction
    if (req.gasPrice !== undefined)
      unsigned = {
        type: 0,
        chainId: node.chainId,
        nonce,
        gasPrice: req.gasPrice,
        gasLimit: gas,
        to: req.to ?? null,
        value: req.value ?? 0n,
        data,
      }
    else {
      const tip = req.maxPriorityFeePerGas ?? 1_000_000_000n
      const maxFee = req.maxFeePerGas ?? env.baseFee * 2n + tip
      unsigned = {
        type: 2,
        chainId: node.chainId,
        nonce,
        maxPriorityFeePerGas: tip < maxFee ? tip : maxFee,
        maxFeePerGas: maxFee,
        gasLimit: gas,
        to: req.to ?? null,
        value: req.value ?? 0n,
        data,
        accessList: (req.accessList ?? []) as never,
      }
    }
    const tx = signTransaction(unsigned, key)
    const raw = encodeTransaction(tx)
    return node.addTransaction(tx, raw, transactionHash(tx), from)
  })

  // ---- txpool
  m.set('txpool_status', () => {
    const c = node.pool.content(node.stateAt())
    return { pending: q(c.pending.length), queued: q(c.queued.length) }
  })
  m.set('txpool_content', () => {
    const c = node.pool.content(node.stateAt())
    const group = (list: typeof c.pending) => {
      const out: Record<string, Record<string, unknown>> = {}
      for (const t of list) {
        out[t.sender] ??= {}
        out[t.sender]![t.nonce.toString()] = formatTransaction(t.tx, t.hash, t.sender, {
          blockHash: null,
          blockNumber: null,
          index: null,
        })
      }
      return out
    }
    return { pending: group(c.pending), queued: group(c.queued) }
  })

  // ---- dev methods (anvil / hardhat compatible)
  const mine = async (p: unknown[]) => {
    const [countOrOpts, interval] = args(p, [
      zod
        .union([
          quantity,
          zod.number().int().min(0),
          zod.object({ timestamp: zod.number().optional(), blocks: zod.number().optional() }),
        ])
        .optional(),
      quantity.optional(),
    ])
    let count = 1
    let timestamp: bigint | undefined
    if (typeof countOrOpts === 'bigint') count = Number(countOrOpts)
    else if (typeof countOrOpts === 'number') timestamp = BigInt(countOrOpts)
    else if (countOrOpts) {
      count = countOrOpts.blocks ?? 1
      if (countOrOpts.timestamp !== undefined) timestamp = BigInt(countOrOpts.timestamp)
    }
    if (count > 10_000) throw new RpcInvalidParamsError('too many blocks')
    for (let i = 0; i < count; i++) {
      await node.mine(1, i === 0 ? timestamp : undefined)
      if (interval !== undefined && i + 1 < count) node.timeOffset += interval - 1n
    }
    return '0x0'
  }
  m.set('evm_mine', mine)
  m.set('anvil_mine', (p) => mine(p.length === 0 ? [] : [p[0], p[1]]))
  m.set('hardhat_mine', (p) => mine(p.length === 0 ? [] : [p[0], p[1]]))
  m.set('evm_snapshot', () => node.snapshot())
  m.set('evm_revert', async (p) => {
    const [id] = args(p, [quantity])
    const key = q(id)
    const n = node.snapshots.get(key)
    if (n === undefined) return false
    for (const k of [...node.snapshots.keys()]) if (BigInt(k) >= id) node.snapshots.delete(k)
    await node.rewind(BigInt(n))
    return true
  })
  m.set('evm_increaseTime', (p) => {
    const [secs] = args(p, [zod.union([quantity, zod.number().int().min(0)])])
    node.timeOffset += BigInt(secs)
    return q(node.timeOffset)
  })
  m.set('evm_setNextBlockTimestamp', (p) => {
    const [ts] = args(p, [zod.union([quantity, zod.number().int().min(0)])])
    const t = BigInt(ts)
    if (t <= node.latest().header.timestamp)
      throw new RpcError(
        RpcErrorCode.Server,
        `timestamp ${t} is lower than or equal to previous block's timestamp`,
      )
    node.nextTimestamp = t
    return null
  })
  m.set('evm_setAutomine', (p) => {
    const [on] = args(p, [zod.boolean()])
    node.setMining(on ? { mode: 'auto' } : { mode: 'manual' })
    return true
  })
  m.set('evm_setIntervalMining', (p) => {
    const [ms] = args(p, [zod.number().int().min(0)])
    node.setMining(ms === 0 ? { mode: 'manual' } : { mode: 'interval', intervalMs: ms })
    return true
  })
  const edit = async (
    addr: Address,
    change: (acc: { nonce: bigint; balance: bigint; codeHash: Hash }) => Partial<
      StateDiff['accounts'] extends Map<Address, infer D> ? D : never
    > & {
      nonce?: bigint
      balance?: bigint
    },
  ) => {
    const state = node.stateAt()
    const cur = state.getAccount(addr) ?? { nonce: 0n, balance: 0n, codeHash: KECCAK256_EMPTY }
    const c = change(cur)
    const diff: StateDiff = {
      accounts: new Map([
        [
          addr,
          {
            account: {
              nonce: c.nonce ?? cur.nonce,
              balance: c.balance ?? cur.balance,
              codeHash: c.account?.codeHash ?? cur.codeHash,
            },
            code: c.code,
            storageCleared: false,
            storage: c.storage ?? new Map(),
          },
        ],
      ]),
    }
    await node.editState(diff)
    return true
  }
  for (const prefix of ['anvil', 'hardhat']) {
    m.set(`${prefix}_setBalance`, async (p) => {
      const [addr, value] = args(p, [address, quantity])
      return edit(addr, () => ({ balance: value }))
    })
    m.set(`${prefix}_setNonce`, async (p) => {
      const [addr, value] = args(p, [address, quantity])
      return edit(addr, () => ({ nonce: value }))
    })
    m.set(`${prefix}_setCode`, async (p) => {
      const [addr, code] = args(p, [address, hexData])
      const bytes = hexToBytes(code)
      const codeHash = bytes.length === 0 ? KECCAK256_EMPTY : (bytesToHex(keccak256(bytes)) as Hash)
      return edit(addr, (cur) => ({ code: bytes, account: { ...cur, codeHash } }))
    })
    m.set(`${prefix}_setStorageAt`, async (p) => {
      const [addr, slot, value] = args(p, [address, quantity, hash32])
      return edit(addr, () => ({ storage: new Map([[slot, BigInt(value)]]) }))
    })
    m.set(`${prefix}_impersonateAccount`, (p) => {
      node.impersonated.add(args(p, [address])[0])
      return null
    })
    m.set(`${prefix}_stopImpersonatingAccount`, (p) => {
      node.impersonated.delete(args(p, [address])[0])
      return null
    })
  }
  // Subscriptions need a push channel: the WebSocket server answers eth_subscribe itself; over HTTP
  // (and in-process) geth's answer is -32601 "notifications not supported".
  const noNotifications = (_params: unknown[]) => {
    throw new RpcError(RpcErrorCode.MethodNotFound, 'notifications not supported')
  }
  m.set('eth_subscribe', noNotifications)
  m.set('eth_unsubscribe', noNotifications)
  m.set('anvil_setAutomine', m.get('evm_setAutomine')!)
  m.set('anvil_setIntervalMining', m.get('evm_setIntervalMining')!)
  return {
    methods: m,
    filters,
    prepareBatch,
    close: () => {
      recovered.clear()
      void recovery.close()
    },
  }
}

/** Call gas as geth caps it: missing or above the block gas limit -> the block gas limit. */
function capGas(gas: bigint | undefined, limit: bigint): bigint {
  return gas === undefined || gas > limit ? limit : gas
}

function haltOrRevert(r: TxResult): string {
  return r.status === 'revert' ? 'execution reverted' : haltMessage(r)
}

/**
 * Impersonated senders: the transaction is signed with this throwaway key only so it has a valid
 * shape and hash; the node records the impersonated address as its sender and never recovers it.
 */
const IMPERSONATION_KEY = '0x0000000000000000000000000000000000000000000000000000000000000001' as Hex

export { RpcMethodNotFoundError }
