import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { createChain } from './create-chain.js'
import { aiStackAddresses, deployAiStack } from './deploy-preset.js'
import { createMemoryClient } from './memory-client.js'

describe('createChain', () => {
  it('assembles a chain with an EIP-1193 request and a viem memory client', async () => {
    const chain = createChain({ genesis: { chainId: 4242, accounts: 2, balance: parseEther('5') } })
    try {
      expect(await chain.request({ method: 'eth_chainId' })).toBe('0x1092')
      const client = createMemoryClient(chain, { accountIndex: 1 })
      expect(client.chain.id).toBe(4242)
      expect(await client.getBalance({ address: client.account.address })).toBe(parseEther('5'))
      const hash = await client.sendTransaction({ to: chain.accounts[0]!.address, value: parseEther('1') })
      const receipt = await client.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
      expect(await client.getBlockNumber()).toBe(1n)
      expect(() => createMemoryClient(chain, { accountIndex: 9 })).toThrow()
    } finally {
      await chain.close()
    }
  })

  it('deploys the AI stack at the fixed preset addresses', async () => {
    const chain = createChain()
    try {
      const client = createMemoryClient(chain)
      const addresses = await deployAiStack(client)
      expect(addresses).toEqual(aiStackAddresses(client.account.address))
      for (const a of Object.values(addresses))
        expect((await client.getCode({ address: a }))?.length).toBeGreaterThan(2)
    } finally {
      await chain.close()
    }
  })

  it('swaps the state DB for a persistent directory that survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metis-chain-'))
    try {
      const first = createChain({ statedb: { kind: 'persistent', dataDir: dir, noSync: true } })
      const c1 = createMemoryClient(first)
      await c1.waitForTransactionReceipt({
        hash: await c1.sendTransaction({ to: first.accounts[1]!.address, value: 7n }),
      })
      await first.close()
      const second = createChain({ statedb: { kind: 'persistent', dataDir: dir, noSync: true } })
      try {
        const c2 = createMemoryClient(second)
        expect(await c2.getBlockNumber()).toBe(1n)
      } finally {
        await second.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
