/**
 * AI data market end to end on a MetisSDK chain: assemble the chain, deploy the AI stack,
 * contribute a dataset, have a verifier node attest it, mint DATs, pay for inference, record
 * usage, settle revenue and let holders claim.
 *
 * Run: npx tsx --conditions=@metis-sdk/source examples/ai-data-market/main.ts [--genesis]
 * (`--genesis`: use the AI stack predeployed in the genesis state instead of deploying it).
 */
import { artifacts } from '@metis-sdk/contracts'
import {
  addFileProof,
  aiStackPresetAddresses,
  chargeRequest,
  claimRevenue,
  contributeData,
  createChain,
  createIdao,
  createMemoryClient,
  deployAiStack,
  depositSettlement,
  pendingRevenue,
  recordUsage,
  requestDataReward,
  serviceId,
  settleRevenue,
  signFileProof,
  signRequestHeaders,
  signResult,
  simulateAndWrite,
  submitResult,
  VotingMode,
  verifyResult,
  withdrawSettlement,
} from '@metis-sdk/sdk'
import { formatEther, keccak256, parseEther, stringToHex, zeroHash } from 'viem'

export type MarketReport = {
  classId: bigint
  tokenId: bigint
  dataShare: bigint
  claimed: bigint
  remainingQuota: bigint
  nodeWithdrawn: bigint
}

/** `deploy`: deploy the stack with transactions; `genesis`: use the genesis predeploy. */
export type StackSource = 'deploy' | 'genesis'

const STACK_PARAMS = { minNodeStake: parseEther('1'), nodeFee: parseEther('0.01'), dataShareBps: 2000 }

