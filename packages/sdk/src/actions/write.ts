import type { Abi, Account, Chain, Client, Hash, TransactionReceipt, Transport } from 'viem'
import { simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions'

export type MetisWriteClient = Client<Transport, Chain, Account>

export type WriteResult<T> = { hash: Hash; receipt: TransactionReceipt; result: T }

/** Simulates (surfacing decoded custom errors), sends, and waits for a successful receipt. */
export async function simulateAndWrite<T>(
  client: MetisWriteClient,
  request: {
    address: `0x${string}`
    abi: Abi
    functionName: string
    args?: readonly unknown[]
    value?: bigint
  },
): Promise<WriteResult<T>> {
  const { result, request: prepared } = await simulateContract(client, {
    ...request,
    account: client.account,
  } as never)
  const hash = await writeContract(client, prepared as never)
  const receipt = await waitForTransactionReceipt(client, { hash })
  if (receipt.status !== 'success')
    throw new Error(`${request.functionName} reverted in block ${receipt.blockNumber}`)
  return { hash, receipt, result: result as T }
}
