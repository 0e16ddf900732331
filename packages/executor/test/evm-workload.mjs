// EVM block workloads over the contracts in contracts/Workload.sol, shared by the determinism
// tests (adversarial mixes from a seed) and bench/suites/executor.mjs (the benchmark shapes).
// Plain ESM so the benchmark can import it from node without a build step.
import { readFileSync } from 'node:fs'
import {
  bytesToHex,
  configForTestNetwork,
  hexToBytes,
  KECCAK256_EMPTY,
  keccak256,
  rlpEncode,
  signAuthorization,
} from '@metis-sdk/primitives'
import { privateKeyToAddress } from 'viem/accounts'

const bytecode = JSON.parse(readFileSync(new URL('./contracts/bytecode.json', import.meta.url), 'utf8'))
export const config = configForTestNetwork('Prague')

const hex = (n, bytes = 32) => n.toString(16).padStart(bytes * 2, '0')
const selector = (sig) => bytesToHex(keccak256(new TextEncoder().encode(sig)).subarray(0, 4)).slice(2)
const call = (sig, ...args) =>
  hexToBytes(
    `0x${selector(sig)}${args.map((a) => (typeof a === 'string' ? hex(BigInt(a)) : hex(a))).join('')}`,
  )
const addr = (prefix, k) => `0x${prefix}${k.toString(16).padStart(40 - prefix.length, '0')}`
const mappingSlot = (key, slot) =>
  BigInt(bytesToHex(keccak256(hexToBytes(`0x${hex(BigInt(key))}${hex(slot)}`))))
const createAddress = (from, nonce) =>
  bytesToHex(keccak256(rlpEncode([hexToBytes(from), nonce])).subarray(12))

export const COINBASE = addr('cb', 1)
export const TOKEN = addr('c1', 1)
export const COUNTER = addr('c2', 1)
export const MISC = addr('c3', 1)
export const pool = (k) => addr('c4', k + 1)
export const doomed = (k) => addr('c5', k + 1)
export const user = (k) => addr('aa', k + 1)

/** Genesis allocation with `users` funded EOAs, `pools` AMM pools and the other contracts. */
export function genesis({ users = 64, pools = 4, doomedCount = 4, coinbaseBalance = 0n } = {}) {
  const code = (name) => hexToBytes(bytecode[name].runtime)
  const alloc = {}
  const tokenStorage = new Map()
  for (let k = 0; k < users; k++) {
    alloc[user(k)] = { balance: 10n ** 24n }
    tokenStorage.set(mappingSlot(user(k), 0n), 10n ** 20n)
  }
  alloc[COINBASE] = { balance: coinbaseBalance }
  alloc[TOKEN] = { code: code('Token'), nonce: 1n, storage: tokenStorage }
  alloc[COUNTER] = { code: code('Counter'), nonce: 1n }
  alloc[MISC] = { code: code('Misc'), nonce: 1n }
  for (let k = 0; k < pools; k++)
    alloc[pool(k)] = {
      code: code('Pool'),
      nonce: 1n,
      storage: new Map([
        [0n, 10n ** 24n],
        [1n, 10n ** 24n],
      ]),
    }
  for (let k = 0; k < doomedCount; k++) alloc[doomed(k)] = { code: code('Misc'), nonce: 1n, balance: 1000n }
  return alloc
}

