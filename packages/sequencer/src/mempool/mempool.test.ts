import {
  type Address,
  encodeTransaction,
  type Hex,
  KECCAK256_EMPTY,
  privateKeyToAddress,
  type StateReader,
  signTransaction,
  type Transaction,
  transactionHash,
} from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { Mempool, type PoolContext } from './mempool.js'

const KEYS = ['0x01', '0x02', '0x03'].map((k) => `0x${k.slice(2).padStart(64, '0')}` as Hex)
const SENDERS = KEYS.map((k) => privateKeyToAddress(k).toLowerCase() as Address)
const TO = '0x000000000000000000000000000000000000beef' as Address

function state(nonces: Record<string, bigint> = {}, balance = 10n ** 21n): StateReader {
  return {
    getAccount: (a) => ({ nonce: nonces[a] ?? 0n, balance, codeHash: KECCAK256_EMPTY }),
    getCode: () => new Uint8Array(),
    getStorage: () => 0n,
    getBlockHash: () => undefined,
  }
}
const ctx = (s: StateReader = state(), extra: Partial<PoolContext> = {}): PoolContext => ({
  state: s,
  fork: 'Prague',
  baseFee: 1_000_000_000n,
  blockGasLimit: 30_000_000n,
  ...extra,
})

function tx(
  key: number,
  nonce: bigint,
  fee = 2_000_000_000n,
  tip = 1_000_000_000n,
  extra: Partial<{ gasLimit: bigint; value: bigint; data: Uint8Array }> = {},
) {
  const t = signTransaction(
    {
      type: 2,
      chainId: 31337n,
      nonce,
      maxFeePerGas: fee,
      maxPriorityFeePerGas: tip,
      gasLimit: extra.gasLimit ?? 21_000n,
      to: TO,
      value: extra.value ?? 0n,
      data: extra.data ?? new Uint8Array(),
      accessList: [],
    },
    KEYS[key]!,
  )
  return {
    tx: t as Transaction,
    meta: { raw: encodeTransaction(t), hash: transactionHash(t), sender: SENDERS[key]! },
  }
}

