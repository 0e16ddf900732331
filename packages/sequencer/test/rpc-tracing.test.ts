import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { asm, push, push20, receipt, startHttpNode } from './rpc-helpers.js'

// debug_traceTransaction / debug_traceCall (callTracer and struct logger), eth_createAccessList and
// eth_subscribe over real HTTP/WS, against hand-assembled contracts with known gas costs.
const B = '0x000000000000000000000000000000000000bb01' // stores its word argument, returns it + 1
const R = '0x000000000000000000000000000000000000bb02' // reverts with Error("nope")
const A = '0x000000000000000000000000000000000000bb03' // CALLs B(0x2a), STATICCALLs R, SLOADs slot 5, returns B's answer

const word = (v: number | bigint) => BigInt(v).toString(16).padStart(64, '0')
const CODE_B = asm(push(0), '35', '80', push(0), '55', push(1), '01', push(0), '52', push(32), push(0), 'f3')
const NOPE = Buffer.from('nope').toString('hex').padEnd(64, '0')
const CODE_R = asm(
  push(0x08c379a0),
  push(0xe0),
  '1b',
  push(0),
  '52',
  push(0x20),
  push(4),
  '52',
  push(4),
  push(0x24),
  '52',
  `7f${NOPE}`,
  push(0x44),
  '52',
  push(0x64),
  push(0),
  'fd',
)
const CODE_A = asm(
  push(0x2a),
  push(0),
  '52',
  ...[push(0x20), push(0x20), push(0x20), push(0), push(0), push20(B), '5a', 'f1', '50'],
  ...[push(0), push(0), push(0), push(0), push20(R), '5a', 'fa', '50'],
  ...[push(5), '54', '50'],
  push(0x20),
  push(0x20),
  'f3',
)
const REVERT_DATA = `0x08c379a0${word(0x20)}${word(4)}${NOPE}`

let t: Awaited<ReturnType<typeof startHttpNode>>
let from: string
let txHash: string
let plainGasUsed: bigint
let accessListResult: any
beforeAll(async () => {
  t = await startHttpNode()
  from = t.node.accounts[0]!.address
  await t.rpc('anvil_setCode', [B, CODE_B])
  await t.rpc('anvil_setCode', [R, CODE_R])
  await t.rpc('anvil_setCode', [A, CODE_A])
  await t.rpc('anvil_setStorageAt', [A, `0x${word(5)}`, `0x${word(7)}`])
  accessListResult = await t.rpc('eth_createAccessList', [{ from, to: A, gas: '0x493e0' }])
  txHash = await t.rpc('eth_sendTransaction', [{ from, to: A, gas: '0x493e0' }])
  plainGasUsed = BigInt((await receipt(t.rpc, txHash)).gasUsed)
})
afterAll(async () => {
  await t.close()
})

