import {
  type Address,
  type BlockEnv,
  floorDataGas,
  intrinsicGas,
  isForkAtLeast,
  KECCAK256_EMPTY,
  type Log,
  recoverAuthority,
  type StateReader,
  type Transaction,
  type TxResult,
} from '@metis-sdk/primitives'
import { analyzeCodeCached } from './analysis.js'
import { TransactionValidationError } from './errors.js'
import {
  createAddress,
  delegationTarget,
  type ExecEnv,
  Frame,
  forkFlags,
  haltName,
  precompileAt,
  runFrames,
  S_COLLISION,
  S_PRECOMPILE,
  S_RETURN,
  S_REVERT,
  S_STOP,
  startCreate,
} from './interpreter.js'
import { type Precompile, precompileAddresses, precompilesFor } from './precompiles/index.js'
import type { Tracer } from './tracer.js'
import { type Acct, WorldState } from './world-state.js'

/** Parameters of {@link executeTransaction}. */
export type ExecuteTransactionParameters = {
  state: StateReader
  block: BlockEnv
  tx: Transaction
  /** The recovered sender (lowercase or checksummed hex). */
  sender: Address
  tracer?: Tracer | undefined
  /** Fill `diff.reads` / `diff.writes` (for the parallel executor). */
  trackReads?: boolean | undefined
  skipNonceCheck?: boolean | undefined
  skipBalanceCheck?: boolean | undefined
  /** eth_call style: allow a fee cap below the base fee (a zero gas price pays nothing). */
  noBaseFee?: boolean | undefined
  /**
   * Custom precompiles by address (see `customPrecompiles`): warm from the start (EIP-2929) and
   * run like the built-ins. They must be deterministic and synchronous.
   */
  precompiles?: ReadonlyMap<bigint, Precompile> | undefined
}

const MAX_U64 = 0xffffffffffffffffn
const MAX_INITCODE_SIZE = 49152
const GAS_PER_BLOB = 131072n
const MAX_SAFE_GAS = 1n << 52n

function fail(reason: string, message: string): never {
  throw new TransactionValidationError(reason, message)
}

/** Builds the interpreter environment for one transaction. */
export function makeEnv(
  ws: WorldState,
  block: BlockEnv,
  origin: Address,
  gasPrice: bigint,
  blobHashes: bigint[],
  tracer: Tracer | undefined,
  custom?: ReadonlyMap<bigint, Precompile> | undefined,
): ExecEnv {
  const fork = block.fork
  const flags = forkFlags(fork)
  const reader = ws.reader
  return {
    ws,
    fork,
    table: flags.table,
    isCancun: flags.isCancun,
    isPrague: flags.isPrague,
    origin: BigInt(origin),
    gasPrice,
    coinbase: BigInt(block.coinbase),
    timestamp: block.timestamp,
    number: block.number,
    prevRandao: BigInt(block.prevRandao),
    gasLimit: block.gasLimit,
    baseFee: block.baseFee,
    chainId: block.chainId,
    blobBaseFee: block.blobBaseFee ?? 0n,
    blobHashes,
    precompiles: precompilesFor(fork),
    custom: custom !== undefined && custom.size > 0 ? custom : undefined,
    blockHash: (n) => {
      const h = reader.getBlockHash(n)
      return h === undefined ? 0n : BigInt(h)
    },
    tracer,
    logs: [] as Log[],
  }
}

/**
 * Executes one transaction against `state` (synchronously) and returns its result with the state
 * diff. Throws {@link TransactionValidationError} when the transaction is invalid for the block.
 *
 * @example
 * const result = executeTransaction({ state, block, tx, sender })
 * result.status // 'success' | 'revert' | 'halt'
 */
