import {
  type Address,
  bytesToHex,
  configForTestNetwork,
  createMemoryState,
  type Hash,
  hexToBytes,
  keccak256,
  type LegacyTransaction,
  type MemoryState,
  rlpEncode,
} from '@metis-sdk/primitives'
import type { BlockHeader, ExecutableBlock, ExecutorChainConfig } from '../src/types.js'

/** mulberry32: a tiny seeded PRNG so every failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const toyConfig: ExecutorChainConfig = configForTestNetwork('Shanghai')

const addr = (n: number, prefix = 'aa') => `0x${prefix}${n.toString(16).padStart(38, '0')}` as Address
export const COINBASE = addr(0xc0, 'cb')
const COUNTER = addr(1, 'c1')
const TOKEN = addr(2, 'c2')
const PROBE = addr(3, 'c3')
const DEPLOYER = addr(4, 'c4')
const pool = (k: number) => addr(0x100 + k, 'c5')
const doomed = (k: number) => addr(0x200 + k, 'c6')

function createAddress(from: Address, nonce: bigint): Address {
  return bytesToHex(keccak256(rlpEncode([hexToBytes(from), nonce])).subarray(12)) as Address
}

export type ToyChain = { state: MemoryState; blocks: ExecutableBlock[] }

/**
 * Adversarial blocks for the toy VM: independent transfers, a hot counter, dependency chains
 * through balances, token transfers and reverts, AMM swaps over few pools, deploy-then-call,
 * self-destructs, out-of-gas, BALANCE(coinbase) probes, transfers to and from the coinbase.
 */
export function toyChain(seed: number, blocks = 2, txsPerBlock = 60): ToyChain {
  const r = rng(seed)
  const users = Array.from({ length: 24 }, (_, k) => addr(k + 1))
  const alloc: Parameters<typeof createMemoryState>[0] = {}
  for (const u of users) alloc[u] = { balance: 10n ** 21n }
  alloc[COINBASE] = { balance: r() < 0.5 ? 0n : 10n ** 20n }
  alloc[COUNTER] = { code: new Uint8Array([0x01]) }
  const tokenStorage = new Map<bigint, bigint>()
  for (const u of users) tokenStorage.set(BigInt(u), 1000n)
  alloc[TOKEN] = { code: new Uint8Array([0x02]), storage: tokenStorage }
  alloc[PROBE] = { code: new Uint8Array([0x31]) }
  alloc[DEPLOYER] = { code: new Uint8Array([0x06]), nonce: 1n }
  for (let k = 0; k < 3; k++)
    alloc[pool(k)] = {
      code: new Uint8Array([0x03]),
      storage: new Map([
        [0n, 10n ** 12n],
        [1n, 10n ** 12n],
      ]),
    }
  for (let k = 0; k < 4; k++)
    alloc[doomed(k)] = { code: new Uint8Array([0x04]), balance: 5n, storage: new Map([[7n, 7n]]) }
  const state = createMemoryState(alloc)
  const nonces = new Map<Address, bigint>()
  const deployed: Address[] = []
  const out: ExecutableBlock[] = []
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  for (let b = 0; b < blocks; b++) {
    const txs: LegacyTransaction[] = []
    const senders: Address[] = []
    const add = (from: Address, to: Address | null, value: bigint, data: Uint8Array, gasLimit = 200_000n) => {
      const nonce = nonces.get(from) ?? 0n
      nonces.set(from, nonce + 1n)
      txs.push({
        type: 0,
        nonce,
        gasPrice: 10n + BigInt(Math.floor(r() * 5)),
        gasLimit,
        to,
        value,
        data,
        v: 27n,
        r: 1n,
        s: 1n,
      })
      senders.push(from)
      return nonce
    }
    for (let t = 0; t < txsPerBlock; t++) {
      const from = pick(users)
      const x = r()
      const word = (v: bigint) => hexToBytes(`0x${v.toString(16).padStart(64, '0')}`)
      if (x < 0.25) add(from, pick(users), BigInt(1 + Math.floor(r() * 1000)), new Uint8Array(0))
      else if (x < 0.33) add(from, COUNTER, 0n, word(BigInt(Math.floor(r() * 2))))
      else if (x < 0.45) {
        const to = pick(users)
        const amount = r() < 0.1 ? 10n ** 9n : BigInt(Math.floor(r() * 50))
        add(from, TOKEN, 0n, new Uint8Array([...hexToBytes(to), ...word(amount)]))
      } else if (x < 0.55) add(from, pool(Math.floor(r() * 3)), 0n, word(BigInt(1 + Math.floor(r() * 1e6))))
      else if (x < 0.6) add(from, PROBE, 0n, new Uint8Array(0))
      else if (x < 0.65) {
        const nonce = add(from, null, 0n, new Uint8Array([0x01]))
        deployed.push(createAddress(from, nonce))
      } else if (x < 0.7 && deployed.length > 0) add(from, pick(deployed), 0n, word(3n))
      else if (x < 0.73) add(from, doomed(Math.floor(r() * 4)), 0n, new Uint8Array(0))
      else if (x < 0.76) add(from, addr(5, 'c7'), 0n, word(10n ** 6n), 100_000n)
      else if (x < 0.8) add(from, COINBASE, BigInt(Math.floor(r() * 3)), new Uint8Array(0))
      else if (x < 0.83) add(COINBASE, pick(users), 0n, new Uint8Array(0))
      else if (x < 0.88) add(from, DEPLOYER, 0n, new Uint8Array([0x01]))
      else {
        // A dependency chain: value hops through a run of users, each hop funding the next sender.
        const hops = 2 + Math.floor(r() * 4)
        let cur = from
        for (let h = 0; h < hops && t < txsPerBlock; h++, t++) {
          const next = pick(users)
          add(cur, next, 10n ** 18n, new Uint8Array(0))
          cur = next
        }
      }
    }
    const header: BlockHeader = {
      parentHash: `0x${'11'.repeat(32)}` as Hash,
      ommersHash: `0x${'00'.repeat(32)}` as Hash,
      coinbase: COINBASE,
      stateRoot: `0x${'00'.repeat(32)}` as Hash,
      transactionsRoot: `0x${'00'.repeat(32)}` as Hash,
      receiptsRoot: `0x${'00'.repeat(32)}` as Hash,
      logsBloom: `0x${'00'.repeat(256)}`,
      difficulty: 0n,
      number: BigInt(b + 1),
      gasLimit: 30_000_000n,
      gasUsed: 0n,
      timestamp: BigInt(1000 + b * 12),
      extraData: '0x',
      mixHash: `0x${'22'.repeat(32)}` as Hash,
      nonce: '0x0000000000000000',
      baseFeePerGas: 7n,
      withdrawalsRoot: `0x${'00'.repeat(32)}` as Hash,
    }
    out.push({
      header,
      transactions: txs,
      senders,
      withdrawals: [{ index: BigInt(b), validatorIndex: 1n, address: users[0]!, amount: 5n }],
    })
  }
  return { state, blocks: out }
}
