import type { BlockEnv, StateReader } from '@metis-sdk/primitives'
import { MemoryState } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { executeCall } from '../execute-call.js'
import { executeTransaction } from '../execute-transaction.js'
import { CustomPrecompileError, customPrecompiles } from './index.js'

const ECHO = '0x0000000000000000000000000000000000000999'
const SENDER = '0x1000000000000000000000000000000000000001'
const CALLER = '0x2000000000000000000000000000000000000002'

const block: BlockEnv = {
  number: 1n,
  timestamp: 1n,
  coinbase: '0x0000000000000000000000000000000000000000',
  gasLimit: 30_000_000n,
  baseFee: 0n,
  prevRandao: `0x${'00'.repeat(32)}`,
  chainId: 1n,
  difficulty: 0n,
  fork: 'Prague',
}

// Contract: CALL(gas(), 0x999, 0, input 0..2, out 0..32) then returns the BALANCE-free gas cost of
// a second access: PUSH2 0x0999 BALANCE (warm → 100 gas) — we return the CALL's success and output.
// Code: store "hi" at mem 0, call 0x999 with 2 bytes, return 32 bytes of output.
const CALLER_CODE = new Uint8Array([
  0x61,
  0x68,
  0x69,
  0x60,
  0xf0,
  0x1b,
  0x60,
  0x00,
  0x52, // PUSH2 'hi', PUSH1 240, SHL, PUSH1 0, MSTORE
  0x60,
  0x20,
  0x60,
  0x20,
  0x60,
  0x02,
  0x60,
  0x00,
  0x60,
  0x00, // retSize 32, retOff 32, inSize 2, inOff 0, value 0
  0x61,
  0x09,
  0x99,
  0x5a,
  0xf1, // PUSH2 0x0999, GAS, CALL
  0x60,
  0x00,
  0x52, // MSTORE success at 0
  0x60,
  0x40,
  0x60,
  0x00,
  0xf3, // RETURN mem[0..64]
])

function state(): StateReader {
  const s = new MemoryState()
  s.set(SENDER, { balance: 10n ** 18n })
  s.set(CALLER, { code: CALLER_CODE })
  return s
}

const echo = customPrecompiles({
  [ECHO]: { gas: (i) => 100 * i.length, run: (i) => new Uint8Array([...i].reverse()) },
})

describe('custom precompiles', () => {
  it('run from a top-level call, charging their gas, and are warm (EIP-2929)', () => {
    const withPre = executeCall({
      state: state(),
      block,
      from: SENDER,
      to: ECHO,
      data: new Uint8Array([1, 2, 3]),
      precompiles: echo,
    })
    expect(withPre.status).toBe('success')
    expect([...withPre.output]).toEqual([3, 2, 1])
    // intrinsic 21000 + 3 non-zero bytes × 16 + 300 precompile gas
    expect(withPre.gasUsed).toBe(21_000n + 48n + 300n)
    const without = executeCall({
      state: state(),
      block,
      from: SENDER,
      to: ECHO,
      data: new Uint8Array([1, 2, 3]),
    })
    expect(without.output.length).toBe(0)
  })

  it('run from a CALL inside a contract; the target is warm from the start', () => {
    const r = executeCall({ state: state(), block, from: SENDER, to: CALLER, precompiles: echo })
    expect(r.status).toBe('success')
    expect(r.output[31]).toBe(1) // CALL succeeded
    expect(Buffer.from(r.output.subarray(32, 34)).toString()).toBe('ih')
    const cold = executeCall({ state: state(), block, from: SENDER, to: CALLER })
    // Without the precompile the call hits an empty account: cold access (2600) instead of warm (100)
    // and no precompile gas (200): 2600 - 100 - 200 = 2300 more.
    expect(cold.gasUsed - r.gasUsed).toBe(2300n)
  })

  it('fail (all gas consumed) when out of gas or when the handler throws, without crashing', () => {
    const boom = customPrecompiles({
      [ECHO]: {
        gas: () => 10,
        run: () => {
          throw new Error('no model')
        },
      },
    })
    const r = executeCall({ state: state(), block, from: SENDER, to: ECHO, gas: 50_000n, precompiles: boom })
    expect(r.status).toBe('halt')
    expect(r.gasUsed).toBe(50_000n)
    const oog = executeTransaction({
      state: state(),
      block,
      sender: SENDER,
      precompiles: echo,
      tx: {
        type: 0,
        nonce: 0n,
        gasPrice: 0n,
        gasLimit: 21_200n,
        to: ECHO,
        value: 0n,
        data: new Uint8Array([9, 9, 9]),
        v: 27n,
        r: 0n,
        s: 0n,
      },
      skipNonceCheck: true,
      noBaseFee: true,
    } as never)
    expect(oog.status).toBe('halt')
  })

  it('rejects bad addresses and definitions with a typed error', () => {
    expect(() =>
      customPrecompiles({ '0x01': () => ({ ok: true, gasUsed: 0, output: new Uint8Array() }) }),
    ).toThrow(CustomPrecompileError)
    expect(() =>
      customPrecompiles({ '0x0000000000000000000000000000000000000005': { gas: () => 0, run: (i) => i } }),
    ).toThrow(/built-in/)
    expect(() => customPrecompiles({ [ECHO]: 42 as never })).toThrow(CustomPrecompileError)
  })
})
