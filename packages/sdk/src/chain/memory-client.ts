import {
  type Account,
  type Chain,
  createWalletClient,
  custom,
  type PublicActions,
  publicActions,
  type Transport,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { MetisChain } from './create-chain.js'
import { metisDev } from './dev-chain.js'

export type MemoryClient = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>

/**
 * A viem wallet+public client over an in-process chain, signing locally with dev account
 * `accountIndex` (transactions go through `eth_sendRawTransaction`, as against a remote node).
 */
export function createMemoryClient(
  chain: MetisChain,
  options: { accountIndex?: number; viemChain?: Chain } = {},
): MemoryClient {
  const dev = chain.accounts[options.accountIndex ?? 0]
  if (!dev) throw new Error(`no dev account ${options.accountIndex}`)
  const viemChain = options.viemChain ?? { ...metisDev, id: Number(chain.chainId) }
  return createWalletClient({
    chain: viemChain,
    transport: custom(chain, { retryCount: 0 }),
    account: privateKeyToAccount(dev.privateKey),
    pollingInterval: 10,
  }).extend(publicActions) as MemoryClient
}
