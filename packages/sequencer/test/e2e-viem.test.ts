import {
  type Abi,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  getContract,
  http,
  NonceTooLowError,
  parseEther,
  parseEventLogs,
  BaseError as ViemBaseError,
  webSocket,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, type Node, type RpcServer } from '../src/index.js'
import { loadTestToken } from './erc20.js'

// End to end over real HTTP and WebSocket with viem, on the real MetisVM + MetisDB + executor.
let node: Node
let server: RpcServer
const artifact = loadTestToken()
const abi = artifact.abi as Abi

beforeAll(async () => {
  node = createNode()
  server = await node.listen({ port: 0 })
})
afterAll(async () => {
  await node.close()
})

function clients(index = 0) {
  const account = privateKeyToAccount(node.accounts[index]!.privateKey)
  const transport = http(server.url)
  return {
    account,
    pub: createPublicClient({ chain: foundry, transport, cacheTime: 0, pollingInterval: 50 }),
    wallet: createWalletClient({ chain: foundry, account, transport }),
  }
}

describe('viem end to end (HTTP + WS)', () => {
  let token: `0x${string}`

  it('deploys an OpenZeppelin ERC-20 compiled with solc', async () => {
    const { pub, wallet, account } = clients()
    const hash = await wallet.deployContract({
      abi,
      bytecode: artifact.bytecode,
      args: [parseEther('1000000')],
    })
    const receipt = await pub.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    token = receipt.contractAddress!
    expect(await pub.getCode({ address: token })).toBe(artifact.deployedBytecode)
    const c = getContract({ address: token, abi, client: pub })
    expect(await c.read.name!()).toBe('Test Token')
    expect(await c.read.balanceOf!([account.address])).toBe(parseEther('1000000'))
  })

  it('transfers, reads balances and finds the Transfer log with getLogs', async () => {
    const { pub, wallet, account } = clients()
    const to = node.accounts[1]!.address
    const gas = await pub.estimateContractGas({
      address: token,
      abi,
      functionName: 'transfer',
      args: [to, 1234n],
      account,
    })
    const hash = await wallet.writeContract({
      address: token,
      abi,
      functionName: 'transfer',
      args: [to, 1234n],
      gas,
    })
    const receipt = await pub.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    expect(receipt.gasUsed <= gas).toBe(true)
    expect(await pub.readContract({ address: token, abi, functionName: 'balanceOf', args: [to] })).toBe(1234n)
    const events = parseEventLogs({ abi, logs: receipt.logs, eventName: 'Transfer' })
    expect(events[0]!.args).toMatchObject({
      from: account.address,
      to: expect.stringMatching(new RegExp(to, 'i')),
      value: 1234n,
    })
    const logs = await pub.getContractEvents({
      address: token,
      abi,
      eventName: 'Transfer',
      fromBlock: 0n,
      args: { to },
    })
    expect(logs).toHaveLength(1)
    expect(logs[0]!.transactionHash).toBe(hash)
    const none = await pub.getLogs({ address: node.accounts[5]!.address, fromBlock: 0n })
    expect(none).toHaveLength(0)
  })

  it('decodes revert reasons (eth_call and estimateGas return code 3 with data)', async () => {
    const { pub, account } = clients(2)
    const err = await pub
      .simulateContract({
        address: token,
        abi,
        functionName: 'transfer',
        args: [account.address, 1n],
        account: node.accounts[3]!.address,
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ViemBaseError)
    const revert = (err as ViemBaseError).walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError
    expect(revert).toBeInstanceOf(ContractFunctionRevertedError)
    expect(revert.data?.errorName).toBe('ERC20InsufficientBalance')
    const raw = await fetch(server.url, {
      method: 'POST',
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'eth_estimateGas',
        params: [
          {
            from: node.accounts[3]!.address,
            to: token,
            data: '0xa9059cbb000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb922660000000000000000000000000000000000000000000000000000000000000001',
          },
        ],
      }),
    }).then((r) => r.json() as Promise<{ error: { code: number; data: string } }>)
    expect(raw.error.code).toBe(3)
    expect(raw.error.data).toMatch(/^0xe450d38c/)
  })

  it('surfaces nonce errors as viem typed errors', async () => {
    const { wallet } = clients()
    const err = await wallet
      .sendTransaction({ to: node.accounts[1]!.address, value: 1n, nonce: 0 })
      .catch((e: unknown) => e)
    expect((err as ViemBaseError).walk((e) => e instanceof NonceTooLowError)).toBeInstanceOf(NonceTooLowError)
  })

  it('watches contract events over WebSocket', async () => {
    const { wallet } = clients()
    const wsClient = createPublicClient({ chain: foundry, transport: webSocket(server.wsUrl) })
    const received: unknown[] = []
    const done = new Promise<void>((resolve) => {
      const unwatch = wsClient.watchContractEvent({
        address: token,
        abi,
        eventName: 'Transfer',
        onLogs: (logs) => {
          received.push(...logs)
          unwatch()
          resolve()
        },
      })
    })
    // give the subscription a moment to register before the transfer is mined
    await new Promise((r) => setTimeout(r, 200))
    await wallet.writeContract({
      address: token,
      abi,
      functionName: 'transfer',
      args: [node.accounts[4]!.address, 7n],
    })
    await done
    expect((received[0] as { args: { value: bigint } }).args.value).toBe(7n)
    await (await wsClient.transport.getRpcClient()).close()
  })

  it('traces transactions and calls (struct logger, callTracer)', async () => {
    const { pub, wallet, account } = clients()
    const hash = await wallet.writeContract({
      address: token,
      abi,
      functionName: 'transfer',
      args: [node.accounts[6]!.address, 3n],
    })
    const receipt = await pub.waitForTransactionReceipt({ hash })
    const structs = (await node.request({ method: 'debug_traceTransaction', params: [hash] })) as {
      gas: number
      failed: boolean
      structLogs: { op: string; gasCost: number; depth: number }[]
    }
    expect(structs.failed).toBe(false)
    expect(structs.gas).toBe(Number(receipt.gasUsed))
    expect(structs.structLogs.some((l) => l.op === 'SSTORE')).toBe(true)
    expect(structs.structLogs.some((l) => l.op === 'LOG3')).toBe(true)
    const call = (await node.request({
      method: 'debug_traceTransaction',
      params: [hash, { tracer: 'callTracer' }],
    })) as Record<string, unknown>
    expect(call).toMatchObject({
      type: 'CALL',
      from: account.address.toLowerCase(),
      to: token.toLowerCase(),
      gasUsed: `0x${receipt.gasUsed.toString(16)}`,
    })
    const reverted = (await node.request({
      method: 'debug_traceCall',
      params: [
        {
          from: node.accounts[3]!.address,
          to: token,
          data: '0xa9059cbb000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb922660000000000000000000000000000000000000000000000000000000000000001',
        },
        'latest',
        { tracer: 'callTracer' },
      ],
    })) as Record<string, unknown>
    expect(reverted.error).toBe('execution reverted')
    expect(reverted.output).toMatch(/^0xe450d38c/)
  })

  it('serves eth_getProof, feeHistory and state overrides in eth_call', async () => {
    const { pub } = clients()
    const proof = await pub.getProof({ address: token, storageKeys: [`0x${'00'.repeat(32)}`] })
    expect(proof.accountProof.length).toBeGreaterThan(0)
    const history = await pub.getFeeHistory({ blockCount: 3, rewardPercentiles: [25, 75] })
    expect(history.baseFeePerGas).toHaveLength(4)
    const balance = await pub.getBalance({ address: node.accounts[7]!.address })
    expect(balance).toBe(parseEther('10000'))
    const overridden = await pub.request({
      method: 'eth_getBalance' as never,
      params: [node.accounts[7]!.address, 'latest'] as never,
    })
    expect(overridden).toBe(`0x${parseEther('10000').toString(16)}`)
    const code = await pub.call({
      to: node.accounts[8]!.address,
      data: '0x',
      stateOverride: [{ address: node.accounts[8]!.address, code: '0x602a60005260206000f3' }],
    })
    expect(BigInt(code.data!)).toBe(42n)
  })
})
