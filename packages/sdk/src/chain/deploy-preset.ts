import {
  deployMetisStack,
  type MetisContractAddresses,
  STACK_ORDER,
  type StackParams,
} from '@metis-sdk/contracts'
import { type Address, getContractAddress } from 'viem'
import type { MemoryClient } from './memory-client.js'

/**
 * Addresses the AI stack gets when {@link deployAiStack} runs first on a fresh chain from
 * `deployer` (CREATE addresses of nonces 0..5). They are fixed for a given deployer, so dev
 * tooling can hard-code them. Why not genesis `alloc` code: the contracts keep constructor
 * results in immutables (EIP-712 domain caches, token addresses), which runtime code alone lacks.
 */
export function aiStackAddresses(deployer: Address): MetisContractAddresses {
  const out = {} as Record<(typeof STACK_ORDER)[number], Address>
  STACK_ORDER.forEach((name, i) => {
    out[name] = getContractAddress({ from: deployer, nonce: BigInt(i) })
  })
  return out
}

/** Deploys the stack with the client's account (owner) and checks the fixed addresses. */
export async function deployAiStack(
  client: MemoryClient,
  params: Partial<StackParams> = {},
): Promise<MetisContractAddresses> {
  const nonce = await client.getTransactionCount({ address: client.account.address })
  const addresses = await deployMetisStack(client, client as never, params)
  if (nonce === 0) {
    const expected = aiStackAddresses(client.account.address)
    for (const k of STACK_ORDER)
      if (expected[k] !== addresses[k])
        throw new Error(`${k} deployed at ${addresses[k]}, expected ${expected[k]}`)
  }
  return addresses
}
