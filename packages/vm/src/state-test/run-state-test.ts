import {
  type AccessList,
  type Address,
  type BlockEnv,
  calcBlobBaseFee,
  type Hardfork,
  type Hash,
  hexToBytes,
  isForkAtLeast,
  keccak256Hex,
  MemoryState,
  normalizeHardfork,
  rlpEncode,
  type Transaction,
  type TxResult,
} from '@metis-sdk/primitives'
import { executeTransaction } from '../execute-transaction.js'
import type { Tracer } from '../tracer.js'

/** The GeneralStateTests JSON shape of one test. */
export type StateTestJson = {
  env: Record<string, string>
  pre: Record<string, { nonce: string; balance: string; code: string; storage: Record<string, string> }>
  transaction: {
    data: string[]
    gasLimit: string[]
    value: string[]
    nonce: string
    gasPrice?: string
    maxFeePerGas?: string
    maxPriorityFeePerGas?: string
    maxFeePerBlobGas?: string
    blobVersionedHashes?: string[]
    accessLists?: (AccessList | null)[]
    authorizationList?: {
      chainId: string
      address: string
      nonce: string
      v?: string
      yParity?: string
      r: string
      s: string
    }[]
    to: string
    sender: string
    secretKey?: string
  }
  post: Record<
    string,
    {
      hash: string
      logs: string
      indexes: { data: number; gas: number; value: number }
      expectException?: string
    }[]
  >
}

/** The outcome of one (fork, data, gas, value) case. */
export type StateTestCaseResult = {
  name: string
  fork: string
  index: { data: number; gas: number; value: number }
  pass: boolean
  stateRoot: Hash
  logsHash: Hash
  error?: string | undefined
}

export type RunStateTestOptions = {
  /** Only run this fork's post states. */
  fork?: string | undefined
  /** Forks older than this are skipped (default Shanghai). */
  minFork?: Hardfork | undefined
  tracer?: Tracer | undefined
  /** Called for forks skipped as out of scope. */
  onSkip?: ((fork: string, cases: number) => void) | undefined
}

const big = (s: string | undefined) => (s === undefined || s === '' ? 0n : BigInt(s))

/** keccak256(rlp(logs)) as state tests define the logs hash. */
export function logsHash(logs: TxResult['logs']): Hash {
  return keccak256Hex(rlpEncode(logs.map((l) => [hexToBytes(l.address), l.topics, l.data])))
}

function buildPre(test: StateTestJson): MemoryState {
  const s = new MemoryState()
  for (const [addr, a] of Object.entries(test.pre)) {
    const storage = new Map<bigint, bigint>()
    for (const [k, v] of Object.entries(a.storage)) if (BigInt(v) !== 0n) storage.set(BigInt(k), BigInt(v))
    s.set(addr as Address, {
      nonce: big(a.nonce),
      balance: big(a.balance),
      code: hexToBytes(a.code as Hash),
      storage,
    })
  }
  // The reference state-test runners answer BLOCKHASH(n) with keccak256 of n's decimal string.
  s.blockHashOf = (n) => keccak256Hex(new TextEncoder().encode(n.toString()))
  return s
}

function buildTx(t: StateTestJson['transaction'], d: number, g: number, v: number): Transaction {
  const data = hexToBytes(t.data[d]! as Hash)
  const to = t.to === '' ? null : (t.to.toLowerCase() as Address)
  const common = {
    nonce: big(t.nonce),
    gasLimit: big(t.gasLimit[g]),
    value: big(t.value[v]),
    data,
    to,
    r: 1n,
    s: 1n,
  }
  const accessList = (t.accessLists?.[d] ?? []) as AccessList
  if (t.authorizationList)
    return {
      ...common,
      type: 4,
      to: to!,
      chainId: 1n,
      maxFeePerGas: big(t.maxFeePerGas),
      maxPriorityFeePerGas: big(t.maxPriorityFeePerGas),
      accessList,
      authorizationList: t.authorizationList.map((a) => ({
        chainId: big(a.chainId),
        address: a.address.toLowerCase() as Address,
        nonce: big(a.nonce),
        yParity: Number(big(a.yParity ?? a.v)),
        r: big(a.r),
        s: big(a.s),
      })),
      yParity: 0,
    }
  if (t.blobVersionedHashes)
    return {
      ...common,
      type: 3,
      to: to as Address,
      chainId: 1n,
      maxFeePerGas: big(t.maxFeePerGas),
      maxPriorityFeePerGas: big(t.maxPriorityFeePerGas),
      maxFeePerBlobGas: big(t.maxFeePerBlobGas),
      blobVersionedHashes: t.blobVersionedHashes as Hash[],
      accessList,
      yParity: 0,
    }
  if (t.maxFeePerGas !== undefined)
    return {
      ...common,
      type: 2,
      chainId: 1n,
      maxFeePerGas: big(t.maxFeePerGas),
      maxPriorityFeePerGas: big(t.maxPriorityFeePerGas),
      accessList,
      yParity: 0,
    }
  if (t.accessLists !== undefined && t.accessLists[d] != null)
    return { ...common, type: 1, chainId: 1n, gasPrice: big(t.gasPrice), accessList, yParity: 0 }
  return { ...common, type: 0, gasPrice: big(t.gasPrice), v: 27n }
}

