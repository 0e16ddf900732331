import { artifacts } from '@metis-sdk/contracts'
import { type Address, type Hex, zeroAddress } from 'viem'
import { type MetisWriteClient, simulateAndWrite } from './write.js'

export const MemberKind = { Human: 0, Agent: 1 } as const
export const VotingMode = { DatWeighted: 0, OneMemberOneVote: 1 } as const

/** Creates an iDAO through the factory; the caller is founder and admin. Returns its address. */
export function createIdao(
  client: MetisWriteClient,
  p: {
    factory: Address
    name: string
    description?: string
    votingMode: (typeof VotingMode)[keyof typeof VotingMode]
    votingPeriod: bigint
    timelock: bigint
    quorum?: bigint
    depositClassId?: bigint
    minDeposit?: bigint
  },
) {
  return simulateAndWrite<Address>(client, {
    address: p.factory,
    abi: artifacts.IDAOFactory.abi,
    functionName: 'createIdao',
    args: [
      p.name,
      p.description ?? '',
      p.votingMode,
      p.votingPeriod,
      p.timelock,
      p.quorum ?? 1n,
      p.depositClassId ?? 0n,
      p.minDeposit ?? 0n,
    ],
  })
}

/** Asks to join as a Human, or as an Agent controlled by `controller`, with an optional DAT deposit. */
export function joinIdao(
  client: MetisWriteClient,
  p: {
    idao: Address
    kind?: (typeof MemberKind)[keyof typeof MemberKind]
    controller?: Address
    depositTokenId?: bigint
  },
) {
  return simulateAndWrite<void>(client, {
    address: p.idao,
    abi: artifacts.IDAO.abi,
    functionName: 'join',
    args: [p.kind ?? MemberKind.Human, p.controller ?? zeroAddress, p.depositTokenId ?? 0n],
  })
}

export function approveMember(client: MetisWriteClient, p: { idao: Address; account: Address }) {
  return simulateAndWrite<void>(client, {
    address: p.idao,
    abi: artifacts.IDAO.abi,
    functionName: 'approve',
    args: [p.account],
  })
}

export function propose(
  client: MetisWriteClient,
  p: { idao: Address; target: Address; value?: bigint; data: Hex; description: string },
) {
  return simulateAndWrite<bigint>(client, {
    address: p.idao,
    abi: artifacts.IDAO.abi,
    functionName: 'propose',
    args: [p.target, p.value ?? 0n, p.data, p.description],
  })
}

export function vote(client: MetisWriteClient, p: { idao: Address; proposalId: bigint; support: boolean }) {
  return simulateAndWrite<void>(client, {
    address: p.idao,
    abi: artifacts.IDAO.abi,
    functionName: 'vote',
    args: [p.proposalId, p.support],
  })
}

export function execute(client: MetisWriteClient, p: { idao: Address; proposalId: bigint }) {
  return simulateAndWrite<Hex>(client, {
    address: p.idao,
    abi: artifacts.IDAO.abi,
    functionName: 'execute',
    args: [p.proposalId],
  })
}
