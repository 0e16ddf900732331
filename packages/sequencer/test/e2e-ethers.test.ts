import { ContractFactory, JsonRpcProvider, parseEther, Wallet } from 'ethers'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createNode, type Node, type RpcServer } from '../src/index.js'
import { loadTestToken } from './erc20.js'

// ethers v6 against the node over real HTTP: provider + wallet smoke test.
let node: Node
let server: RpcServer
beforeAll(async () => {
  node = createNode()
  server = await node.listen({ port: 0 })
})
afterAll(async () => {
  await node.close()
})

it('ethers v6: provider reads, wallet sends ETH, deploys and calls the ERC-20', async () => {
  const provider = new JsonRpcProvider(server.url, 31337, {
    staticNetwork: true,
    polling: true,
    pollingInterval: 50,
    cacheTimeout: -1,
  })
  try {
    expect((await provider.getNetwork()).chainId).toBe(31337n)
    const wallet = new Wallet(node.accounts[0]!.privateKey, provider)
    const to = node.accounts[1]!.address
    const tx = await wallet.sendTransaction({ to, value: parseEther('2') })
    const receipt = await tx.wait()
    expect(receipt?.status).toBe(1)
    expect(await provider.getBalance(to)).toBe(parseEther('10002'))
    const artifact = loadTestToken()
    const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, wallet)
    const token = await factory.deploy(1000n)
    await token.waitForDeployment()
    expect(await token.getFunction('totalSupply')()).toBe(1000n)
    const transfer = await token.getFunction('transfer')(to, 10n)
    await transfer.wait()
    expect(await token.getFunction('balanceOf')(to)).toBe(10n)
    await expect(token.getFunction('transfer').staticCall(to, 10_000n)).rejects.toThrow(
      /ERC20InsufficientBalance|execution reverted|0xe450d38c/,
    )
  } finally {
    provider.destroy()
  }
})
