import { describe, expect, it } from 'vitest'
import { executeTransaction, MemoryState } from '../src/index.js'
import { block, CONTRACT, legacyTx, runCode, SENDER } from './helpers.js'

const GAS = 1_000_000n

function expectHalt(code: string, reason: string, gas = GAS) {
  const { result } = runCode(code, { gas })
  expect(result.status).toBe('halt')
  expect(result.haltReason).toBe(reason)
  // An exceptional halt consumes all gas given to the frame.
  expect(result.gasUsed).toBe(gas)
  return result
}

describe('hostile bytecode ends in proper halts', () => {
  it('MSTORE at offset 2^255 is out of gas, no allocation', () => {
    expectHalt(`0x6001${'7f80'.padEnd(66, '0')}52`, 'OutOfGas')
  })
  it('MLOAD just past 2^32 is out of gas', () => {
    expectHalt('0x640100000000' + '51', 'OutOfGas')
  })
  it('quadratic memory expansion to 64 MiB is out of gas without allocating it', () => {
    // PUSH1 1 PUSH4 0x04000000 MSTORE
    const before = process.memoryUsage().arrayBuffers
    expectHalt('0x60016304000000' + '52', 'OutOfGas')
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024)
  })
  it('KECCAK256 of 2^64 bytes is out of gas', () => {
    expectHalt('0x67ffffffffffffffff600020', 'OutOfGas')
  })
  it('CALL with a huge output offset is out of gas', () => {
    // outSize 1, outOffset 2^200, inSize 0, inOffset 0, value 0, to 4, gas
    expectHalt(`0x6001${'7901'.padEnd(54, '0')}5f5f5f60045af1`, 'OutOfGas')
  })
  it('1025 pushes overflow the stack', () => {
    expectHalt(`0x${'5f'.repeat(1025)}`, 'StackOverflow')
  })
  it('1024 pushes are fine', () => {
    const { result } = runCode(`0x${'5f'.repeat(1024)}00`)
    expect(result.status).toBe('success')
  })
  it('ADD on an empty stack underflows', () => {
    expectHalt('0x01', 'StackUnderflow')
  })
  it('undefined opcode and INVALID halt', () => {
    expectHalt('0x0c', 'InvalidOpcode')
    expectHalt('0xfe', 'InvalidOpcode')
  })
  it('jump into PUSH data is invalid', () => {
    // PUSH1 3 JUMP PUSH1 0x5b (the 0x5b is data)
    expectHalt('0x600356605b', 'InvalidJump')
  })
  it('jump beyond the code is invalid', () => {
    expectHalt('0x61ffff56', 'InvalidJump')
  })
  it('truncated PUSH32 at the end reads zeros and stops', () => {
    const { result } = runCode('0x7fff')
    expect(result.status).toBe('success')
  })
  it('RETURNDATACOPY beyond the return data halts', () => {
    expectHalt('0x60015f5f3e', 'ReturnDataOutOfBounds')
  })
  it('SSTORE in a static call fails the inner call only', () => {
    // inner contract 0xbeef: SSTORE(0,1). outer: STATICCALL(gas, 0xbeef, 0,0,0,0), store result at slot 0
    const state = new MemoryState()
    state.set('0x000000000000000000000000000000000000beef', {
      code: new Uint8Array([0x60, 0x01, 0x5f, 0x55]),
    })
    const { result, state: s } = runCode('0x5f5f5f5f61beef5afa5f55', { state })
    expect(result.status).toBe('success')
    s.commit(result.diff)
    expect(s.getStorage(CONTRACT, 0n)).toBe(0n)
  })
})

describe('deep call and create chains', () => {
  it('a self-calling contract reaches exactly depth 1024 (1025 frames) without a JS stack overflow', () => {
    // counter++ in transient storage; CALL(self); if the call failed (depth limit) SSTORE(0, counter)
    const code = '0x5f5c6001015f5d5f5f5f5f5f305af16016575f5c5f555b00'
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 30n })
    state.set(CONTRACT, { code: Uint8Array.from(Buffer.from(code.slice(2), 'hex')), nonce: 1n })
    const gas = 500_000_000_000n
    const result = executeTransaction({
      state,
      block: block('Cancun', { gasLimit: gas }),
      sender: SENDER,
      tx: legacyTx({ gasLimit: gas }),
    })
    expect(result.status).toBe('success')
    state.commit(result.diff)
    expect(state.getStorage(CONTRACT, 0n)).toBe(1025n)
  })

  it('a self-replicating CREATE chain stops at the depth limit', () => {
    // initcode: CODECOPY(0,0,CODESIZE); CREATE(0, 0, CODESIZE); STOP
    const init = '0x385f5f39385f5ff000'
    const { result } = runCode(
      `0x${'7f'}${init.slice(2).padEnd(64, '0')}5f52` +
        `60${(init.length / 2 - 1).toString(16).padStart(2, '0')}5f5ff000`,
      {
        gas: 29_000_000n,
      },
    )
    expect(result.status).toBe('success')
  })
})
