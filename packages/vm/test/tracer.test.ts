import { describe, expect, it } from 'vitest'
import { createJsonTracer, executeTransaction, MemoryState, type StepInfo } from '../src/index.js'
import { block, CONTRACT, legacyTx, SENDER } from './helpers.js'

describe('tracers', () => {
  it('step hook sees every opcode with stack and gas; EIP-3155 tracer prints JSON lines', () => {
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 20n })
    state.set(CONTRACT, { code: new Uint8Array([0x60, 0x01, 0x60, 0x02, 0x01, 0x00]) })
    const steps: StepInfo[] = []
    const lines: string[] = []
    const json = createJsonTracer((l) => lines.push(l))
    const tx = legacyTx()
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

  it('log hook sees every LOG with its depth, also those a reverting frame drops afterwards', () => {
    const B = '0x00000000000000000000000000000000000000bb' as const
    const state = new MemoryState()
    state.set(SENDER, { balance: 10n ** 20n })
    // B: LOG0 with no data, then REVERT.
    state.set(B, { code: new Uint8Array([0x60, 0, 0x60, 0, 0xa0, 0x60, 0, 0x60, 0, 0xfd]) })
    // The contract: LOG1(topic 0x11), CALL B with all gas, POP, STOP.
    const call = [
      0x60,
      0,
      0x60,
      0,
      0x60,
      0,
      0x60,
      0,
      0x60,
      0,
      0x73,
      ...Array(19).fill(0),
      0xbb,
      0x5a,
      0xf1,
      0x50,
      0x00,
    ]
    state.set(CONTRACT, { code: new Uint8Array([0x60, 0x11, 0x60, 0, 0x60, 0, 0xa1, ...call]) })
    const seen: { address: string; topics: Uint8Array[]; data: Uint8Array; depth: number }[] = []
    const result = executeTransaction({
      state,
      block: block(),
      sender: SENDER,
      tx: legacyTx({ gasLimit: 200_000n }),
      tracer: { log: (l) => seen.push(l) },
    })
    expect(result.status).toBe('success')
    expect(seen.map((l) => [l.address, l.depth, l.topics.length])).toEqual([
      [CONTRACT.toLowerCase(), 1, 1],
      [B, 2, 0],
    ])
    expect(seen[0]!.topics[0]![31]).toBe(0x11)
    // The receipt keeps only the log of the frame that did not revert.
    expect(result.logs.map((l) => l.address)).toEqual([CONTRACT.toLowerCase()])
  })
})
