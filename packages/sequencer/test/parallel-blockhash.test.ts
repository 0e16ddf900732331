import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asm, push, startHttpNode } from './rpc-helpers.js'

// BLOCKHASH inside blocks executed by Block-STM workers must see the chain's real block hashes.
const C = '0x000000000000000000000000000000000000b10c'
// sstore(caller, blockhash(number - 1))
const CODE = asm(push(1), '43', '03', '40', '33', '55', '00')

let t: Awaited<ReturnType<typeof startHttpNode>>
beforeAll(async () => {
  t = await startHttpNode({ workers: 2, mining: { mode: 'manual' } })
})
afterAll(async () => {
  await t.close()
})

describe('parallel blocks and BLOCKHASH', () => {
  it('a contract reading blockhash(n - 1) in a block run by 2 workers gets the real parent hash', async () => {
    await t.rpc('anvil_setCode', [C, CODE])
    for (let i = 0; i < 3; i++) await t.rpc('evm_mine')
    const senders = t.node.accounts.slice(0, 8).map((a) => a.address)
    // 16 transactions (the executor's parallel threshold), 2 per sender
    for (let round = 0; round < 2; round++)
      for (const from of senders) await t.rpc('eth_sendTransaction', [{ from, to: C, gas: '0x186a0' }])
    await t.rpc('evm_mine')
    const block = await t.rpc('eth_getBlockByNumber', ['latest', false])
    expect(block.transactions).toHaveLength(16)
    const report = (t.node.node as unknown as { executor?: { lastReport?: { mode: string } } }).executor
      ?.lastReport
    expect(report?.mode).toBe('parallel')
    const parent = await t.rpc('eth_getBlockByNumber', [
      `0x${(BigInt(block.number) - 1n).toString(16)}`,
      false,
    ])
    expect(block.parentHash).toBe(parent.hash)
    for (const from of senders) {
      const slot = `0x${from.slice(2).padStart(64, '0')}`
      expect(await t.rpc('eth_getStorageAt', [C, slot, 'latest'])).toBe(parent.hash)
    }
  })
})
