import { type Address, hexToBytes, privateKeyToAddress, signAuthorization } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { executeTransaction, MemoryState, TransactionValidationError } from '../src/index.js'
import { block, CONTRACT, legacyTx, returnedWord, runCode, SENDER } from './helpers.js'

describe('storage, transient storage, memory', () => {
  it('SSTORE 0→1 costs 22100 cold; clearing it again in the same tx refunds', () => {
    // SSTORE(0, 1)
    const { result } = runCode('0x60015f55')
    expect(result.gasUsed).toBe(21000n + 3n + 2n + 22100n)
    // SSTORE(0,1) SSTORE(0,0): 22100 + 100, refund 19900 capped at gasUsed/5
    const r2 = runCode('0x60015f555f5f55').result
    const used = 21000n + 3n + 2n + 22100n + 2n + 2n + 100n
    expect(r2.gasRefunded).toBe(used / 5n)
    expect(r2.gasUsed).toBe(used - used / 5n)
    expect(r2.diff.accounts.get(CONTRACT)?.storage.size ?? 0).toBe(0)
  })

  it('TSTORE/TLOAD round-trip and do not persist', () => {
    // TSTORE(1, 42) TLOAD(1) MSTORE(0) RETURN(0,32)
    const { result } = runCode('0x602a60015d60015c5f5260205ff3')
    expect(returnedWord(result)).toBe(42n)
    expect(result.diff.accounts.has(CONTRACT)).toBe(false)
  })

  it('MCOPY copies overlapping ranges', () => {
    // MSTORE(0, 0x0102..), MCOPY(dst 1, src 0, 31) → byte 1 = 0x01
    const { result } = runCode(
      `0x7f${'0102030405060708091011121314151617181920212223242526272829303132'}5f52601f5f60015e60205ff3`,
    )
    expect(result.output[0]).toBe(1)
    expect(result.output[1]).toBe(1)
    expect(result.output[2]).toBe(2)
  })
})

describe('creation and self-destruct', () => {
  it('CREATE deploys code at keccak(rlp(sender, nonce)) and the diff carries the code', () => {
    // initcode returning 0x00 (1 byte): PUSH1 1 PUSH0 RETURN → 60015ff3; store it at mem[0..4]
    const { result } = runCode('0x6360015ff35f526004601c5ff05f5260205ff3')
    expect(result.status).toBe('success')
    const created = `0x${returnedWord(result).toString(16).padStart(40, '0')}` as Address
    const d = result.diff.accounts.get(created)
    expect(d?.account?.nonce).toBe(1n)
    expect(d?.code).toEqual(new Uint8Array([0]))
    expect(result.diff.accounts.get(CONTRACT)?.account?.nonce).toBe(2n)
  })

  it('EIP-6780: SELFDESTRUCT of a pre-existing contract only moves the balance', () => {
    const state = new MemoryState()
    const ben = '0x000000000000000000000000000000000000beef'
    const { result } = runCode(`0x61beefff`, { state, value: 5n })
    expect(result.status).toBe('success')
    // balance 0 → +5 → 0 again and the code stays: no diff entry at all
    expect(result.diff.accounts.has(CONTRACT)).toBe(false)
    expect(result.diff.accounts.get(ben)?.account?.balance).toBe(5n)
    // Shanghai rules delete the account
    const r2 = runCode(`0x61beefff`, { value: 5n, fork: 'Shanghai' }).result
    expect(r2.diff.accounts.has(CONTRACT)).toBe(true)
    expect(r2.diff.accounts.get(CONTRACT)!.account).toBeUndefined()
  })
})

describe('transaction validation', () => {
  const base = legacyTx({ gasLimit: 21_000n })
  it('rejects bad nonces, low fee caps, low gas and poor senders with geth-style messages', () => {
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 18n, nonce: 3n })
    const run =
      (tx: object, fork: 'Cancun' | 'Prague' = 'Cancun') =>
      () =>
        executeTransaction({
          state,
          block: block(fork),
          sender: SENDER,
          tx: { ...base, nonce: 3n, ...tx } as never,
        })
    expect(run({ nonce: 2n })).toThrow(/nonce too low/)
    expect(run({ nonce: 4n })).toThrow(/nonce too high/)
    expect(run({ gasPrice: 1n })).toThrow(/max fee per gas less than block base fee/)
    expect(run({ gasLimit: 20_999n })).toThrow(/intrinsic gas too low/)
    expect(run({ value: 10n ** 18n })).toThrow(/insufficient funds for gas \* price \+ value/)
    expect(run({ data: new Uint8Array(10).fill(1), gasLimit: 21_160n }, 'Prague')).toThrow(
      TransactionValidationError,
    )
  })

  it('EIP-7623: Prague charges the calldata floor when execution is cheaper', () => {
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 18n })
    const data = new Uint8Array(100).fill(1) // 400 tokens → floor 21000 + 4000
    const r = executeTransaction({
      state,
      block: block('Prague'),
      sender: SENDER,
      tx: { ...base, nonce: 0n, gasLimit: 100_000n, data },
    })
    expect(r.gasUsed).toBe(25_000n)
    const c = executeTransaction({
      state,
      block: block('Cancun'),
      sender: SENDER,
      tx: { ...base, nonce: 0n, gasLimit: 100_000n, data },
    })
    expect(c.gasUsed).toBe(21_000n + 1600n)
  })
})

describe('EIP-7702 set-code transactions', () => {
  it('delegates an EOA to a contract and runs its code in the EOA context', () => {
    const key = `0x${'42'.repeat(32)}` as const
    const eoa = privateKeyToAddress(key).toLowerCase() as Address
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 18n })
    // delegate code: SSTORE(0, ADDRESS)
    state.set(CONTRACT, { code: hexToBytes('0x305f5500') })
    const auth = signAuthorization({ chainId: 1n, address: CONTRACT, nonce: 0n }, key)
    const r = executeTransaction({
      state,
      block: block('Prague'),
      sender: SENDER,
      tx: {
        type: 4,
        chainId: 1n,
        nonce: 0n,
        maxFeePerGas: 10n,
        maxPriorityFeePerGas: 1n,
        gasLimit: 200_000n,
        to: eoa,
        value: 0n,
        data: new Uint8Array(),
        accessList: [],
        authorizationList: [auth],
        yParity: 0,
        r: 1n,
        s: 1n,
      },
    })
    expect(r.status).toBe('success')
    const d = r.diff.accounts.get(eoa)!
    expect(d.account?.nonce).toBe(1n)
    expect(d.code).toEqual(hexToBytes(`0xef0100${CONTRACT.slice(2)}`))
    expect(d.storage.get(0n)).toBe(BigInt(eoa))
  })
})

describe('read/write sets', () => {
  it('trackReads fills reads and writes', () => {
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 18n })
    state.set(CONTRACT, { code: hexToBytes('0x60015f545500') })
    const r = executeTransaction({
      state,
      block: block(),
      sender: SENDER,
      trackReads: true,
      tx: legacyTx(),
    })
    expect(r.diff.reads).toContainEqual({ kind: 'storage', address: CONTRACT, slot: 0n })
    expect(r.diff.writes).toContainEqual({ kind: 'account', address: SENDER })
  })
})
