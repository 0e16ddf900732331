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
import { expect } from 'vitest'
import { artifacts } from '../src/index.js'
import { createDevChain, DEV_CHAIN_ID, DEV_PRIVATE_KEYS } from './dev-chain.js'

const allErrors = Object.values(artifacts).flatMap((a) => (a.abi as Abi).filter((x) => x.type === 'error'))

export const devChain: Chain = defineChain({
  id: DEV_CHAIN_ID,
  name: 'Metis dev (test)',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:0'] } },
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

export async function createTestChain(): Promise<TestChain> {
  const node = await createDevChain()
  const transport = custom(node, { retryCount: 0 })
  const publicClient = createPublicClient({ chain: devChain, transport, pollingInterval: 1 })
  const signers = DEV_PRIVATE_KEYS.map((k) => privateKeyToAccount(k))
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
      await node.request({ method: 'evm_increaseTime', params: [seconds] })
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
