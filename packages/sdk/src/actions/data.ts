import { artifacts, fileProofTypedData } from '@metis-sdk/contracts'
import { type Address, decodeEventLog, type Hex } from 'viem'
import { readContract, signTypedData } from 'viem/actions'
import { type MetisWriteClient, simulateAndWrite } from './write.js'

const abi = artifacts.DataRegistry.abi

/** Step 1 of contributing data: register the file and pay a VerifiedComputing proof job. */
export async function contributeData(
  client: MetisWriteClient,
  p: { registry: Address; url: string; hash: string; fee: bigint },
) {
  const r = await simulateAndWrite<readonly [bigint, bigint]>(client, {
    address: p.registry,
    abi,
    functionName: 'addFileAndRequestProof',
    args: [p.url, p.hash],
    value: p.fee,
  })
  const [fileId, jobId] = r.result
  return { ...r, fileId, jobId }
}

/** Verifier side: sign the EIP-712 file proof (bound to file id, hash, chain and registry). */
export async function signFileProof(
  client: MetisWriteClient,
  p: { registry: Address; fileId: bigint; score: bigint; proofUrl: string },
) {
  const file = await readContract(client, {
    address: p.registry,
    abi,
    functionName: 'getFile',
    args: [p.fileId],
  })
  const typed = fileProofTypedData({
    chainId: client.chain.id,
    registry: p.registry,
    fileId: p.fileId,
    fileHash: file.hash,
    score: p.score,
    fileUrl: file.url,
    proofUrl: p.proofUrl,
  })
  const signature = await signTypedData(client, { account: client.account, ...typed })
  return { signature, data: { id: p.fileId, score: p.score, fileUrl: file.url, proofUrl: p.proofUrl } }
}

/** Step 2: attach a verifier's proof (anyone may relay it). */
export function addFileProof(
  client: MetisWriteClient,
  p: {
    registry: Address
    fileId: bigint
    proof: { signature: Hex; data: { id: bigint; score: bigint; fileUrl: string; proofUrl: string } }
  },
) {
  return simulateAndWrite<void>(client, {
    address: p.registry,
    abi,
    functionName: 'addProof',
    args: [p.fileId, p.proof],
  })
}

/** Step 3: receive the DAT reward for the file (minted into the registry's reward class). */
export async function requestDataReward(
  client: MetisWriteClient,
  p: { registry: Address; fileId: bigint; proofIndex?: bigint },
) {
  const r = await simulateAndWrite<bigint>(client, {
    address: p.registry,
    abi,
    functionName: 'requestReward',
    args: [p.fileId, p.proofIndex ?? 0n],
  })
  const ev = r.receipt.logs
    .map((l) => {
      try {
        return decodeEventLog({ abi, ...l })
      } catch {
        return undefined
      }
    })
    .find((e) => e?.eventName === 'RewardRequested')
  return { ...r, tokenId: r.result, amount: (ev?.args as { amount?: bigint } | undefined)?.amount ?? 0n }
}
