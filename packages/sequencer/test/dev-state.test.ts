import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { asm, push, receipt, startHttpNode } from './rpc-helpers.js'

// anvil_/hardhat_ set* change state in place, as anvil does: no block, visible at latest/pending,
// to calls and to the next block, persisted across a restart, replayed by debug_traceTransaction.
const dir = mkdtempSync(join(tmpdir(), 'metis-dev-state-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const X = '0x000000000000000000000000000000000000e001'
const Y = '0x000000000000000000000000000000000000e002'
const word = (v: number | bigint) => `0x${BigInt(v).toString(16).padStart(64, '0')}`
// returns SLOAD(0) + 1
const CODE = asm(push(0), '54', push(1), '01', push(0), '52', push(32), push(0), 'f3')

describe('dev state edits', () => {
  it('set balance/nonce/code/storage without mining; survives a restart; folded into the next block', async () => {
    let t = await startHttpNode({ dataDir: dir })
    const n0 = await t.rpc('eth_blockNumber')
    expect(await t.rpc('anvil_setBalance', [X, '0xde0b6b3a7640000'])).toBe(true)
    expect(await t.rpc('hardhat_setNonce', [X, '0x7'])).toBe(true)
    expect(await t.rpc('anvil_setCode', [Y, CODE])).toBe(true)
    expect(await t.rpc('hardhat_setStorageAt', [Y, '0x0', word(41)])).toBe(true)
    expect(await t.rpc('eth_blockNumber')).toBe(n0)
    for (const tag of ['latest', 'pending']) {
      expect(await t.rpc('eth_getBalance', [X, tag])).toBe('0xde0b6b3a7640000')
      expect(await t.rpc('eth_getTransactionCount', [X, tag])).toBe('0x7')
      expect(await t.rpc('eth_getCode', [Y, tag])).toBe(CODE)
      expect(await t.rpc('eth_getStorageAt', [Y, '0x0', tag])).toBe(word(41))
    }
    expect(await t.rpc('eth_call', [{ to: Y }])).toBe(word(42))
    // reads by the head's number see the head state, edits included (as anvil)
    expect(await t.rpc('eth_getBalance', [X, n0])).toBe('0xde0b6b3a7640000')
    await t.close()

    // restart: the pending edit is still there, still without a new block
    t = await startHttpNode({ dataDir: dir })
    expect(await t.rpc('eth_blockNumber')).toBe(n0)
    expect(await t.rpc('eth_getBalance', [X, 'latest'])).toBe('0xde0b6b3a7640000')
    expect(await t.rpc('eth_call', [{ to: Y }])).toBe(word(42))

    // the next block carries the edit: a transaction in it sees the edited state
    const from = t.node.accounts[0]!.address
    const hash = await t.rpc('eth_sendTransaction', [{ from, to: Y, gas: '0x186a0' }])
    const r = await receipt(t.rpc, hash)
    expect(r.status).toBe('0x1')
    expect(BigInt(r.blockNumber)).toBe(BigInt(n0) + 1n)
    expect(await t.rpc('eth_getBalance', [X, r.blockNumber])).toBe('0xde0b6b3a7640000')
    expect(await t.rpc('eth_getStorageAt', [Y, '0x0', r.blockNumber])).toBe(word(41))
    // the trace replays the edit before the transaction: SLOAD sees 41
    const trace = await t.rpc('debug_traceTransaction', [hash, {}])
    const sload = trace.structLogs.find((l: any) => l.op === 'SLOAD')
    expect(sload.storage).toEqual({ [word(0).slice(2)]: word(41).slice(2) })
    expect(trace.returnValue).toBe(word(42).slice(2))
    // a balance edit funds a transaction of the edited account right away
    const Z = t.node.accounts[1]!.address
    await t.rpc('anvil_setBalance', [Z, '0x0'])
    expect((await t.raw('eth_sendTransaction', [{ from: Z, to: X, value: '0x1' }])).error?.message).toMatch(
      /insufficient funds/,
    )
    await t.rpc('anvil_setBalance', [Z, '0xde0b6b3a7640000'])
    const paid = await t.rpc('eth_sendTransaction', [{ from: Z, to: X, value: '0x1' }])
    expect((await receipt(t.rpc, paid)).status).toBe('0x1')
    const head = await t.rpc('eth_blockNumber')
    await t.close()

    // after the edit was mined, a restart shows it from the chain (no pending edit left)
    t = await startHttpNode({ dataDir: dir })
    expect(await t.rpc('eth_blockNumber')).toBe(head)
    expect(await t.rpc('eth_getBalance', [X, 'latest'])).toBe('0xde0b6b3a7640001')
    expect(await t.rpc('eth_getTransactionCount', [X, 'latest'])).toBe('0x7')
    await t.close()
  })

  it('evm_revert drops pending edits; snapshots still work', async () => {
    const t = await startHttpNode()
    const snap = await t.rpc('evm_snapshot')
    await t.rpc('anvil_setBalance', [X, '0x5'])
    expect(await t.rpc('eth_getBalance', [X, 'latest'])).toBe('0x5')
    expect(await t.rpc('evm_revert', [snap])).toBe(true)
    expect(await t.rpc('eth_getBalance', [X, 'latest'])).toBe('0x0')
    expect((await t.raw('anvil_setBalance', [X, 'banana'])).error?.code).toBe(-32602)
    await t.close()
  })
})