describe('callTracer', () => {
  it('nested frames carry type, input, output, gas, gasUsed, value, error and revertReason (geth shape)', async () => {
    const trace = await t.rpc('debug_traceTransaction', [txHash, { tracer: 'callTracer' }])
    const structs = (await t.rpc('debug_traceTransaction', [txHash, {}])).structLogs as any[]
    const firstInB = structs.find((l) => l.depth === 2)
    expect(trace).toEqual({
      type: 'CALL',
      from,
      to: A,
      value: '0x0',
      gas: '0x493e0',
      gasUsed: `0x${plainGasUsed.toString(16)}`,
      input: '0x',
      output: `0x${word(0x2b)}`,
      calls: [
        {
          type: 'CALL',
          from: A,
          to: B,
          value: '0x0',
          gas: `0x${firstInB.gas.toString(16)}`,
          gasUsed: `0x${(22_133).toString(16)}`,
          input: `0x${word(0x2a)}`,
          output: `0x${word(0x2b)}`,
        },
        {
          type: 'STATICCALL',
          from: A,
          to: R,
          gas: expect.stringMatching(/^0x[0-9a-f]+$/),
          gasUsed: '0x3c',
          input: '0x',
          output: REVERT_DATA,
          error: 'execution reverted',
          revertReason: 'nope',
        },
      ],
    })
    const top = await t.rpc('debug_traceTransaction', [
      txHash,
      { tracer: 'callTracer', tracerConfig: { onlyTopCall: true } },
    ])
    expect(top.calls).toBeUndefined()
  })

  it('debug_traceCall gives the same tree for a call; a nested write in a STATICCALL is a failed frame', async () => {
    const trace = await t.rpc('debug_traceCall', [
      { from, to: A, gas: '0x493e0' },
      'latest',
      { tracer: 'callTracer' },
    ])
    expect(trace.calls.map((c: any) => [c.type, c.to, c.input, c.output, c.error])).toEqual([
      ['CALL', B, `0x${word(0x2a)}`, `0x${word(0x2b)}`, undefined],
      ['STATICCALL', R, '0x', REVERT_DATA, 'execution reverted'],
    ])
    // a contract that STATICCALLs B: B's SSTORE is a write-protection failure
    const S = '0x000000000000000000000000000000000000bb04'
    await t.rpc('anvil_setCode', [
      S,
      asm(
        push(0x20),
        push(0),
        push(0x20),
        push(0),
        push20(B),
        '5a',
        'fa',
        push(0),
        '52',
        push(0x20),
        push(0),
        'f3',
      ),
    ])
    const s = await t.rpc('debug_traceCall', [
      { from, to: S, gas: '0x493e0' },
      'latest',
      { tracer: 'callTracer' },
    ])
    expect(s.output).toBe(`0x${word(0)}`)
    expect(s.calls[0]).toMatchObject({ type: 'STATICCALL', from: S, to: B, error: 'write protection' })
    expect(s.calls[0].output).toBeUndefined()
    expect(s.calls[0].gasUsed).toBe(s.calls[0].gas) // an exceptional halt consumes all the frame's gas
  })
  it("withLog lists each frame's logs with their position among its calls; a reverted frame keeps none", async () => {
    const M = '0x000000000000000000000000000000000000bb05' // LOG0 then REVERT
    const L = '0x000000000000000000000000000000000000bb06' // LOG1(0x11), CALL M, LOG2(0x22, 0x33) with 32 bytes of data
    await t.rpc('anvil_setCode', [M, asm(push(0), push(0), 'a0', push(0), push(0), 'fd')])
    await t.rpc('anvil_setCode', [
      L,
      asm(
        ...[push(0x11), push(0), push(0), 'a1'],
        ...[push(0), push(0), push(0), push(0), push(0), push20(M), '5a', 'f1', '50'],
        ...[push(0x77), push(0), '52', push(0x33), push(0x22), push(0x20), push(0), 'a2'],
      ),
    ])
    const trace = await t.rpc('debug_traceCall', [
      { from, to: L, gas: '0x493e0' },
      'latest',
      { tracer: 'callTracer', tracerConfig: { withLog: true } },
    ])
    expect(trace.logs).toEqual([
      { address: L, topics: [`0x${word(0x11)}`], data: '0x', position: '0x0' },
      {
        address: L,
        topics: [`0x${word(0x22)}`, `0x${word(0x33)}`],
        data: `0x${word(0x77)}`,
        position: '0x1',
      },
    ])
    expect(trace.calls).toHaveLength(1)
    expect(trace.calls[0]).toMatchObject({ to: M, error: 'execution reverted' })
    expect(trace.calls[0].logs).toBeUndefined()
    // Without withLog no frame carries logs.
    const plain = await t.rpc('debug_traceCall', [
      { from, to: L, gas: '0x493e0' },
      'latest',
      { tracer: 'callTracer' },
    ])
    expect(plain.logs).toBeUndefined()
  })
})

