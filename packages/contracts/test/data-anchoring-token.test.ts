import fc from 'fast-check'
import { type Address, keccak256, parseEther, toHex, zeroAddress } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

const abi = artifacts.DataAnchoringToken.abi
const metric = keccak256(toHex('inference.tokens'))

describe('DataAnchoringToken', () => {
  let chain: TestChain
  let dat: Address
  let owner: Address, alice: Address, bob: Address, carol: Address
  const write = (i: number, functionName: string, args: readonly unknown[], value?: bigint) =>
    chain.wallets[i]!.writeContract({ address: dat, abi, functionName, args, value } as never)
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address: dat, abi, functionName, args } as never) as Promise<T>
  const newClass = async (from = 0) => {
    const { result } = await chain.publicClient.simulateContract({
      address: dat,
      abi,
      functionName: 'createClass',
      args: ['ipfs://meta', keccak256(toHex('data')), 6, 'ipfs://policy'],
      account: chain.wallets[from]!.account,
    })
    await mined(
      chain,
      write(from, 'createClass', ['ipfs://meta', keccak256(toHex('data')), 6, 'ipfs://policy']),
    )
    return result
  }
  const mint = async (
    classId: bigint,
    to: Address,
    value: bigint,
    share: bigint,
    expireAt = 0n,
    from = 0,
  ) => {
    const { result } = await chain.publicClient.simulateContract({
      address: dat,
      abi,
      functionName: 'mint',
      args: [classId, to, value, share, expireAt],
      account: chain.wallets[from]!.account,
    })
    await mined(chain, write(from, 'mint', [classId, to, value, share, expireAt]))
    return result
  }

  beforeAll(async () => {
    chain = await createTestChain()
    ;[owner, alice, bob, carol] = chain.wallets.map((w) => w.account.address) as [
      Address,
      Address,
      Address,
      Address,
    ]
    dat = await chain.deploy(abi, artifacts.DataAnchoringToken.bytecode, [owner])
  })

  it('creates classes with metadata and lets only the class owner update them', async () => {
    const classId = await newClass(1)
    const meta = await read<{ owner: Address; metadataURI: string; unitDecimals: number; policyURI: string }>(
      'getClassMeta',
      [classId],
    )
    expect(meta.owner).toBe(alice)
    expect(meta.metadataURI).toBe('ipfs://meta')
    expect(meta.unitDecimals).toBe(6)
    await mined(chain, write(1, 'updateClassMetadata', [classId, 'ipfs://meta2', keccak256(toHex('v2'))]))
    await mined(chain, write(1, 'updateClassPolicy', [classId, 'ipfs://policy2']))
    const meta2 = await read<{ metadataURI: string; integrityHash: string; policyURI: string }>(
      'getClassMeta',
      [classId],
    )
    expect(meta2.metadataURI).toBe('ipfs://meta2')
    expect(meta2.integrityHash).toBe(keccak256(toHex('v2')))
    expect(meta2.policyURI).toBe('ipfs://policy2')
    await expectRevert(write(2, 'updateClassMetadata', [classId, 'x', keccak256('0x')]), 'NotClassOwner')
    await expectRevert(write(2, 'updateClassPolicy', [classId, 'x']), 'NotClassOwner')
    await expectRevert(write(2, 'approveForClass', [classId, bob, true]), 'NotClassOwner')
    await expectRevert(read('getClassMeta', [999n]), 'ClassNotFound')
    await expectRevert(write(1, 'updateClassPolicy', [999n, 'x']), 'ClassNotFound')
  })

  it('mints with counter ids only, operators may mint, others may not (reference bug 8)', async () => {
    const classId = await newClass(1)
    await expectRevert(write(2, 'mint', [classId, bob, 10n, 1n, 0n]), 'NotClassOperator')
    await mined(chain, write(1, 'approveForClass', [classId, bob, true]))
    expect(await read('isApprovedForClass', [classId, bob])).toBe(true)
    const before = await read<bigint>('tokenCount')
    const id1 = await mint(classId, carol, 100n, 5n, 0n, 2)
    const id2 = await mint(classId, carol, 100n, 5n, 0n, 1)
    expect(id1).toBe(before + 1n)
    expect(id2).toBe(before + 2n)
    // No function accepts a caller-chosen token id: the ABI has no batchMint.
    expect(abi.some((f) => f.type === 'function' && /batch/i.test(f.name))).toBe(false)
    expect(await read('classOf', [id1])).toBe(classId)
    expect(await read('valueOf', [id1])).toBe(100n)
    expect(await read('shareRatioOf', [id1])).toBe(5n)
    expect(await read('expireAtOf', [id1])).toBe(0n)
    expect(await read('ownerOf', [id1])).toBe(carol)
    await mined(chain, write(1, 'approveForClass', [classId, bob, false]))
    await expectRevert(write(2, 'mint', [classId, bob, 10n, 1n, 0n]), 'NotClassOperator')
    await expectRevert(write(1, 'mint', [classId, zeroAddress, 10n, 1n, 0n]), 'InvalidRecipient')
    await expectRevert(write(1, 'mint', [classId, bob, 10n, 1n, 1n]), 'InvalidExpiry')
    await expectRevert(write(1, 'mint', [999n, bob, 10n, 1n, 0n]), 'ClassNotFound')
    await expectRevert(read('ownerOf', [999n]), 'TokenNotFound')
  })

  it('keeps the LazAI surface: mint(address,uint256,string,bool), fileUrl, verified', async () => {
    await expectRevert(write(0, 'mint', [alice, 7n, 'ipfs://file', true]), 'DefaultClassNotSet')
    const classId = await newClass(0)
    await expectRevert(write(1, 'setDefaultClass', [classId]), 'OwnableUnauthorizedAccount')
    await expectRevert(write(0, 'setDefaultClass', [999n]), 'ClassNotFound')
    await mined(chain, write(0, 'setDefaultClass', [classId]))
    const receipt = await mined(chain, write(0, 'mint', [alice, 7n, 'ipfs://file', true]))
    const id = await read<bigint>('tokenCount')
    expect(receipt.logs.length).toBeGreaterThan(0)
    expect(await read('fileUrl', [id])).toBe('ipfs://file')
    expect(await read('verified', [id])).toBe(true)
    expect(await read('valueOf', [id])).toBe(7n)
    expect(await read('shareRatioOf', [id])).toBe(7n)
    await expectRevert(write(2, 'mint', [alice, 7n, 'x', false]), 'NotClassOperator')
    const id2 = await (async () => {
      await mined(chain, write(0, 'mintWithFile', [classId, bob, 3n, 3n, 0n, 'ipfs://b', false]))
      return read<bigint>('tokenCount')
    })()
    expect(await read('verified', [id2])).toBe(false)
    expect(await read('fileUrl', [id2])).toBe('ipfs://b')
    await expectRevert(write(2, 'mintWithFile', [classId, bob, 3n, 3n, 0n, '', false]), 'NotClassOperator')
    await expectRevert(read('fileUrl', [999n]), 'TokenNotFound')
    await expectRevert(read('verified', [999n]), 'TokenNotFound')
  })

  it('transfers tokens and value, with the class/expiry/quota checks', async () => {
    const classId = await newClass(0)
    const other = await newClass(0)
    const a = await mint(classId, alice, 50n, 1n)
    const b = await mint(classId, bob, 10n, 1n)
    const x = await mint(other, alice, 10n, 1n)
    await mined(chain, write(1, 'transferValue', [a, b, 20n]))
    expect(await read('valueOf', [a])).toBe(30n)
    expect(await read('valueOf', [b])).toBe(30n)
    await expectRevert(write(1, 'transferValue', [a, b, 31n]), 'InsufficientValue')
    await expectRevert(write(1, 'transferValue', [a, b, 0n]), 'ZeroAmount')
    await expectRevert(write(1, 'transferValue', [a, x, 1n]), 'ClassMismatch')
    await expectRevert(write(2, 'transferValue', [a, b, 1n]), 'NotAuthorized')
    await expectRevert(write(1, 'transferValue', [a, 999n, 1n]), 'TokenNotFound')
    await mined(chain, write(1, 'transferToken', [a, carol]))
    expect(await read('ownerOf', [a])).toBe(carol)
    await expectRevert(write(1, 'transferToken', [a, alice]), 'NotAuthorized')
    await expectRevert(write(3, 'transferToken', [a, zeroAddress]), 'InvalidRecipient')
    // class owner (operator) may move tokens of its class
    await mined(chain, write(0, 'transferToken', [a, alice]))
    expect(await read('ownerOf', [a])).toBe(alice)
    // expired tokens cannot take or give value
    const now = (await chain.publicClient.getBlock()).timestamp
    const e = await mint(classId, alice, 10n, 1n, now + 100n)
    await chain.increaseTime(200)
    await expectRevert(write(1, 'transferValue', [e, a, 1n]), 'TokenIsExpired')
    await expectRevert(write(1, 'transferValue', [a, e, 1n]), 'TokenIsExpired')
  })

  it('records usage against a hard quota', async () => {
    const classId = await newClass(0)
    const t = await mint(classId, alice, 10n, 1n)
    const r = await mined(chain, write(1, 'recordUsage', [t, metric, 4n]))
    expect(r.logs).toHaveLength(1)
    expect(await read('valueOf', [t])).toBe(6n)
    await mined(chain, write(0, 'recordUsage', [t, metric, 6n])) // class operator
    expect(await read('valueOf', [t])).toBe(0n)
    await expectRevert(write(1, 'recordUsage', [t, metric, 1n]), 'InsufficientValue')
    await expectRevert(write(1, 'recordUsage', [t, metric, 0n]), 'ZeroAmount')
    await expectRevert(write(2, 'recordUsage', [t, metric, 1n]), 'NotAuthorized')
    const now = (await chain.publicClient.getBlock()).timestamp
    const e = await mint(classId, alice, 10n, 1n, now + 50n)
    await chain.increaseTime(100)
    await expectRevert(write(1, 'recordUsage', [e, metric, 1n]), 'TokenIsExpired')
  })

  it('splits ETH revenue by share, pays by pull claim, and excludes expired tokens', async () => {
    const classId = await newClass(0)
    await expectRevert(write(0, 'settleRevenueETH', [classId], 100n), 'NoShares')
    const now = (await chain.publicClient.getBlock()).timestamp
    const a = await mint(classId, alice, 1n, 1n)
    const b = await mint(classId, bob, 1n, 3n, now + 1000n)
    await mined(chain, write(0, 'settleRevenueETH', [classId], parseEther('4')))
    expect(await read('pendingRevenue', [a, zeroAddress])).toBe(parseEther('1'))
    expect(await read('pendingRevenue', [b, zeroAddress])).toBe(parseEther('3'))
    // a token minted later does not share earlier revenue
    const c = await mint(classId, carol, 1n, 4n)
    expect(await read('pendingRevenue', [c, zeroAddress])).toBe(0n)
    await expectRevert(write(0, 'expire', [b]), 'TokenNotExpired')
    await chain.increaseTime(2000)
    await mined(chain, write(3, 'expire', [b]))
    await expectRevert(write(3, 'expire', [b]), 'TokenIsExpired')
    await expectRevert(write(3, 'expire', [c]), 'TokenNotExpired')
    expect(await read('totalShareOf', [classId])).toBe(5n)
    await mined(chain, write(0, 'settleRevenueETH', [classId], parseEther('5')))
    expect(await read('pendingRevenue', [a, zeroAddress])).toBe(parseEther('2'))
    expect(await read('pendingRevenue', [b, zeroAddress])).toBe(parseEther('3'))
    expect(await read('pendingRevenue', [c, zeroAddress])).toBe(parseEther('4'))
    const before = await chain.balance(carol)
    await mined(chain, write(2, 'claim', [b, zeroAddress, carol]))
    expect((await chain.balance(carol)) - before).toBe(parseEther('3'))
    await expectRevert(write(2, 'claim', [b, zeroAddress, carol]), 'NothingToClaim')
    await expectRevert(write(1, 'claim', [b, zeroAddress, carol]), 'NotTokenOwner')
    await expectRevert(write(1, 'claim', [a, zeroAddress, zeroAddress]), 'InvalidRecipient')
    await expectRevert(write(0, 'settleRevenueETH', [classId], 0n), 'ZeroAmount')
    await expectRevert(write(0, 'settleRevenueETH', [999n], 1n), 'ClassNotFound')
    await expectRevert(read('pendingRevenue', [999n, zeroAddress]), 'TokenNotFound')
    expect(await read('classAssets', [classId])).toEqual([zeroAddress])
  })

  it('settles and claims ERC-20 revenue', async () => {
    const classId = await newClass(0)
    const a = await mint(classId, alice, 1n, 1n)
    const b = await mint(classId, bob, 1n, 1n)
    const erc20 = await chain.deploy(artifacts.TestERC20.abi, artifacts.TestERC20.bytecode)
    const tabi = artifacts.TestERC20.abi
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: erc20,
        abi: tabi,
        functionName: 'mint',
        args: [owner, 1000n],
      }),
    )
    await expectRevert(write(0, 'settleRevenueERC20', [classId, erc20, 10n]), 'ERC20InsufficientAllowance')
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: erc20,
        abi: tabi,
        functionName: 'approve',
        args: [dat, 1000n],
      }),
    )
    await mined(chain, write(0, 'settleRevenueERC20', [classId, erc20, 101n]))
    expect(await read('pendingRevenue', [a, erc20])).toBe(50n)
    expect(await read('pendingRevenue', [b, erc20])).toBe(50n)
    expect(await read('pendingRevenue', [a, zeroAddress])).toBe(0n)
    await mined(chain, write(1, 'claim', [a, erc20, carol]))
    const bal = await chain.publicClient.readContract({
      address: erc20,
      abi: tabi,
      functionName: 'balanceOf',
      args: [carol],
    })
    expect(bal).toBe(50n)
    // the odd wei stays carried in the accumulator and reaches holders with the next settlement
    await mined(chain, write(0, 'settleRevenueERC20', [classId, erc20, 1n]))
    expect(await read('pendingRevenue', [a, erc20])).toBe(1n)
    expect(await read('pendingRevenue', [b, erc20])).toBe(51n)
    await expectRevert(write(0, 'settleRevenueERC20', [classId, zeroAddress, 1n]), 'InvalidRecipient')
    await expectRevert(write(0, 'settleRevenueERC20', [999n, erc20, 1n]), 'ClassNotFound')
    await expectRevert(write(0, 'settleRevenueERC20', [classId, erc20, 0n]), 'ZeroAmount')
  })

  it('bounds the number of revenue assets per class', async () => {
    const classId = await newClass(0)
    await mint(classId, alice, 1n, 1n)
    await mined(chain, write(0, 'settleRevenueETH', [classId], 1n)) // ETH is asset 1 of 8
    const tabi = artifacts.TestERC20.abi
    for (let i = 0; i < 8; i++) {
      const token = await chain.deploy(tabi, artifacts.TestERC20.bytecode)
      await mined(
        chain,
        chain.wallets[0]!.writeContract({
          address: token,
          abi: tabi,
          functionName: 'mint',
          args: [owner, 10n],
        }),
      )
      await mined(
        chain,
        chain.wallets[0]!.writeContract({
          address: token,
          abi: tabi,
          functionName: 'approve',
          args: [dat, 10n],
        }),
      )
      if (i < 7) await mined(chain, write(0, 'settleRevenueERC20', [classId, token, 10n]))
      else await expectRevert(write(0, 'settleRevenueERC20', [classId, token, 10n]), 'TooManyAssets')
    }
    expect(await read<readonly Address[]>('classAssets', [classId])).toHaveLength(8)
  })

  it('stores bounded proofs on tokens', async () => {
    const classId = await newClass(0)
    const t = await mint(classId, alice, 1n, 1n)
    await mined(chain, write(1, 'addProof', [t, keccak256(toHex('tee')), 'ipfs://proof', '0x1234']))
    const proofs = await read<{ uri: string; submitter: Address }[]>('proofsOf', [t])
    expect(proofs).toHaveLength(1)
    expect(proofs[0]!.uri).toBe('ipfs://proof')
    expect(proofs[0]!.submitter).toBe(alice)
    await expectRevert(write(2, 'addProof', [t, keccak256('0x'), 'x', '0x']), 'NotAuthorized')
    for (let i = 1; i < 16; i++) await mined(chain, write(0, 'addProof', [t, keccak256('0x'), 'x', '0x']))
    await expectRevert(write(0, 'addProof', [t, keccak256('0x'), 'x', '0x']), 'TooManyProofs')
    await expectRevert(read('proofsOf', [999n]), 'TokenNotFound')
  })

  it('property: claims never exceed what was settled and lose less than one wei per token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 6n }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 20n }), { minLength: 1, maxLength: 3 }),
        async (shares, settlements) => {
          const classId = await newClass(0)
          const ids: bigint[] = []
          for (const s of shares) ids.push(await mint(classId, alice, 1n, s))
          let total = 0n
          for (const amount of settlements) {
            await mined(chain, write(0, 'settleRevenueETH', [classId], amount))
            total += amount
          }
          const totalShare = shares.reduce((x, y) => x + y, 0n)
          let sum = 0n
          for (const [i, id] of ids.entries()) {
            const p = await read<bigint>('pendingRevenue', [id, zeroAddress])
            // each holder gets floor(total * share / totalShare) up to carried rounding
            const exact = (total * shares[i]!) / totalShare
            expect(p <= exact + 1n && p + 1n >= exact).toBe(true)
            sum += p
          }
          expect(sum <= total).toBe(true)
          expect(total - sum <= BigInt(ids.length)).toBe(true)
        },
      ),
      { numRuns: 12 },
    )
  })
})
