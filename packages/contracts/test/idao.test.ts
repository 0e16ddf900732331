import { type Address, decodeEventLog, encodeFunctionData, parseEther, zeroAddress } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

const fabi = artifacts.IDAOFactory.abi
const abi = artifacts.IDAO.abi
const datAbi = artifacts.DataAnchoringToken.abi
const Human = 0
const Agent = 1
const DatWeighted = 0
const OneMemberOneVote = 1

describe('IDAOFactory / IDAO', () => {
  let chain: TestChain
  let factory: Address, dat: Address
  let founder: Address, alice: Address, agent: Address, bob: Address
  const create = async (mode: number, depositClassId = 0n, minDeposit = 0n, quorum = 1n) => {
    const rc = await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: factory,
        abi: fabi,
        functionName: 'createIdao',
        args: ['Data DAO', 'datasets', mode, 100n, 50n, quorum, depositClassId, minDeposit],
      }),
    )
    const ev = rc.logs
      .map((l) => {
        try {
          return decodeEventLog({ abi: fabi, ...l })
        } catch {
          return undefined
        }
      })
      .find((e) => e?.eventName === 'IdaoCreated')
    return (ev!.args as { idao: Address }).idao
  }
  const w = (dao: Address, i: number, functionName: string, args: readonly unknown[] = [], value?: bigint) =>
    chain.wallets[i]!.writeContract({ address: dao, abi, functionName, args, value } as never)
  const r = <T>(dao: Address, functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address: dao, abi, functionName, args } as never) as Promise<T>

  beforeAll(async () => {
    chain = await createTestChain()
    ;[founder, alice, agent, bob] = chain.wallets.map((x) => x.account.address) as [
      Address,
      Address,
      Address,
      Address,
    ]
    dat = await chain.deploy(datAbi, artifacts.DataAnchoringToken.bytecode, [founder])
    factory = await chain.deploy(fabi, artifacts.IDAOFactory.bytecode, [dat])
  })

  it('creates iDAOs with the founder as first Human member and admin', async () => {
    await expectRevert(
      chain.wallets[0]!.writeContract({
        address: factory,
        abi: fabi,
        functionName: 'createIdao',
        args: ['x', '', 0, 0n, 0n, 0n, 0n, 0n],
      }),
      'InvalidVotingPeriod',
    )
    const dao = await create(OneMemberOneVote)
    expect(
      await chain.publicClient.readContract({
        address: factory,
        abi: fabi,
        functionName: 'isIdao',
        args: [dao],
      }),
    ).toBe(true)
    expect(
      await chain.publicClient.readContract({ address: factory, abi: fabi, functionName: 'idaoCount' }),
    ).toBe(1n)
    expect(
      await chain.publicClient.readContract({
        address: factory,
        abi: fabi,
        functionName: 'idaoAt',
        args: [0n],
      }),
    ).toBe(dao)
    expect(
      await chain.publicClient.readContract({ address: factory, abi: fabi, functionName: 'allIdaos' }),
    ).toEqual([dao])
    expect(await r(dao, 'admin')).toBe(founder)
    expect(await r(dao, 'isMember', [founder])).toBe(true)
    expect(await r(dao, 'memberCount')).toBe(1n)
    const cfg = await r<{ name: string; token: Address; votingMode: number }>(dao, 'config')
    expect(cfg).toMatchObject({ name: 'Data DAO', token: dat, votingMode: OneMemberOneVote })
  })

  it('admits Humans and Agents (agents linked to a Human controller) by approval', async () => {
    const dao = await create(OneMemberOneVote)
    await expectRevert(w(dao, 2, 'join', [Agent, bob, 0n]), 'InvalidController') // bob is not a member
    await expectRevert(w(dao, 2, 'join', [Agent, agent, 0n]), 'InvalidController')
    await expectRevert(w(dao, 1, 'join', [Human, bob, 0n]), 'InvalidController')
    await expectRevert(w(dao, 1, 'join', [Human, zeroAddress, 5n]), 'InvalidDeposit')
    await mined(chain, w(dao, 1, 'join', [Human, zeroAddress, 0n]))
    await expectRevert(w(dao, 1, 'join', [Human, zeroAddress, 0n]), 'AlreadyMember')
    await expectRevert(w(dao, 2, 'join', [Agent, alice, 0n]), 'InvalidController') // alice still pending
    await expectRevert(w(dao, 1, 'approve', [alice]), 'NotAdmin')
    await mined(chain, w(dao, 0, 'approve', [alice]))
    await expectRevert(w(dao, 0, 'approve', [alice]), 'NotPending')
    await mined(chain, w(dao, 2, 'join', [Agent, alice, 0n]))
    await mined(chain, w(dao, 0, 'approve', [agent]))
    const m = await r<{ kind: number; controller: Address; status: number }>(dao, 'getMember', [agent])
    expect(m).toMatchObject({ kind: Agent, controller: alice, status: 2 })
    expect(await r(dao, 'memberCount')).toBe(3n)
    await mined(chain, w(dao, 2, 'leave'))
    expect(await r(dao, 'memberCount')).toBe(2n)
    await expectRevert(w(dao, 2, 'leave'), 'NotMember')
  })

  it('runs proposals through vote and timelock (one member, one vote)', async () => {
    const dao = await create(OneMemberOneVote, 0n, 0n, 2n)
    for (const i of [1, 3]) {
      await mined(chain, w(dao, i, 'join', [Human, zeroAddress, 0n]))
      await mined(chain, w(dao, 0, 'approve', [chain.wallets[i]!.account.address]))
    }
    await chain.wallets[0]!.sendTransaction({ to: dao, value: parseEther('1') })
    const data = encodeFunctionData({ abi, functionName: 'setAdmin', args: [bob] })
    await expectRevert(w(dao, 2, 'propose', [dao, 0n, data, 'x']), 'NotMember')
    await mined(chain, w(dao, 1, 'propose', [dao, 0n, data, 'hand admin to bob']))
    const id = await r<bigint>(dao, 'proposalCount')
    expect(await r(dao, 'state', [id])).toBe(1) // Active
    await mined(chain, w(dao, 1, 'vote', [id, true]))
    await expectRevert(w(dao, 1, 'vote', [id, true]), 'AlreadyVoted')
    await expectRevert(w(dao, 2, 'vote', [id, true]), 'NotMember')
    await expectRevert(w(dao, 1, 'execute', [id]), 'ProposalNotPassed')
    await mined(chain, w(dao, 3, 'vote', [id, true]))
    await mined(chain, w(dao, 0, 'vote', [id, false]))
    await chain.increaseTime(101)
    await expectRevert(w(dao, 0, 'vote', [id, true]), 'VotingClosed')
    expect(await r(dao, 'state', [id])).toBe(3) // Queued
    await expectRevert(w(dao, 1, 'execute', [id]), 'TimelockNotExpired')
    await chain.increaseTime(60)
    await mined(chain, w(dao, 2, 'execute', [id]))
    expect(await r(dao, 'admin')).toBe(bob)
    expect(await r(dao, 'state', [id])).toBe(4)
    await expectRevert(w(dao, 1, 'execute', [id]), 'AlreadyExecuted')
    await expectRevert(w(dao, 1, 'execute', [99n]), 'ProposalNotFound')
    await expectRevert(w(dao, 1, 'vote', [99n, true]), 'ProposalNotFound')
    await expectRevert(r(dao, 'getProposal', [99n]), 'ProposalNotFound')
    // a defeated proposal (quorum 2 not met) never executes
    await mined(chain, w(dao, 1, 'propose', [dao, 0n, data, 'again']))
    const id2 = await r<bigint>(dao, 'proposalCount')
    await mined(chain, w(dao, 1, 'vote', [id2, true]))
    await chain.increaseTime(200)
    expect(await r(dao, 'state', [id2])).toBe(2)
    await expectRevert(w(dao, 1, 'execute', [id2]), 'ProposalNotPassed')
    // a failing call reverts the execution
    await mined(
      chain,
      w(dao, 1, 'propose', [
        dao,
        0n,
        encodeFunctionData({ abi, functionName: 'approve', args: [bob] }),
        'bad',
      ]),
    )
    const id3 = await r<bigint>(dao, 'proposalCount')
    await mined(chain, w(dao, 1, 'vote', [id3, true]))
    await mined(chain, w(dao, 3, 'vote', [id3, true]))
    await chain.increaseTime(200)
    await expectRevert(w(dao, 1, 'execute', [id3]), 'ExecutionFailed')
  })

  it('takes refundable DAT deposits, weights votes by DAT, and routes treasury revenue to its classes', async () => {
    const dao = await create(DatWeighted)
    await expectRevert(w(dao, 1, 'createClass', ['ipfs://c', `0x${'00'.repeat(32)}`, 0, '']), 'NotAdmin')
    await mined(chain, w(dao, 0, 'createClass', ['ipfs://c', `0x${'00'.repeat(32)}`, 0, '']))
    const classes = await r<bigint[]>(dao, 'classes')
    const classId = classes[0]!
    await mined(chain, w(dao, 0, 'approveClassOperator', [classId, founder, true]))
    await expectRevert(w(dao, 1, 'approveClassOperator', [classId, founder, true]), 'NotAdmin')
    const mint = async (to: Address, value: bigint) => {
      await mined(
        chain,
        chain.wallets[0]!.writeContract({
          address: dat,
          abi: datAbi,
          functionName: 'mint',
          args: [classId, to, value, value, 0n],
        }),
      )
      return chain.publicClient.readContract({ address: dat, abi: datAbi, functionName: 'tokenCount' })
    }
    // a second DAO requiring deposits of this class
    const rc = await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: factory,
        abi: fabi,
        functionName: 'createIdao',
        args: ['Dep', '', DatWeighted, 100n, 0n, 1n, classId, 10n],
      }),
    )
    void rc
    const depDao = (
      await chain.publicClient.readContract({ address: factory, abi: fabi, functionName: 'allIdaos' })
    ).at(-1)!
    await mined(chain, w(dao, 0, 'approveClassOperator', [classId, depDao, true]))
    const small = await mint(alice, 5n)
    const big = await mint(alice, 30n)
    const bobs = await mint(bob, 20n)
    await expectRevert(w(depDao, 1, 'join', [Human, zeroAddress, 0n]), 'DepositRequired')
    await expectRevert(w(depDao, 1, 'join', [Human, zeroAddress, small]), 'InvalidDeposit')
    await expectRevert(w(depDao, 1, 'join', [Human, zeroAddress, bobs]), 'InvalidDeposit')
    await mined(chain, w(depDao, 1, 'join', [Human, zeroAddress, big]))
    expect(
      await chain.publicClient.readContract({
        address: dat,
        abi: datAbi,
        functionName: 'ownerOf',
        args: [big],
      }),
    ).toBe(depDao)
    await mined(chain, w(depDao, 0, 'approve', [alice]))
    expect(await r(depDao, 'votingWeight', [alice])).toBe(30n)
    expect(await r(depDao, 'votingWeight', [founder])).toBe(0n) // founder deposited nothing
    await mined(chain, w(depDao, 0, 'propose', [depDao, 0n, '0x', 'noop']))
    await expectRevert(w(depDao, 0, 'vote', [1n, true]), 'NoVotingWeight')
    await mined(chain, w(depDao, 1, 'vote', [1n, true]))
    expect((await r<{ forVotes: bigint }>(depDao, 'getProposal', [1n])).forVotes).toBe(30n)
    await mined(chain, w(depDao, 1, 'leave'))
    expect(
      await chain.publicClient.readContract({
        address: dat,
        abi: datAbi,
        functionName: 'ownerOf',
        args: [big],
      }),
    ).toBe(alice)
    // treasury → class revenue
    await chain.wallets[3]!.sendTransaction({ to: dao, value: parseEther('2') })
    await expectRevert(w(dao, 0, 'routeRevenue', [classId, parseEther('3')]), 'InsufficientTreasury')
    await expectRevert(w(dao, 1, 'routeRevenue', [classId, 1n]), 'NotAdmin')
    await mined(chain, w(dao, 0, 'routeRevenue', [classId, parseEther('1.1')]))
    const pending = await chain.publicClient.readContract({
      address: dat,
      abi: datAbi,
      functionName: 'pendingRevenue',
      args: [big, zeroAddress],
    })
    expect(pending).toBe((parseEther('1.1') * 30n) / 55n)
    await expectRevert(w(dao, 1, 'setAdmin', [bob]), 'NotAdmin')
  })
})