/** Builds a block of transactions with explicit senders (signatures are not needed when senders are given). */
export class BlockBuilder {
  constructor(number = 1n) {
    this.number = number
    this.nonces = new Map()
    this.txs = []
    this.senders = []
  }
  nonceOf(from) {
    return this.nonces.get(from) ?? 0n
  }
  add(
    from,
    to,
    data = new Uint8Array(0),
    { value = 0n, gasLimit = 200_000n, tip = 1n, type = 2, authorizationList } = {},
  ) {
    const nonce = this.nonceOf(from)
    this.nonces.set(from, nonce + 1n)
    const tx = {
      type,
      chainId: config.chainId,
      nonce,
      maxPriorityFeePerGas: tip,
      maxFeePerGas: 1000n,
      gasLimit,
      to,
      value,
      data,
      accessList: [],
      yParity: 0,
      r: 1n,
      s: 1n,
    }
    if (type === 4) tx.authorizationList = authorizationList
    this.txs.push(tx)
    this.senders.push(from)
    return nonce
  }
  block(extra = {}) {
    const z = `0x${'00'.repeat(32)}`
    return {
      header: {
        parentHash: `0x${'11'.repeat(32)}`,
        ommersHash: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
        coinbase: COINBASE,
        stateRoot: z,
        transactionsRoot: z,
        receiptsRoot: z,
        logsBloom: `0x${'00'.repeat(256)}`,
        difficulty: 0n,
        number: this.number,
        gasLimit: 2_000_000_000n,
        gasUsed: 0n,
        timestamp: 1_000n + this.number * 12n,
        extraData: '0x',
        mixHash: `0x${'22'.repeat(32)}`,
        nonce: '0x0000000000000000',
        baseFeePerGas: 7n,
        withdrawalsRoot: z,
        blobGasUsed: 0n,
        excessBlobGas: 0n,
        parentBeaconBlockRoot: `0x${'33'.repeat(32)}`,
        requestsHash: z,
      },
      transactions: this.txs,
      senders: this.senders,
      withdrawals: [],
      ...extra,
    }
  }
}

export const calls = {
  transfer: (to, amount) => call('transfer(address,uint256)', to, amount),
  swap: (amountIn) => call('swap(uint256)', amountIn),
  bump: (key) => call('bump(uint256)', key),
  probe: () => call('probe()'),
  fail: () => call('fail()'),
  burn: (n) => call('burn(uint256)', n),
  destroy: () => call('destroy()'),
  ephemeral: () => call('ephemeral()'),
  deploy: () => call('deploy()'),
}

/** Benchmark shapes: `n` transactions of one kind. */
export function benchBlock(kind, n) {
  const b = new BlockBuilder()
  for (let i = 0; i < n; i++) {
    const from = user(i)
    if (kind === 'raw-transfers') b.add(from, user(n + i), undefined, { value: 1000n, gasLimit: 21_000n })
    else if (kind === 'erc20-transfers')
      b.add(from, TOKEN, calls.transfer(user(n + i), 1000n), { gasLimit: 60_000n })
    else if (kind === 'amm-many-pools')
      b.add(from, pool(i % Math.max(1, Math.floor(n / 2))), calls.swap(1000n + BigInt(i)), {
        gasLimit: 80_000n,
      })
    else if (kind === 'amm-hot-pool')
      b.add(from, pool(0), calls.swap(1000n + BigInt(i)), { gasLimit: 80_000n })
    else if (kind === 'dependency-chain')
      b.add(user(i), user(i + 1), undefined, {
        value: 10n ** 24n - 10n ** 18n * BigInt(i + 1),
        gasLimit: 21_000n,
      })
    else throw new Error(`unknown workload ${kind}`)
  }
  return b.block()
}

/** mulberry32 */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const AUTHORITY_KEYS = Array.from({ length: 4 }, (_, k) => `0x${hex(BigInt(k + 1) * 0x1234567n)}`)
export const authorities = AUTHORITY_KEYS.map((k) => privateKeyToAddress(k).toLowerCase())

/**
 * An adversarial block for `seed`: independent transfers, one hot counter slot, value chains,
 * ERC-20 transfers with reverts, swaps on few pools, deploy-then-call (CREATE tx and factory),
 * self-destructs (old and same-tx), out-of-gas loops, BALANCE(coinbase) probes, transfers to and
 * from the coinbase, and EIP-7702 delegations followed by calls to the delegated EOAs.
 */