export function executeTransaction(params: ExecuteTransactionParameters): TxResult {
  const { block, tx } = params
  const fork = block.fork
  const sender = params.sender.toLowerCase() as Address
  const ws = new WorldState(params.state, params.trackReads === true)
  const isDeposit = tx.type === 0x7e
  const isPrague = isForkAtLeast(fork, 'Prague')

  // --- Static validation -------------------------------------------------------------------
  const typeFork =
    tx.type === 1
      ? 'Berlin'
      : tx.type === 2
        ? 'London'
        : tx.type === 3
          ? 'Cancun'
          : tx.type === 4
            ? 'Prague'
            : undefined
  if (typeFork !== undefined && !isForkAtLeast(fork, typeFork))
    fail('type-not-supported', `transaction type ${tx.type} not supported`)
  const gasLimit = tx.gasLimit
  if (gasLimit > block.gasLimit) fail('gas-limit-reached', 'gas limit reached')
  if (gasLimit > MAX_U64) fail('gas-limit-overflow', 'gas limit overflows uint64')
  let maxFee = 0n
  let tip = 0n
  if (tx.type === 0 || tx.type === 1) {
    maxFee = tx.gasPrice
    tip = tx.gasPrice
  } else if (tx.type !== 0x7e) {
    maxFee = tx.maxFeePerGas
    tip = tx.maxPriorityFeePerGas
    if (tip > maxFee) fail('tip-above-fee-cap', 'max priority fee per gas higher than max fee per gas')
  }
  if (maxFee >= 1n << 256n) fail('fee-cap-overflow', 'max fee per gas higher than 2^256-1')
  if (gasLimit * maxFee >= 1n << 256n) fail('gas-fee-overflow', 'gas * gasPrice overflows 256 bits')
  const skipBaseFee = params.noBaseFee === true && maxFee === 0n && tip === 0n
  if (!isDeposit && !skipBaseFee && maxFee < block.baseFee)
    fail('fee-cap-too-low', 'max fee per gas less than block base fee')
  const gasPrice =
    isDeposit || skipBaseFee ? 0n : tx.type === 0 || tx.type === 1 ? maxFee : min(maxFee, block.baseFee + tip)
  const intrinsic = isDeposit ? 0n : intrinsicGas(tx, fork)
  if (gasLimit < intrinsic) fail('intrinsic-gas-too-low', 'intrinsic gas too low')
  const floor = isDeposit ? 0n : floorDataGas(tx.data, fork)
  if (gasLimit < floor) fail('floor-data-gas', 'insufficient gas for floor data gas cost')
  if (tx.to === null && tx.data.length > MAX_INITCODE_SIZE)
    fail('initcode-too-large', 'max initcode size exceeded')
  if ((tx.type === 3 || tx.type === 4) && (tx.to as Address | null) === null)
    fail('typed-create', `transaction type ${tx.type} cannot create a contract`)
  let blobGas = 0n
  const blobHashes: bigint[] = []
  if (tx.type === 3) {
    const n = tx.blobVersionedHashes.length
    if (n === 0) fail('blob-missing', 'blob transaction missing blob hashes')
    const max = isPrague ? 9 : 6
    if (n > max) fail('blob-too-many', `blob transaction has too many blobs: ${n} > ${max}`)
    for (const h of tx.blobVersionedHashes) {
      if (!h.startsWith('0x01')) fail('blob-version', 'blob version hash has invalid version')
      blobHashes.push(BigInt(h))
    }
    blobGas = BigInt(n) * GAS_PER_BLOB
    if (tx.maxFeePerBlobGas < (block.blobBaseFee ?? 0n))
      fail('blob-fee-too-low', 'max fee per blob gas less than block blob gas fee')
  }
  if (tx.value >= 1n << 256n) fail('value-overflow', 'value higher than 2^256-1')
  if (tx.type === 4 && tx.authorizationList.length === 0)
    fail('empty-authorizations', 'EIP-7702 transaction with empty auth list')

  // --- Stateful validation -----------------------------------------------------------------
  const from = ws.get(sender)
  if (from.codeHash !== KECCAK256_EMPTY && !(isPrague && delegationTarget(ws.code(from)) !== undefined))
    fail('sender-not-eoa', `sender not an eoa: address ${sender}, codehash: ${from.codeHash}`)
  if (!isDeposit && params.skipNonceCheck !== true) {
    if (from.nonce >= MAX_U64) fail('nonce-max', 'nonce has max value')
    if (tx.nonce < from.nonce)
      fail('nonce-too-low', `nonce too low: address ${sender}, tx: ${tx.nonce} state: ${from.nonce}`)
    if (tx.nonce > from.nonce)
      fail('nonce-too-high', `nonce too high: address ${sender}, tx: ${tx.nonce} state: ${from.nonce}`)
  }
  if (isDeposit && tx.mint > 0n) ws.addBalance(from, tx.mint)
  const blobFeeCap = tx.type === 3 ? tx.maxFeePerBlobGas : 0n
  const maxCost = gasLimit * maxFee + tx.value + blobGas * blobFeeCap
  if (!isDeposit && params.skipBalanceCheck !== true && from.balance < maxCost)
    fail(
      'insufficient-funds',
      `insufficient funds for gas * price + value: address ${sender} have ${from.balance} want ${maxCost}`,
    )

  // --- Buy gas, bump nonce, warm the access list ------------------------------------------
  const upfront = gasLimit * gasPrice + blobGas * (block.blobBaseFee ?? 0n)
  if (upfront > 0n || !isDeposit) ws.setBalance(from, from.balance - upfront)
  const nonceBefore = from.nonce
  ws.setNonce(from, from.nonce + 1n)
  ws.warmAddress(sender)
  if (tx.to !== null) ws.warmAddress(tx.to.toLowerCase() as Address)
  if (isForkAtLeast(fork, 'Shanghai')) ws.warmAddress(block.coinbase.toLowerCase() as Address)
  for (const p of precompileAddresses(fork)) ws.warmAddress(p)
  const custom = params.precompiles
  if (custom !== undefined)
    for (const a of custom.keys()) ws.warmAddress(`0x${a.toString(16).padStart(40, '0')}` as Address)
  if (tx.type === 1 || tx.type === 2 || tx.type === 3 || tx.type === 4)
    for (const item of tx.accessList) {
      const addr = item.address.toLowerCase() as Address
      ws.warmAddress(addr)
      if (item.storageKeys.length > 0) {
        const a = ws.get(addr)
        for (const k of item.storageKeys) ws.warmSlot(a, BigInt(k))
      }
    }
  if (tx.type === 4) applyAuthorizations(ws, tx.authorizationList, block.chainId)

  // --- Execute -----------------------------------------------------------------------------
  const env = makeEnv(ws, block, sender, gasPrice, blobHashes, params.tracer, custom)
  // Gas is a double inside the VM. Limits above 2^53 (state tests use 2^63-1) run with a capped
  // budget and the excess is added back afterwards: nothing can burn 2^53 gas in practice.
  const fullExec = gasLimit - intrinsic
  const excess = fullExec > MAX_SAFE_GAS ? fullExec - MAX_SAFE_GAS : 0n
  const execGas = Number(fullExec - excess)
  const { status, gasLeft, output, createdAddress } =
    tx.to === null
      ? runCreate(env, from, createAddress(sender, nonceBefore), tx.value, tx.data, execGas)
      : runCall(env, from, tx.to.toLowerCase() as Address, tx.value, tx.data, execGas)

  // --- Refund and pay -----------------------------------------------------------------------
  let gasUsed = gasLimit - BigInt(gasLeft) - excess
  let refund = 0n
  if (!isDeposit) {
    const r = BigInt(Math.max(ws.refund, 0))
    refund = min(r, gasUsed / 5n)
    gasUsed -= refund
    if (gasUsed < floor) gasUsed = floor
    ws.addBalance(from, (gasLimit - gasUsed) * gasPrice)
    const coinbaseFee = skipBaseFee ? 0n : gasUsed * (gasPrice - block.baseFee)
    ws.addBalance(ws.get(block.coinbase.toLowerCase() as Address), coinbaseFee > 0n ? coinbaseFee : 0n)
  }
  ws.commitJournal()
  const diff = ws.finalize()
  const ok = status === S_STOP || status === S_RETURN
  const result: TxResult = {
    status: ok ? 'success' : status === S_REVERT ? 'revert' : 'halt',
    haltReason: haltName(status),
    gasUsed,
    gasRefunded: refund,
    output,
    logs: ok ? env.logs : [],
    createdAddress: ok ? createdAddress : undefined,
    blobGasUsed: blobGas,
    diff,
  }
  params.tracer?.txEnd?.({ output, gasUsed, status: result.status, haltReason: result.haltReason })
  return result
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

type RunOutcome = {
  status: number
  gasLeft: number
  output: Uint8Array
  createdAddress?: Address | undefined
}

/** A top-level message call from `from` to `to` (transfer, precompile, or code). */
export function runCall(
  env: ExecEnv,
  from: Acct,
  to: Address,
  value: bigint,
  data: Uint8Array,
  gas: number,
  caller: Address = from.address,
): RunOutcome {
  const ws = env.ws
  const target = ws.get(to)
  const checkpoint = ws.checkpoint()
  const toNum = BigInt(to)
  let codeAcct = target
  let delegated = false
  if (env.isPrague && target.codeHash !== KECCAK256_EMPTY) {
    const d = delegationTarget(ws.code(target))
    if (d !== undefined) {
      ws.warmAddress(d)
      codeAcct = ws.get(d)
      delegated = true
    }
  }
  const pre = delegated ? undefined : precompileAt(env, toNum)
  if (value !== 0n || target.exists || pre !== undefined) {
    if (value !== 0n) {
      ws.setBalance(from, from.balance - value)
      ws.addBalance(target, value)
    } else ws.addBalance(target, 0n)
  }
  if (pre !== undefined) {
    const r = pre(data, gas)
    if (r.ok) return { status: S_RETURN, gasLeft: gas - r.gasUsed, output: r.output }
    ws.revert(checkpoint)
    return { status: S_PRECOMPILE, gasLeft: 0, output: new Uint8Array(0) }
  }
  const code = ws.code(codeAcct)
  if (code.length === 0) return { status: S_STOP, gasLeft: gas, output: new Uint8Array(0) }
  const frame = new Frame(
    analyzeCodeCached(codeAcct.codeHash, code),
    gas,
    target,
    caller,
    value,
    data,
    false,
    0,
    false,
  )
  frame.checkpoint = checkpoint
  frame.refundStart = ws.refund
  frame.logsStart = env.logs.length
  runFrames(env, frame)
  return { status: frame.status, gasLeft: frame.gas, output: frame.output }
}

/** A top-level contract creation (the sender's nonce is already bumped). */
export function runCreate(
  env: ExecEnv,
  from: Acct,
  address: Address,
  value: bigint,
  initcode: Uint8Array,
  gas: number,
): RunOutcome {
  env.ws.warmAddress(address)
  const frame = startCreate(env, from, address, value, initcode, gas, 0)
  if (frame === undefined) return { status: S_COLLISION, gasLeft: 0, output: new Uint8Array(0) }
  if (typeof frame === 'number')
    return { status: S_STOP, gasLeft: frame, output: new Uint8Array(0), createdAddress: address }
  runFrames(env, frame)
  return { status: frame.status, gasLeft: frame.gas, output: frame.output, createdAddress: address }
}

const SECP_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n

/** EIP-7702: applies each valid authorization (invalid ones are skipped, never fail the tx). */
function applyAuthorizations(
  ws: WorldState,
  list: readonly import('@metis-sdk/primitives').Authorization[],
  chainId: bigint,
): void {
  for (const auth of list) {
    if (auth.chainId !== 0n && auth.chainId !== chainId) continue
    if (auth.nonce >= MAX_U64) continue
    if (auth.s > SECP_HALF_N) continue
    let authority: Address | undefined
    try {
      authority = recoverAuthority(auth)
    } catch {
      authority = undefined
    }
    if (authority === undefined) continue
    authority = authority.toLowerCase() as Address
    ws.warmAddress(authority)
    const acct = ws.get(authority)
    if (acct.codeHash !== KECCAK256_EMPTY && delegationTarget(ws.code(acct)) === undefined) continue
    if (acct.nonce !== auth.nonce) continue
    if (acct.exists) ws.refund += 25000 - 12500
    const target = auth.address.toLowerCase()
    if (BigInt(target) === 0n) ws.setCode(acct, new Uint8Array(0))
    else {
      const code = new Uint8Array(23)
      code[0] = 0xef
      code[1] = 0x01
      for (let i = 0; i < 20; i++) code[3 + i] = Number.parseInt(target.slice(2 + 2 * i, 4 + 2 * i), 16)
      ws.setCode(acct, code)
    }
    ws.setNonce(acct, acct.nonce + 1n)
  }
}
