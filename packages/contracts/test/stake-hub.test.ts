import { type Address, parseEther } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

const abi = artifacts.StakeHub.abi
const MIN = parseEther('1')
const UNBOND = 500n

describe('StakeHub', () => {
  let chain: TestChain
  let hub: Address
  let owner: Address, v1: Address, v2: Address, d: Address, slasher: Address
  const w = (i: number, functionName: string, args: readonly unknown[] = [], value?: bigint) =>
    chain.wallets[i]!.writeContract({ address: hub, abi, functionName, args, value } as never)
  const r = <T>(functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address: hub, abi, functionName, args } as never) as Promise<T>

  beforeAll(async () => {
    chain = await createTestChain()
    ;[owner, v1, v2, d, slasher] = chain.wallets.map((x) => x.account.address) as [
      Address,
      Address,
      Address,
      Address,
      Address,
    ]
    hub = await chain.deploy(abi, artifacts.StakeHub.bytecode, [owner, MIN, UNBOND])
  })

  it('creates validators and takes delegations', async () => {
    await expectRevert(w(1, 'createValidator', ['0x01', 500], MIN - 1n), 'InsufficientSelfStake')
    await expectRevert(w(1, 'createValidator', ['0x01', 10_001], MIN), 'InvalidCommission')
    await mined(chain, w(1, 'createValidator', ['0x01', 500], MIN))
    await mined(chain, w(2, 'createValidator', ['0x02', 0], parseEther('2')))
    await expectRevert(w(1, 'createValidator', ['0x01', 500], MIN), 'ValidatorExists')
    await expectRevert(w(3, 'delegate', [d], 1n), 'ValidatorNotFound')
    await expectRevert(w(3, 'delegate', [v1], 0n), 'ZeroAmount')
    await mined(chain, w(3, 'delegate', [v1], parseEther('3')))
    expect(await r('stakeOf', [v1, d])).toBe(parseEther('3'))
    expect((await r<{ totalStake: bigint }>('getValidator', [v1])).totalStake).toBe(parseEther('4'))
    expect(await r('validatorCount')).toBe(2n)
    const [vals, powers, keys, total] = await r<[Address[], bigint[], string[], bigint]>(
      'getValidatorElectionInfo',
      [0n, 10n],
    )
    expect(vals).toEqual([v1, v2])
    expect(powers).toEqual([parseEther('4'), parseEther('2')])
    expect(keys).toEqual(['0x01', '0x02'])
    expect(total).toBe(2n)
    const [page] = await r<[Address[]]>('getValidatorElectionInfo', [1n, 1n])
    expect(page).toEqual([v2])
  })

  it('jails, unjails and slashes through the slasher hook; slashes hit delegators pro rata', async () => {
    await expectRevert(w(4, 'jail', [v1, 100n]), 'NotSlasher')
    await expectRevert(w(4, 'setSlasher', [slasher]), 'OwnableUnauthorizedAccount')
    await mined(chain, w(0, 'setSlasher', [slasher]))
    await expectRevert(w(4, 'jail', [d, 100n]), 'ValidatorNotFound')
    await expectRevert(w(1, 'unjail'), 'NotJailed')
    await mined(chain, w(4, 'jail', [v1, 100n]))
    const [vals] = await r<[Address[]]>('getValidatorElectionInfo', [0n, 10n])
    expect(vals).toEqual([v2])
    await expectRevert(w(1, 'unjail'), 'StillJailed')
    await expectRevert(w(3, 'unjail'), 'ValidatorNotFound')
    await chain.increaseTime(101)
    await mined(chain, w(1, 'unjail'))
    await expectRevert(w(4, 'slash', [v1, 0]), 'InvalidBps')
    await expectRevert(w(4, 'slash', [v1, 10_001]), 'InvalidBps')
    await expectRevert(w(4, 'slash', [d, 100]), 'ValidatorNotFound')
    await mined(chain, w(4, 'slash', [v1, 2500]))
    expect(await r('stakeOf', [v1, d])).toBe(parseEther('2.25'))
    expect(await r('stakeOf', [v1, v1])).toBe(parseEther('0.75'))
    expect(await r('slashedFunds')).toBe(parseEther('1'))
    await expectRevert(w(4, 'withdrawSlashed', [slasher]), 'OwnableUnauthorizedAccount')
    const before = await chain.balance(slasher)
    await mined(chain, w(0, 'withdrawSlashed', [slasher]))
    expect((await chain.balance(slasher)) - before).toBe(parseEther('1'))
    await expectRevert(w(0, 'withdrawSlashed', [slasher]), 'NothingToClaim')
  })

  it('undelegates through an unbonding period', async () => {
    const shares = await r<bigint>('sharesOf', [v1, d])
    await expectRevert(w(3, 'undelegate', [v1, 0n]), 'ZeroAmount')
    await expectRevert(w(3, 'undelegate', [v1, shares + 1n]), 'InsufficientShares')
    await expectRevert(w(3, 'undelegate', [d, 1n]), 'ValidatorNotFound')
    await mined(chain, w(3, 'undelegate', [v1, shares / 3n]))
    const list = await r<{ amount: bigint }[]>('unbondingsOf', [d])
    expect(list).toHaveLength(1)
    expect(list[0]!.amount).toBe(parseEther('0.75'))
    await expectRevert(w(3, 'claimUnbonded'), 'NothingToClaim')
    await chain.increaseTime(Number(UNBOND) + 1)
    const before = await chain.balance(d)
    await mined(chain, w(3, 'claimUnbonded'))
    expect((await chain.balance(d)) - before).toBe(parseEther('0.75'))
    expect(await r('unbondingsOf', [d])).toEqual([])
    // a validator below the minimum self stake drops out of the election
    await mined(chain, w(1, 'undelegate', [v1, await r<bigint>('sharesOf', [v1, v1])]))
    await mined(chain, w(3, 'undelegate', [v1, await r<bigint>('sharesOf', [v1, d])]))
    const [vals] = await r<[Address[]]>('getValidatorElectionInfo', [0n, 10n])
    expect(vals).toEqual([v2])
    await expectRevert(w(1, 'setParams', [0n, 0n]), 'OwnableUnauthorizedAccount')
    await mined(chain, w(0, 'setParams', [0n, 10n]))
    expect(await r('unbondingPeriod')).toBe(10n)
  })
})
