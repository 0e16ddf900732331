import { describe, expect, it } from 'vitest'
import { createJsonTracer, executeTransaction, MemoryState, type StepInfo } from '../src/index.js'
import { block, CONTRACT, SENDER } from './helpers.js'

describe('tracers', () => {
  it('step hook sees every opcode with stack and gas; EIP-3155 tracer prints JSON lines', () => {
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 20n })
    state.set(CONTRACT, { code: new Uint8Array([0x60, 0x01, 0x60, 0x02, 0x01, 0x00]) })
    const steps: StepInfo[] = []
    const lines: string[] = []
    const json = createJsonTracer((l) => lines.push(l))
    const tx = {
      type: 0 as const,
      nonce: 0n,
      gasPrice: 10n,
      gasLimit: 100_000n,
      to: CONTRACT,
      value: 0n,
      data: new Uint8Array(),
      v: 27n,
      r: 1n,
      s: 1n,
    }
    executeTransaction({
      state,
      block: block(),
      sender: SENDER,
      tx,
      tracer: {
        step: (s) => {
          steps.push(s)
          json.step!(s)
        },
        txEnd: json.txEnd,
      },
    })
    expect(steps.map((s) => s.opName)).toEqual(['PUSH1', 'PUSH1', 'ADD', 'STOP'])
    expect(steps[2]!.stack).toEqual([1n, 2n])
    expect(steps[0]!.gas).toBe(100_000 - 21_000)
    expect(steps[1]!.gas).toBe(100_000 - 21_003)
    expect(lines).toHaveLength(5)
    expect(JSON.parse(lines[2]!)).toMatchObject({
      pc: 4,
      op: 1,
      opName: 'ADD',
      stack: ['0x1', '0x2'],
      depth: 1,
    })
    expect(JSON.parse(lines[4]!)).toMatchObject({ gasUsed: '0x5211' })
  })
})
