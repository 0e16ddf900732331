import { createNode, type Node } from '@metis-sdk/sequencer'
import {
  type Abi,
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  custom,
  decodeErrorResult,
  defineChain,
  getAddress,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import { afterAll, expect } from 'vitest'
import { artifacts } from '../src/index.js'

export const DEV_CHAIN_ID = 1337

const allErrors = Object.values(artifacts).flatMap((a) => (a.abi as Abi).filter((x) => x.type === 'error'))

export const devChain: Chain = defineChain({
  id: DEV_CHAIN_ID,
  name: 'Metis dev (test)',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:0'] } },
})

const openNodes: Node[] = []
afterAll(async () => {
  for (const n of openNodes.splice(0)) await n.close()
})

export type Wallet = WalletClient<Transport, Chain, Account>

export interface TestChain {
  publicClient: PublicClient<Transport, Chain>
  /** Wallets for dev accounts 0..7 (unlocked on the node, signing on the node). */
  wallets: Wallet[]
  /** Local signers with the same keys, for EIP-712 signatures. */
  signers: PrivateKeyAccount[]
  increaseTime(seconds: number): Promise<void>
  deploy(abi: Abi, bytecode: Hex, args?: readonly unknown[], from?: number, value?: bigint): Promise<Address>
  balance(address: Address): Promise<bigint>
}

/**
 * A fresh in-process MetisSDK node (MetisVM + MetisDB + sequencer, automine) behind viem
 * clients. Base fee 0 and explicit zero tips keep balance assertions exact.
 */
export async function createTestChain(): Promise<TestChain> {
  const node: Node = createNode({
    chainId: DEV_CHAIN_ID,
    baseFee: 0n,
    accounts: 8,
    noSync: true,
    genesisTimestamp: 1_700_000_000n,
  })
  openNodes.push(node)
  const transport = custom(
    {
      request: ({ method, params }) => {
        // Gas is free on the test chain (base fee 0, tip 0) so ETH balance deltas are exact.
        if (method === 'eth_sendTransaction' && Array.isArray(params)) {
          const [tx, ...rest] = params as [Record<string, unknown>]
          return node.request({
            method,
            params: [{ ...tx, maxFeePerGas: '0x0', maxPriorityFeePerGas: '0x0' }, ...rest],
          })
        }
        return node.request({ method, params })
      },
    },
    { retryCount: 0 },
  )
  const publicClient = createPublicClient({ chain: devChain, transport, pollingInterval: 1 })
  const signers = node.accounts.map((a) => privateKeyToAccount(a.privateKey))
  const wallets = signers.map((s) =>
    createWalletClient({
      chain: devChain,
      transport,
      account: { address: s.address, type: 'json-rpc' } as Account,
      pollingInterval: 1,
    }),
  )
  return {
    publicClient,
    wallets,
    signers,
    async increaseTime(seconds) {
      // Relative to chain time (not wall clock): the next block is exactly `seconds` later.
      const latest = await publicClient.getBlock()
      await node.request({
        method: 'evm_setNextBlockTimestamp',
        params: [Number(latest.timestamp) + seconds],
      })
      await node.request({ method: 'evm_mine' })
    },
    async deploy(abi, bytecode, args = [], from = 0, value) {
      const hash = await (wallets[from] as Wallet).deployContract({ abi, bytecode, args, value } as never)
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (!receipt.contractAddress || receipt.status !== 'success') throw new Error('deploy failed')
      return getAddress(receipt.contractAddress)
    },
    balance: (address) => publicClient.getBalance({ address }),
  }
}

/** Waits for a write and asserts it succeeded. */
export async function mined(chain: TestChain, hash: Promise<Hex> | Hex) {
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash: await hash })
  expect(receipt.status).toBe('success')
  return receipt
}

/** Asserts that a promise rejects with the custom error `name` (decoded from the ABI). */
export async function expectRevert(p: Promise<unknown>, name: string) {
  try {
    await p
  } catch (err) {
    if (err instanceof BaseError) {
      const revert = err.walk((e) => e instanceof ContractFunctionRevertedError)
      if (revert instanceof ContractFunctionRevertedError) {
        if (revert.data) {
          expect(revert.data.errorName).toBe(name)
          return revert.data.args
        }
        // Raised by another contract down the call: decode against every ABI we ship.
        const raw = revert.raw
        if (raw) {
          const decoded = decodeErrorResult({ abi: allErrors, data: raw })
          expect(decoded.errorName).toBe(name)
          return decoded.args
        }
        expect(revert.reason).toBe(name)
        return undefined
      }
    }
    throw new Error(`expected revert ${name}, got: ${(err as Error).message}`)
  }
  throw new Error(`expected revert ${name}, but the call succeeded`)
}