describe('Mempool (geth semantics)', () => {
  it('separates pending from queued by nonce gaps and promotes when the gap fills', () => {
    const pool = new Mempool({ chainId: 31337n })
    const a = tx(0, 0n)
    const c = tx(0, 2n)
    pool.add(a.tx, a.meta, ctx())
    pool.add(c.tx, c.meta, ctx())
    let content = pool.content(state())
    expect(content.pending.map((t) => t.nonce)).toEqual([0n])
    expect(content.queued.map((t) => t.nonce)).toEqual([2n])
    expect(pool.pendingNonce(SENDERS[0]!, state())).toBe(1n)
    const b = tx(0, 1n)
    pool.add(b.tx, b.meta, ctx())
    content = pool.content(state())
    expect(content.pending.map((t) => t.nonce)).toEqual([0n, 1n, 2n])
    expect(pool.pendingNonce(SENDERS[0]!, state())).toBe(3n)
  })

  it("rejects with geth's exact strings", () => {
    const pool = new Mempool({ chainId: 31337n })
    const a = tx(0, 0n)
    pool.add(a.tx, a.meta, ctx())
    expect(() => pool.add(a.tx, a.meta, ctx())).toThrow('already known')
    const low = tx(1, 0n)
    expect(() => pool.add(low.tx, low.meta, ctx(state({ [SENDERS[1]!]: 5n })))).toThrow('nonce too low')
    const rich = tx(1, 0n, 2_000_000_000n, 1_000_000_000n, { value: 10n ** 22n })
    expect(() => pool.add(rich.tx, rich.meta, ctx())).toThrow('insufficient funds for gas * price + value')
    const intrinsic = tx(1, 0n, 2_000_000_000n, 1_000_000_000n, { gasLimit: 20_000n })
    expect(() => pool.add(intrinsic.tx, intrinsic.meta, ctx())).toThrow('intrinsic gas too low')
    const huge = tx(1, 0n, 2_000_000_000n, 1_000_000_000n, { gasLimit: 40_000_000n })
    expect(() => pool.add(huge.tx, huge.meta, ctx())).toThrow('exceeds block gas limit')
    const tipAbove = tx(1, 0n, 1_000_000_000n, 2_000_000_000n)
    expect(() => pool.add(tipAbove.tx, tipAbove.meta, ctx())).toThrow(
      'max priority fee per gas higher than max fee per gas',
    )
    const cheap = tx(1, 0n, 500_000_000n, 1n)
    expect(() => pool.add(cheap.tx, cheap.meta, ctx(state(), { requireBaseFee: true }))).toThrow(
      'max fee per gas less than block base fee',
    )
  })

  it('replaces only with a >=10% bump of both fee cap and tip', () => {
    const pool = new Mempool({ chainId: 31337n })
    const a = tx(0, 0n, 2_000_000_000n, 1_000_000_000n)
    pool.add(a.tx, a.meta, ctx())
    const capOnly = tx(0, 0n, 2_200_000_000n, 1_000_000_000n)
    expect(() => pool.add(capOnly.tx, capOnly.meta, ctx())).toThrow('replacement transaction underpriced')
    const nine = tx(0, 0n, 2_180_000_000n, 1_090_000_000n)
    expect(() => pool.add(nine.tx, nine.meta, ctx())).toThrow('replacement transaction underpriced')
    const ten = tx(0, 0n, 2_200_000_000n, 1_100_000_000n)
    expect(pool.add(ten.tx, ten.meta, ctx())?.hash).toBe(a.meta.hash)
    expect(pool.size).toBe(1)
    expect(pool.has(a.meta.hash)).toBe(false)
  })

  it('enforces per-sender and global limits, evicting the cheapest', () => {
    const pool = new Mempool({ chainId: 31337n, maxPerSender: 2, maxTotal: 3 })
    for (const n of [0n, 1n]) {
      const t = tx(0, n, 2_000_000_000n, 1_000_000n)
      pool.add(t.tx, t.meta, ctx())
    }
    const third = tx(0, 2n)
    expect(() => pool.add(third.tx, third.meta, ctx())).toThrow('account limit exceeded')
    const b = tx(1, 0n, 2_000_000_000n, 5_000_000n)
    pool.add(b.tx, b.meta, ctx())
    const cheaper = tx(2, 0n, 2_000_000_000n, 1n)
    expect(() => pool.add(cheaper.tx, cheaper.meta, ctx())).toThrow('txpool is full')
    const richer = tx(2, 0n, 3_000_000_000n, 2_000_000_000n)
    pool.add(richer.tx, richer.meta, ctx())
    expect(pool.size).toBe(3)
    expect(pool.has(richer.meta.hash)).toBe(true)
  })

  it('selects by effective tip, keeps each sender in nonce order, respects the gas limit', () => {
    const pool = new Mempool({ chainId: 31337n })
    const a0 = tx(0, 0n, 10_000_000_000n, 1_000_000_000n)
    const a1 = tx(0, 1n, 10_000_000_000n, 9_000_000_000n)
    const b0 = tx(1, 0n, 10_000_000_000n, 3_000_000_000n)
    const c0 = tx(2, 0n, 1_500_000_000n, 1_500_000_000n) // effective tip 0.5 gwei at base fee 1 gwei
    for (const t of [a1, a0, b0, c0]) pool.add(t.tx, t.meta, ctx())
    const picked = pool.select(state(), 1_000_000_000n, 30_000_000n).map((t) => t.hash)
    expect(picked).toEqual([b0.meta.hash, a0.meta.hash, a1.meta.hash, c0.meta.hash])
    expect(pool.select(state(), 1_000_000_000n, 42_000n)).toHaveLength(2)
    expect(pool.select(state(), 2_000_000_000n, 30_000_000n).map((t) => t.hash)).not.toContain(c0.meta.hash)
    pool.prune(state({ [SENDERS[0]!]: 2n }))
    expect(pool.size).toBe(2)
  })
})