function blockEnv(env: Record<string, string>, fork: Hardfork): BlockEnv {
  const excess = env.currentExcessBlobGas === undefined ? undefined : BigInt(env.currentExcessBlobGas)
  return {
    number: big(env.currentNumber),
    timestamp: big(env.currentTimestamp),
    coinbase: env.currentCoinbase!.toLowerCase() as Address,
    gasLimit: big(env.currentGasLimit),
    baseFee: big(env.currentBaseFee),
    prevRandao: (env.currentRandom ?? `0x${'00'.repeat(32)}`) as Hash,
    difficulty: big(env.currentDifficulty),
    excessBlobGas: excess,
    blobBaseFee: isForkAtLeast(fork, 'Cancun') ? calcBlobBaseFee(excess ?? 0n, fork) : undefined,
    chainId: 1n,
    fork,
  }
}

/** Runs every case of one state test (all forks ≥ `minFork`, or just `options.fork`). */
export function runStateTest(
  name: string,
  test: StateTestJson,
  options: RunStateTestOptions = {},
): StateTestCaseResult[] {
  const out: StateTestCaseResult[] = []
  const minFork = options.minFork ?? 'Shanghai'
  const pre = buildPre(test)
  for (const [forkName, cases] of Object.entries(test.post)) {
    if (options.fork !== undefined && options.fork !== forkName) continue
    const fork = normalizeHardfork(forkName)
    if (fork === undefined || !isForkAtLeast(fork, minFork)) {
      options.onSkip?.(forkName, cases.length)
      continue
    }
    const block = blockEnv(test.env, fork)
    for (const c of cases) {
      const { data, gas, value } = c.indexes
      const state = pre.clone()
      let result: TxResult | undefined
      let error: string | undefined
      try {
        const tx = buildTx(test.transaction, data, gas, value)
        result = executeTransaction({
          state,
          block,
          tx,
          sender: test.transaction.sender as Address,
          tracer: options.tracer,
        })
        state.commit(result.diff)
      } catch (e) {
        error = e instanceof Error ? ((e as { shortMessage?: string }).shortMessage ?? e.message) : String(e)
        if (!(e instanceof Error && e.name === 'TransactionValidationError')) error = `exception: ${error}`
      }
      const root = state.root()
      const lh = result ? logsHash(result.logs) : keccak256Hex(rlpEncode([]))
      let pass = root === c.hash && lh === c.logs
      let why: string | undefined
      if (c.expectException !== undefined) {
        if (result !== undefined) {
          pass = false
          why = `expected exception ${c.expectException} but the transaction was valid`
        }
      } else if (error !== undefined) {
        pass = false
        why = error
      } else if (!pass)
        why = root !== c.hash ? `state root mismatch (want ${c.hash})` : `logs hash mismatch (want ${c.logs})`
      out.push({ name, fork: forkName, index: c.indexes, pass, stateRoot: root, logsHash: lh, error: why })
    }
  }
  return out
}

/** Runs every test of a GeneralStateTests JSON file. */
export function runStateTestFile(
  json: Record<string, StateTestJson>,
  options: RunStateTestOptions = {},
): StateTestCaseResult[] {
  const out: StateTestCaseResult[] = []
  for (const [name, test] of Object.entries(json)) out.push(...runStateTest(name, test, options))
  return out
}