export function adversarialBlock(seed, n, number = 1n, state, { coinbaseSends = true } = {}) {
  const r = rng(seed * 7919 + Number(number))
  const b = new BlockBuilder(number)
  // Continue nonces from the parent state when one is given (multi-block runs).
  if (state) {
    const get = b.nonceOf.bind(b)
    b.nonceOf = (from) => (b.nonces.has(from) ? get(from) : (state.getAccount(from)?.nonce ?? 0n))
  }
  const users = 48
  const pick = (k) => Math.floor(r() * k)
  const deployed = []
  // Every block has at least one revert and one out-of-gas halt.
  b.add(user(pick(users)), MISC, calls.fail())
  b.add(user(pick(users)), MISC, calls.burn(100_000n), { gasLimit: 60_000n })
  for (let t = 2; t < n; t++) {
    const from = user(pick(users))
    const x = r()
    if (x < 0.2)
      b.add(from, user(pick(users)), undefined, {
        value: BigInt(1 + pick(1e6)),
        gasLimit: 21_000n,
        tip: BigInt(pick(3)),
      })
    else if (x < 0.3)
      b.add(from, TOKEN, calls.transfer(user(pick(users)), r() < 0.1 ? 10n ** 30n : BigInt(pick(1e6))))
    else if (x < 0.38) b.add(from, pool(pick(2)), calls.swap(BigInt(1 + pick(1e9))))
    else if (x < 0.44) b.add(from, COUNTER, calls.bump(BigInt(pick(2))))
    else if (x < 0.48) b.add(from, MISC, calls.probe())
    else if (x < 0.5) b.add(from, MISC, calls.fail())
    else if (x < 0.52) b.add(from, MISC, calls.burn(100_000n), { gasLimit: 60_000n })
    else if (x < 0.55) b.add(from, doomed(pick(4)), calls.destroy())
    else if (x < 0.57) b.add(from, MISC, calls.ephemeral(), { value: 5n })
    else if (x < 0.6) b.add(from, MISC, calls.deploy(), { gasLimit: 300_000n })
    else if (x < 0.63) {
      const nonce = b.add(from, null, hexToBytes(bytecode.Counter.initcode), { gasLimit: 300_000n })
      deployed.push(createAddress(from, nonce))
    } else if (x < 0.67 && deployed.length > 0) b.add(from, deployed[pick(deployed.length)], calls.bump(3n))
    else if (x < 0.7) b.add(from, COINBASE, undefined, { value: BigInt(pick(3)), gasLimit: 21_000n })
    else if (x < 0.72 && coinbaseSends)
      b.add(COINBASE, user(pick(users)), undefined, { value: 1n, gasLimit: 21_000n, tip: 0n })
    else if (x < 0.76) {
      const k = pick(AUTHORITY_KEYS.length)
      const authority = authorities[k]
      const authNonce = b.nonceOf(authority)
      const auth = signAuthorization(
        { chainId: config.chainId, address: r() < 0.5 ? COUNTER : MISC, nonce: authNonce },
        AUTHORITY_KEYS[k],
      )
      b.add(from, user(pick(users)), undefined, { type: 4, authorizationList: [auth], gasLimit: 100_000n })
      // The authority's nonce moves with the authorization, as the VM applies it.
      b.nonces.set(authority, authNonce + 1n)
    } else if (x < 0.8)
      b.add(from, authorities[pick(authorities.length)], calls.bump(BigInt(pick(2))), { gasLimit: 100_000n })
    else if (x < 0.86) {
      let cur = from
      for (let h = 0; h < 3 && t < n; h++, t++) {
        const next = user(pick(users))
        b.add(cur, next, undefined, { value: 10n ** 21n, gasLimit: 21_000n })
        cur = next
      }
    } else b.add(from, COUNTER, calls.bump(BigInt(1000 + t)))
  }
  return b.block()
}

export { KECCAK256_EMPTY }
