import { artifacts, settlementRequestTypedData } from '@metis-sdk/contracts'
import { type Address, type Hex, keccak256, stringToHex } from 'viem'
import { signTypedData } from 'viem/actions'
import { type MetisWriteClient, simulateAndWrite } from './write.js'

/** Service ids are the keccak256 of a name, e.g. `serviceId('inference')`. */
export const serviceId = (name: string): Hex => keccak256(stringToHex(name))

/** Escrows ETH for requests to `node` for `service`. */
export function depositSettlement(
  client: MetisWriteClient,
  p: { settlement: Address; node: Address; service: Hex; amount: bigint },
) {
  return simulateAndWrite<void>(client, {
    address: p.settlement,
    abi: artifacts.AISettlement.abi,
    functionName: 'deposit',
    args: [p.node, p.service],
    value: p.amount,
  })
}

/** HTTP headers a user attaches to a paid AI request (LazAI-compatible names, EIP-712 signature). */
export type SignedRequestHeaders = {
  'X-LazAI-User': Address
  'X-LazAI-Nonce': string
  'X-LazAI-Signature': Hex
  'X-LazAI-Service': Hex
  'X-LazAI-Token-Id'?: string
}

/** Signs one request (nonce must exceed the last one the node charged) and returns its headers. */
export async function signRequestHeaders(
  client: MetisWriteClient,
  p: { settlement: Address; node: Address; service: Hex; nonce: bigint; tokenId?: bigint },
): Promise<SignedRequestHeaders> {
  const request = {
    user: client.account.address,
    node: p.node,
    service: p.service,
    nonce: p.nonce,
    tokenId: p.tokenId ?? 0n,
  }
  const signature = await signTypedData(client, {
    account: client.account,
    ...settlementRequestTypedData({ chainId: client.chain.id, settlement: p.settlement, request }),
  })
  return {
    'X-LazAI-User': request.user,
    'X-LazAI-Nonce': p.nonce.toString(),
    'X-LazAI-Signature': signature,
    'X-LazAI-Service': p.service,
    ...(p.tokenId ? { 'X-LazAI-Token-Id': p.tokenId.toString() } : {}),
  }
}

/** Node side: charge `cost` for a request described by its headers. */
export function chargeRequest(
  client: MetisWriteClient,
  p: { settlement: Address; headers: SignedRequestHeaders; cost: bigint },
) {
  const h = p.headers
  return simulateAndWrite<void>(client, {
    address: p.settlement,
    abi: artifacts.AISettlement.abi,
    functionName: 'charge',
    args: [
      h['X-LazAI-User'],
      h['X-LazAI-Service'],
      p.cost,
      BigInt(h['X-LazAI-Nonce']),
      BigInt(h['X-LazAI-Token-Id'] ?? 0),
      h['X-LazAI-Signature'],
    ],
  })
}

/** Pull withdrawal of everything the caller is owed by AISettlement. */
export function withdrawSettlement(client: MetisWriteClient, p: { settlement: Address }) {
  return simulateAndWrite<bigint>(client, {
    address: p.settlement,
    abi: artifacts.AISettlement.abi,
    functionName: 'withdraw',
    args: [],
  })
}
