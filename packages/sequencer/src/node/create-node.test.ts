import { createPublicClient, createWalletClient, custom, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterEach, describe, expect, it } from 'vitest'
import { createNode, type Node } from './create-node.js'

let node: Node | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

function clients(n: Node, index = 0) {
  const account = privateKeyToAccount(n.accounts[index]!.privateKey)
  return {
    pub: createPublicClient({ chain: foundry, transport: custom(n), cacheTime: 0 }),
    wallet: createWalletClient({ chain: foundry, account, transport: custom(n) }),
  }
}

describe('createNode (in-process EIP-1193)', () => {
  it('starts at genesis with the standard funded dev accounts', async () => {
    node = createNode()
    const { pub } = clients(node)
    expect(await pub.getChainId()).toBe(31337)
    expect(await pub.getBlockNumber()).toBe(0n)
    expect(node.accounts[0]!.address).toBe('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
    expect(await pub.getBalance({ address: node.accounts[9]!.address })).toBe(parseEther('10000'))
    const genesis = await pub.getBlock({ blockNumber: 0n })
    expect(genesis.baseFeePerGas).toBe(1_000_000_000n)
    expect(await node.request({ method: 'eth_accounts' })).toHaveLength(10)
  })

  it('automines a transfer: receipt, block, balances, tx lookups', async () => {
    node = createNode()
    const { pub, wallet } = clients(node)
    const to = node.accounts[1]!.address
    const hash = await wallet.sendTransaction({ to, value: parseEther('1'), gas: 21_000n })
    const receipt = await pub.getTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    expect(receipt.blockNumber).toBe(1n)
    expect(receipt.gasUsed).toBe(21_000n)
    expect(await pub.getBalance({ address: to })).toBe(parseEther('10001'))
    const block = await pub.getBlock({ blockNumber: 1n, includeTransactions: true })
    expect(block.transactions[0]!.hash).toBe(hash)
    expect((await pub.getBlock({ blockHash: block.hash })).number).toBe(1n)
    expect((await pub.getTransaction({ hash })).from).toBe(node.accounts[0]!.address)
    expect(await pub.getTransactionCount({ address: node.accounts[0]!.address })).toBe(1)
    // historical state stays readable
    expect(await pub.getBalance({ address: to, blockNumber: 0n })).toBe(parseEther('10000'))
    const receipts = await node.request({ method: 'eth_getBlockReceipts', params: ['0x1'] })
    expect(receipts).toHaveLength(1)
  })

  it('surfaces geth error strings to viem (nonce too low, insufficient funds)', async () => {
    node = createNode()
    const { wallet } = clients(node)
    const to = node.accounts[1]!.address
    await wallet.sendTransaction({ to, value: 1n, gas: 21_000n })
    await expect(wallet.sendTransaction({ to, value: 1n, gas: 21_000n, nonce: 0 })).rejects.toThrow(
      /nonce too low|lower than the current nonce/i,
    )
    await expect(wallet.sendTransaction({ to, value: parseEther('20000'), gas: 21_000n })).rejects.toThrow(
      /insufficient funds/i,
    )
  })

  it('manual mining keeps pending/queued, replacement needs a 10% bump', async () => {
    node = createNode({ mining: { mode: 'manual' } })
    const { pub, wallet } = clients(node)
    const to = node.accounts[1]!.address
    const fees = { maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, gas: 21_000n }
    await wallet.sendTransaction({ to, value: 1n, nonce: 0, ...fees })
    await wallet.sendTransaction({ to, value: 1n, nonce: 2, ...fees })
    expect(await node.request({ method: 'txpool_status' })).toEqual({ pending: '0x1', queued: '0x1' })
    await expect(
      wallet.sendTransaction({ to, value: 2n, nonce: 0, ...fees, maxFeePerGas: 10_500_000_000n }),
    ).rejects.toThrow(/replacement transaction underpriced/)
    const replaced = await wallet.sendTransaction({
      to,
      value: 2n,
      nonce: 0,
      maxFeePerGas: 11_000_000_000n,
      maxPriorityFeePerGas: 1_100_000_000n,
      gas: 21_000n,
    })
    expect(await pub.getTransactionCount({ address: wallet.account.address, blockTag: 'pending' })).toBe(1)
    await node.request({ method: 'evm_mine' })
    expect((await pub.getTransactionReceipt({ hash: replaced })).status).toBe('success')
    expect(await node.request({ method: 'txpool_status' })).toEqual({ pending: '0x0', queued: '0x1' })
  })

  it('snapshots and reverts state and chain; anvil_setBalance edits state', async () => {
    node = createNode()
    const { pub, wallet } = clients(node)
    const to = node.accounts[1]!.address
    const snap = await node.request({ method: 'evm_snapshot' })
    await wallet.sendTransaction({ to, value: parseEther('1'), gas: 21_000n })
    expect(await pub.getBlockNumber()).toBe(1n)
    expect(await node.request({ method: 'evm_revert', params: [snap] })).toBe(true)
    expect(await pub.getBlockNumber()).toBe(0n)
    expect(await pub.getBalance({ address: to })).toBe(parseEther('10000'))
    await node.request({ method: 'anvil_setBalance', params: [to, '0x1'] })
    expect(await pub.getBalance({ address: to })).toBe(1n)
  })

  it('persists blocks across restarts of the same data directory', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'metis-node-test-'))
    try {
      node = createNode({ dataDir: dir })
      const { wallet } = clients(node)
      const hash = await wallet.sendTransaction({ to: node.accounts[1]!.address, value: 5n, gas: 21_000n })
      await node.close()
      node = createNode({ dataDir: dir })
      const { pub } = clients(node)
      expect(await pub.getBlockNumber()).toBe(1n)
      expect((await pub.getTransactionReceipt({ hash })).status).toBe('success')
    } finally {
      await node?.close()
      node = undefined
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