describe('struct logger', () => {
  it("the step that fails before it runs carries geth's error (out of gas, stack underflow); a revert does not", async () => {
    const LOOP = '0x000000000000000000000000000000000000bb07' // JUMPDEST PUSH1 0 JUMP, forever
    const UNDER = '0x000000000000000000000000000000000000bb08' // ADD on an empty stack
    await t.rpc('anvil_setCode', [LOOP, asm('5b', push(0), '56')])
    await t.rpc('anvil_setCode', [UNDER, asm('01')])
    const oog = await t.rpc('debug_traceCall', [{ from, to: LOOP, gas: '0x6000' }, 'latest', {}])
    expect(oog.failed).toBe(true)
    const last = oog.structLogs[oog.structLogs.length - 1]
    expect(last.error).toBe('out of gas')
    expect(oog.structLogs.filter((l: { error?: string }) => l.error !== undefined)).toHaveLength(1)
    const under = await t.rpc('debug_traceCall', [{ from, to: UNDER, gas: '0x493e0' }, 'latest', {}])
    expect(under.structLogs).toEqual([expect.objectContaining({ op: 'ADD', error: 'stack underflow' })])
    // R reverts: no step carries an error.
    const rev = await t.rpc('debug_traceCall', [{ from, to: R, gas: '0x493e0' }, 'latest', {}])
    expect(rev.failed).toBe(true)
    expect(rev.structLogs.some((l: { error?: string }) => l.error !== undefined)).toBe(false)
  })

  it('stack, storage, memory, refund and dynamic gasCost as geth reports them', async () => {
    const r = await t.rpc('debug_traceTransaction', [txHash, { enableMemory: true }])
    expect(r.failed).toBe(false)
    expect(r.gas).toBe(Number(plainGasUsed))
    expect(r.returnValue).toBe(word(0x2b))
    const logs = r.structLogs as any[]
    const inB = logs.filter(
      (l) => l.depth === 2 && logs.indexOf(l) < logs.findIndex((x) => x.op === 'STATICCALL'),
    )
    const sstore = inB.find((l) => l.op === 'SSTORE')
    expect(sstore.gasCost).toBe(22_100) // cold slot (2100) + zero -> non-zero (20000)
    expect(sstore.storage).toEqual({ [word(0)]: word(0x2a) })
    expect(sstore.stack).toEqual(['0x2a', '0x2a', '0x0'])
    expect(inB.find((l) => l.op === 'MSTORE').gasCost).toBe(6) // 3 + one word of memory expansion
    const ret = inB.find((l) => l.op === 'RETURN')
    expect(ret.memory).toEqual([word(0x2b)])
    expect(ret.gasCost).toBe(0)
    expect(inB.filter((l) => l.storage === undefined).length).toBe(inB.length - 1) // storage only on SLOAD/SSTORE
    // CALL: cold account (2600) + memory expansion to 64 bytes (3) + the gas handed to B (63/64 rule)
    const call = logs.find((l) => l.op === 'CALL')
    const afterCost = call.gas - 2603
    const callGas = afterCost - Math.floor(afterCost / 64)
    expect(logs[logs.indexOf(call) + 1].gas).toBe(callGas) // B's first step
    expect(call.gasCost).toBe(2603 + callGas)
    const sload = logs.find((l) => l.op === 'SLOAD')
    expect(sload.gasCost).toBe(2100)
    expect(sload.storage).toEqual({ [word(5)]: word(7) })
    expect(sload.depth).toBe(1)
    expect(logs.every((l) => l.refund === undefined)).toBe(true)
    // every opcode of a frame costs what the gas counter says, but calls, whose callee hands gas back
    for (let i = 0; i + 1 < logs.length; i++) {
      const a = logs[i]
      const b = logs[i + 1]
      if (a.depth === b.depth && !['CALL', 'STATICCALL'].includes(a.op)) expect(a.gas - b.gas).toBe(a.gasCost)
    }
    const noStack = await t.rpc('debug_traceTransaction', [
      txHash,
      { disableStack: true, disableStorage: true },
    ])
    expect(noStack.structLogs.some((l: any) => l.stack !== undefined || l.storage !== undefined)).toBe(false)
    expect(noStack.structLogs.some((l: any) => l.memory !== undefined)).toBe(false)
  })
})

describe('eth_createAccessList', () => {
  it("returns geth's list (touched addresses and slots, sender/recipient/precompiles excluded) and the gas with it", async () => {
    const byAddr = [...accessListResult.accessList].sort((x: any, y: any) =>
      x.address.localeCompare(y.address),
    )
    expect(byAddr).toEqual([
      { address: B, storageKeys: [`0x${word(0)}`] },
      { address: R, storageKeys: [] },
      // the recipient itself is excluded as an address, but its slots are listed (geth does the same)
      { address: A, storageKeys: [`0x${word(5)}`] },
    ])
    expect(accessListResult.error).toBeUndefined()
    // list: 3 addresses × 2400 + 2 slots × 1900 = 11000; saved: B and R 2500 each, B slot0 2100, A slot5 2000
    expect(BigInt(accessListResult.gasUsed)).toBe(plainGasUsed + 11_000n - 9_100n)
  })

  it('a sender-only transfer has an empty list; bad params get -32602', async () => {
    const r = await t.rpc('eth_createAccessList', [{ from, to: t.node.accounts[1]!.address, value: '0x1' }])
    expect(r).toEqual({ accessList: [], gasUsed: '0x5208' })
    expect((await t.raw('eth_createAccessList', [{ to: '0x12' }])).error?.code).toBe(-32602)
  })
})

describe('eth_subscribe', () => {
  it('over HTTP: -32601 "notifications not supported" (geth); the node keeps serving', async () => {
    const r = await t.raw('eth_subscribe', ['newHeads'])
    expect(r.error).toEqual({ code: -32601, message: 'notifications not supported' })
    expect((await t.raw('eth_unsubscribe', ['0x1'])).error?.code).toBe(-32601)
    expect((await t.raw('eth_chainId')).result).toBe('0x7a69')
  })

  it('over WebSocket: newHeads notifications as before', async () => {
    const ws = new WebSocket(t.server.wsUrl)
    await new Promise((r) => ws.once('open', r))
    const messages: any[] = []
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())))
    const waitFor = async (pred: (m: any) => boolean) => {
      for (let i = 0; i < 300; i++) {
        const m = messages.find(pred)
        if (m) return m
        await new Promise((r) => setTimeout(r, 20))
      }
      throw new Error('timeout')
    }
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }))
    const sub = (await waitFor((m) => m.id === 1)).result
    expect(sub).toMatch(/^0x[0-9a-f]+$/)
    await t.rpc('evm_mine')
    const head = await waitFor((m) => m.method === 'eth_subscription' && m.params.subscription === sub)
    expect(head.params.result.number).toBe(await t.rpc('eth_blockNumber'))
    ws.close()
  })
})
