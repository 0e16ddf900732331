import { artifacts, type ResultRecord, resultRecordTypedData } from '@metis-sdk/contracts'
import { type Address, type Hex, recoverTypedDataAddress } from 'viem'
import { signTypedData } from 'viem/actions'
import { type MetisWriteClient, simulateAndWrite } from './write.js'

/** A compute node signs a result record `{jobId, inputHash, modelHash, outputHash, score, proofUri}`. */
export function signResult(
  client: MetisWriteClient,
  p: { verifiedComputing: Address; record: ResultRecord },
): Promise<Hex> {
  return signTypedData(client, {
    account: client.account,
    ...resultRecordTypedData({
      chainId: client.chain.id,
      verifiedComputing: p.verifiedComputing,
      record: p.record,
    }),
  })
}

/** Checks off-chain that `signature` over `record` comes from `expectedSigner`. */
export async function verifyResult(p: {
  chainId: number
  verifiedComputing: Address
  record: ResultRecord
  signature: Hex
  expectedSigner: Address
}): Promise<boolean> {
  const signer = await recoverTypedDataAddress({
    ...resultRecordTypedData({
      chainId: p.chainId,
      verifiedComputing: p.verifiedComputing,
      record: p.record,
    }),
    signature: p.signature,
  })
  return signer.toLowerCase() === p.expectedSigner.toLowerCase()
}

/** Submits a signed result; the job's fee is credited to the assigned node. */
export function submitResult(
  client: MetisWriteClient,
  p: { verifiedComputing: Address; record: ResultRecord; proof: Hex },
) {
  return simulateAndWrite<void>(client, {
    address: p.verifiedComputing,
    abi: artifacts.VerifiedComputing.abi,
    functionName: 'submitResult',
    args: [p.record, p.proof],
  })
}