export async function runAiDataMarket(
  log: (line: string) => void = console.log,
  options: { stack?: StackSource } = {},
): Promise<MarketReport> {
  const fromGenesis = options.stack === 'genesis'
  // 1. Assemble a chain from its blocks: MetisVM, temporary MetisDB, sequential executor, automine.
  const chain = createChain({
    genesis: { chainId: 1337, accounts: 5, ...(fromGenesis ? { aiStack: STACK_PARAMS } : {}) },
    statedb: { kind: 'temporary' },
    executor: { kind: 'sequential' },
    sequencer: { mining: { mode: 'auto' } },
  })
  try {
    const [admin, contributor, node, user] = [0, 1, 2, 3].map((i) =>
      createMemoryClient(chain, { accountIndex: i }),
    ) as [
      ReturnType<typeof createMemoryClient>,
      ReturnType<typeof createMemoryClient>,
      ReturnType<typeof createMemoryClient>,
      ReturnType<typeof createMemoryClient>,
    ]
    log(`chain ${chain.chainId} up, block ${await admin.getBlockNumber()}`)

    // 2. The AI stack: predeployed in genesis at fixed addresses, or deployed now (fixed addresses
    //    from the admin's first nonces). Either way the admin (dev account 0) owns it.
    const stack = fromGenesis ? aiStackPresetAddresses : await deployAiStack(admin, STACK_PARAMS)
    log(
      `${fromGenesis ? 'genesis has' : 'deployed'} DAT ${stack.dataAnchoringToken}, registry ${stack.dataRegistry}, settlement ${stack.aiSettlement}`,
    )

    // 3. An iDAO issues the dataset DAT class; the registry and the inference node become its operators.
    const { result: idao } = await createIdao(admin, {
      factory: stack.idaoFactory,
      name: 'Open Medical Data',
      votingMode: VotingMode.OneMemberOneVote,
      votingPeriod: 3600n,
      timelock: 600n,
    })
    const idaoAbi = artifacts.IDAO.abi
    const { result: classId } = await simulateAndWrite<bigint>(admin, {
      address: idao,
      abi: idaoAbi,
      functionName: 'createClass',
      args: ['ipfs://dataset-class', keccak256(stringToHex('dataset-v1')), 0, 'ipfs://policy'],
    })
    for (const operator of [stack.dataRegistry, node.account.address])
      await simulateAndWrite(admin, {
        address: idao,
        abi: idaoAbi,
        functionName: 'approveClassOperator',
        args: [classId, operator, true],
      })
    await simulateAndWrite(admin, {
      address: stack.dataRegistry,
      abi: artifacts.DataRegistry.abi,
      functionName: 'setRewardClass',
      args: [classId],
    })
    log(`iDAO ${idao} created DAT class ${classId}`)

    // 4. A verifier node stakes and registers.
    await simulateAndWrite(node, {
      address: stack.verifiedComputing,
      abi: artifacts.VerifiedComputing.abi,
      functionName: 'registerNode',
      args: ['https://verifier.example', '0x04'],
      value: parseEther('1'),
    })
    log(`verifier node ${node.account.address} registered`)

    // 5. The contributor registers a dataset and pays for a proof job.
    const { fileId, jobId } = await contributeData(contributor, {
      registry: stack.dataRegistry,
      url: 'ipfs://bafy-dataset',
      hash: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
      fee: parseEther('0.01'),
    })
    log(`contributed file ${fileId}, proof job ${jobId}`)

    // 6. The node scores the data, signs the result record and the file proof.
    const record = {
      jobId,
      inputHash: `0x${fileId.toString(16).padStart(64, '0')}` as const,
      modelHash: zeroHash,
      outputHash: keccak256(stringToHex('score=100')),
      score: 100n,
      proofUri: 'ipfs://attestation',
    }
    const sig = await signResult(node, { verifiedComputing: stack.verifiedComputing, record })
    const ok = await verifyResult({
      chainId: Number(chain.chainId),
      verifiedComputing: stack.verifiedComputing,
      record,
      signature: sig,
      expectedSigner: node.account.address,
    })
    await submitResult(node, { verifiedComputing: stack.verifiedComputing, record, proof: sig })
    const proof = await signFileProof(node, {
      registry: stack.dataRegistry,
      fileId,
      score: 100n,
      proofUrl: 'ipfs://attestation',
    })
    await addFileProof(node, { registry: stack.dataRegistry, fileId, proof })
    log(`verifier attested file ${fileId} with score 100 (result signature valid: ${ok})`)

    // 7. The contributor receives a DAT worth the score.
    const { tokenId } = await requestDataReward(contributor, { registry: stack.dataRegistry, fileId })
    log(`contributor received DAT #${tokenId} (quota 100, share 100)`)

    // 8. A user escrows funds and pays for inference with signed request headers naming the DAT.
    const service = serviceId('inference')
    await depositSettlement(user, {
      settlement: stack.aiSettlement,
      node: node.account.address,
      service,
      amount: parseEther('1'),
    })
    const headers = await signRequestHeaders(user, {
      settlement: stack.aiSettlement,
      node: node.account.address,
      service,
      nonce: 1n,
      tokenId,
    })
    const tokens = 1_500n
    const cost = tokens * parseEther('0.0001') // price per token
    const { receipt } = await chargeRequest(node, { settlement: stack.aiSettlement, headers, cost })
    const dataShare = (cost * 2000n) / 10_000n
    log(
      `user paid ${formatEther(cost)} ETH for ${tokens} tokens (tx ${receipt.transactionHash.slice(0, 10)}…), ${formatEther(dataShare)} ETH routed to class ${classId}`,
    )

    // 9. The node records the dataset usage against the DAT's hard quota.
    await recordUsage(node, {
      dat: stack.dataAnchoringToken,
      tokenId,
      metric: 'inference.requests',
      amount: 1n,
    })
    const remainingQuota = await admin.readContract({
      address: stack.dataAnchoringToken,
      abi: artifacts.DataAnchoringToken.abi,
      functionName: 'valueOf',
      args: [tokenId],
    })
    log(`usage recorded, DAT #${tokenId} quota left ${remainingQuota}`)

    // 10. A licensee settles extra revenue to the class directly.
    await settleRevenue(user, { dat: stack.dataAnchoringToken, classId, amount: parseEther('0.05') })
    const pending = await pendingRevenue(contributor, { dat: stack.dataAnchoringToken, tokenId })
    log(`pending revenue of DAT #${tokenId}: ${formatEther(pending)} ETH`)

    // 11. Holders claim; the node withdraws its earnings (pull payments).
    const { result: claimed } = await claimRevenue(contributor, { dat: stack.dataAnchoringToken, tokenId })
    log(`contributor claimed ${formatEther(claimed)} ETH`)
    const { result: nodeWithdrawn } = await withdrawSettlement(node, { settlement: stack.aiSettlement })
    log(`node withdrew ${formatEther(nodeWithdrawn)} ETH from settlement`)
    return { classId, tokenId, dataShare, claimed, remainingQuota, nodeWithdrawn }
  } finally {
    await chain.close()
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain)
  await runAiDataMarket(console.log, { stack: process.argv.includes('--genesis') ? 'genesis' : 'deploy' })
