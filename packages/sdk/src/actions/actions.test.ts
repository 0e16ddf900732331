import { artifacts } from '@metis-sdk/contracts'
import { encodeFunctionData, parseEther, zeroHash } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChain, type MetisChain } from '../chain/create-chain.js'
import { deployAiStack } from '../chain/deploy-preset.js'
import { createMemoryClient, type MemoryClient } from '../chain/memory-client.js'
import {
  approveMember,
  createIdao,
  execute,
  joinIdao,
  MemberKind,
  propose,
  VotingMode,
  vote,
} from './idao.js'
import {
  chargeRequest,
  depositSettlement,
  serviceId,
  signRequestHeaders,
  withdrawSettlement,
} from './settlement.js'
import { signResult, verifyResult } from './verify.js'

describe('sdk actions', () => {
  let chain: MetisChain
  let a: MemoryClient, b: MemoryClient, c: MemoryClient
  let stack: Awaited<ReturnType<typeof deployAiStack>>

  beforeAll(async () => {
    chain = createChain({ genesis: { accounts: 3 } })
    ;[a, b, c] = [0, 1, 2].map((i) => createMemoryClient(chain, { accountIndex: i })) as [
      MemoryClient,
      MemoryClient,
      MemoryClient,
    ]
    stack = await deployAiStack(a)
  })
  afterAll(() => chain.close())

  it('createIdao / joinIdao / approveMember / propose / vote / execute', async () => {
    const { result: idao } = await createIdao(a, {
      factory: stack.idaoFactory,
      name: 'x',
      votingMode: VotingMode.OneMemberOneVote,
      votingPeriod: 10n,
      timelock: 5n,
    })
    await joinIdao(b, { idao })
    await approveMember(a, { idao, account: b.account.address })
    await joinIdao(c, { idao, kind: MemberKind.Agent, controller: b.account.address })
    await approveMember(a, { idao, account: c.account.address })
    const data = encodeFunctionData({
      abi: artifacts.IDAO.abi,
      functionName: 'setAdmin',
      args: [b.account.address],
    })
    const { result: id } = await propose(c, { idao, target: idao, data, description: 'agent proposes' })
    await vote(b, { idao, proposalId: id, support: true })
    await vote(c, { idao, proposalId: id, support: true })
    await expect(execute(a, { idao, proposalId: id })).rejects.toThrow(/ProposalNotPassed/)
    const latest = await a.getBlock()
    await chain.request({ method: 'evm_setNextBlockTimestamp', params: [Number(latest.timestamp) + 20] })
    await chain.request({ method: 'evm_mine' })
    await execute(a, { idao, proposalId: id })
    expect(await a.readContract({ address: idao, abi: artifacts.IDAO.abi, functionName: 'admin' })).toBe(
      b.account.address,
    )
  })

  it('settlement deposit, signed request headers, charge and withdraw', async () => {
    const service = serviceId('inference')
    await depositSettlement(a, {
      settlement: stack.aiSettlement,
      node: b.account.address,
      service,
      amount: parseEther('1'),
    })
    const headers = await signRequestHeaders(a, {
      settlement: stack.aiSettlement,
      node: b.account.address,
      service,
      nonce: 1n,
    })
    expect(headers['X-LazAI-User']).toBe(a.account.address)
    expect(headers['X-LazAI-Nonce']).toBe('1')
    expect(headers['X-LazAI-Token-Id']).toBeUndefined()
    await chargeRequest(b, { settlement: stack.aiSettlement, headers, cost: 1234n })
    await expect(chargeRequest(b, { settlement: stack.aiSettlement, headers, cost: 1n })).rejects.toThrow(
      /NonceTooLow/,
    )
    const { result } = await withdrawSettlement(b, { settlement: stack.aiSettlement })
    expect(result).toBe(1234n)
  })

  it('signResult / verifyResult', async () => {
    const record = {
      jobId: 1n,
      inputHash: zeroHash,
      modelHash: zeroHash,
      outputHash: zeroHash,
      score: 1n,
      proofUri: '',
    }
    const signature = await signResult(b, { verifiedComputing: stack.verifiedComputing, record })
    const args = { chainId: a.chain.id, verifiedComputing: stack.verifiedComputing, record, signature }
    expect(await verifyResult({ ...args, expectedSigner: b.account.address })).toBe(true)
    expect(await verifyResult({ ...args, expectedSigner: a.account.address })).toBe(false)
    expect(
      await verifyResult({ ...args, record: { ...record, score: 2n }, expectedSigner: b.account.address }),
    ).toBe(false)
  })
})
