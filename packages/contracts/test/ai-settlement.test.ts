import fc from 'fast-check'
import { type Address, type Hex, keccak256, parseEther, toHex } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts, settlementRequestTypedData } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

const abi = artifacts.AISettlement.abi
const datAbi = artifacts.DataAnchoringToken.abi
const SERVICE = keccak256(toHex('inference'))
const LOCK = 1000n

describe('AISettlement', () => {
  let chain: TestChain
  let st: Address, dat: Address
  let owner: Address, user: Address, node: Address, holder: Address
  let tokenId: bigint
  const write = (i: number, functionName: string, args: readonly unknown[], value?: bigint) =>
    chain.wallets[i]!.writeContract({ address: st, abi, functionName, args, value } as never)
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address: st, abi, functionName, args } as never) as Promise<T>
  const signRequest = (signer: number, nonce: bigint, tid = 0n, nodeAddr: Address = node): Promise<Hex> =>
    chain.signers[signer]!.signTypedData(
      settlementRequestTypedData({
        chainId: chain.publicClient.chain.id,
        settlement: st,
        request: { user, node: nodeAddr, service: SERVICE, nonce, tokenId: tid },
      }),
    )
  /** Invariant behind bugs 1 and 2: the contract holds exactly what it owes. */
  const solvent = async () => expect(await chain.balance(st)).toBe(await read<bigint>('totalLiabilities'))

  beforeAll(async () => {
    chain = await createTestChain()
    ;[owner, user, node, holder] = chain.wallets.map((w) => w.account.address) as [
      Address,
      Address,
      Address,
      Address,
    ]
    dat = await chain.deploy(datAbi, artifacts.DataAnchoringToken.bytecode, [owner])
    st = await chain.deploy(abi, artifacts.AISettlement.bytecode, [owner, dat, LOCK, 1000])
    const dw = (fn: string, args: readonly unknown[]) =>
      mined(
        chain,
        chain.wallets[0]!.writeContract({ address: dat, abi: datAbi, functionName: fn, args } as never),
      )
    await dw('createClass', ['ipfs://model', `0x${'11'.repeat(32)}`, 0, ''])
    await dw('mint', [1n, holder, 1000n, 1n, 0n])
    tokenId = 1n
  })

  it('credits deposits (bug 1: deposit credited nothing)', async () => {
    await expectRevert(write(1, 'deposit', [node, SERVICE], 0n), 'ZeroAmount')
    await expectRevert(write(1, 'deposit', [`0x${'00'.repeat(20)}`, SERVICE], 1n), 'InvalidNode')
    await mined(chain, write(1, 'deposit', [node, SERVICE], parseEther('1')))
    expect(await read('escrowOf', [user, node, SERVICE])).toBe(parseEther('1'))
    await solvent()
  })

  it('charges with a user-signed, strictly increasing nonce and routes the data share to DAT revenue', async () => {
    const cost = parseEther('0.1')
    await expectRevert(
      write(2, 'charge', [user, SERVICE, 0n, 1n, 0n, await signRequest(1, 1n)]),
      'ZeroAmount',
    )
    await expectRevert(
      write(2, 'charge', [user, SERVICE, cost, 1n, 0n, await signRequest(3, 1n)]),
      'InvalidSignature',
    )
    await expectRevert(
      write(2, 'charge', [user, SERVICE, cost, 1n, 0n, await signRequest(1, 1n, 0n, owner)]),
      'InvalidSignature',
    )
    await expectRevert(
      write(2, 'charge', [user, SERVICE, cost, 1n, 5n, await signRequest(1, 1n)]),
      'InvalidSignature',
    ) // token id is signed
    await mined(chain, write(2, 'charge', [user, SERVICE, cost, 1n, 0n, await signRequest(1, 1n)]))
    expect(await read('withdrawable', [node])).toBe(cost)
    await expectRevert(
      write(2, 'charge', [user, SERVICE, cost, 1n, 0n, await signRequest(1, 1n)]),
      'NonceTooLow',
    )
    // with a DAT: 10% of the charge becomes revenue of the token's class
    await mined(
      chain,
      write(2, 'charge', [user, SERVICE, cost, 2n, tokenId, await signRequest(1, 2n, tokenId)]),
    )
    expect(await read('withdrawable', [node])).toBe(cost + (cost * 9n) / 10n)
    const pending = await chain.publicClient.readContract({
      address: dat,
      abi: datAbi,
      functionName: 'pendingRevenue',
      args: [tokenId, `0x${'00'.repeat(20)}`],
    })
    expect(pending).toBe(cost / 10n)
    await expectRevert(
      write(2, 'charge', [user, SERVICE, parseEther('5'), 3n, 0n, await signRequest(1, 3n)]),
      'InsufficientEscrow',
    )
    expect(await read('lastNonce', [user, node, SERVICE])).toBe(2n)
    await solvent()
  })

  it('pays by pull withdrawal that debits before sending (bugs 1 and 5)', async () => {
    const owed = await read<bigint>('withdrawable', [node])
    const before = await chain.balance(node)
    await mined(chain, write(2, 'withdraw', []))
    expect((await chain.balance(node)) - before).toBe(owed)
    // a second withdraw cannot drain the contract
    await expectRevert(write(2, 'withdraw', []), 'NothingToWithdraw')
    await solvent()
  })

  it('time-locks refunds, keeps them chargeable meanwhile, and cancels partially (bugs 2 and 4)', async () => {
    const escrow = await read<bigint>('escrowOf', [user, node, SERVICE])
    await expectRevert(write(1, 'requestRefund', [node, SERVICE, 0n]), 'ZeroAmount')
    await expectRevert(write(1, 'requestRefund', [node, SERVICE, escrow + 1n]), 'InsufficientEscrow')
    await expectRevert(write(1, 'completeRefund', [node, SERVICE]), 'NoRefundPending')
    await expectRevert(write(1, 'cancelRefund', [node, SERVICE, 1n]), 'NoRefundPending')
    await mined(chain, write(1, 'requestRefund', [node, SERVICE, parseEther('0.5')]))
    await mined(chain, write(1, 'cancelRefund', [node, SERVICE, parseEther('0.2')]))
    const r = await read<{ amount: bigint; unlockAt: bigint }>('pendingRefund', [user, node, SERVICE])
    expect(r.amount).toBe(parseEther('0.3')) // only the cancelled part is gone
    await expectRevert(write(1, 'cancelRefund', [node, SERVICE, parseEther('1')]), 'RefundTooLarge')
    await expectRevert(write(1, 'cancelRefund', [node, SERVICE, 0n]), 'ZeroAmount')
    await expectRevert(write(1, 'completeRefund', [node, SERVICE]), 'RefundLocked')
    // the node may still charge for requests it served during the lock
    const left = escrow - parseEther('0.75')
    await mined(
      chain,
      write(2, 'charge', [user, SERVICE, parseEther('0.75'), 10n, 0n, await signRequest(1, 10n)]),
    )
    await chain.increaseTime(Number(LOCK) + 1)
    const wBefore = await read<bigint>('withdrawable', [user])
    await mined(chain, write(1, 'completeRefund', [node, SERVICE]))
    const refunded = (await read<bigint>('withdrawable', [user])) - wBefore
    expect(refunded).toBe(left < parseEther('0.3') ? left : parseEther('0.3')) // capped by what is left
    expect(await read('escrowOf', [user, node, SERVICE])).toBe(left - refunded)
    const balBefore = await chain.balance(user)
    await mined(chain, write(1, 'withdraw', []))
    expect((await chain.balance(user)) - balBefore).toBe(refunded + wBefore) // the ETH really moved (bug 2)
    await solvent()
  })

  it('a full exit returns everything and emits events (bug 3)', async () => {
    await mined(chain, write(1, 'deposit', [node, SERVICE], parseEther('0.4')))
    const escrow = await read<bigint>('escrowOf', [user, node, SERVICE])
    const hash = await write(1, 'requestRefund', [node, SERVICE, escrow])
    const rc = await mined(chain, hash)
    expect(rc.logs.length).toBe(1)
    await chain.increaseTime(Number(LOCK) + 1)
    const rc2 = await mined(chain, write(1, 'completeRefund', [node, SERVICE]))
    expect(rc2.logs.length).toBe(1)
    expect(await read('escrowOf', [user, node, SERVICE])).toBe(0n)
    expect(await read('withdrawable', [user])).toBe(escrow)
    await mined(chain, write(1, 'withdraw', []))
    await solvent()
  })

  it('skips the data share when the class has no live shares, and validates params', async () => {
    await mined(chain, write(1, 'deposit', [node, SERVICE], 1000n))
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: dat,
        abi: datAbi,
        functionName: 'createClass',
        args: ['x', `0x${'00'.repeat(32)}`, 0, ''],
      }),
    )
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: dat,
        abi: datAbi,
        functionName: 'mint',
        args: [2n, holder, 1n, 0n, 0n],
      }),
    )
    const emptyShareToken = 2n
    const w0 = await read<bigint>('withdrawable', [node])
    await mined(
      chain,
      write(2, 'charge', [
        user,
        SERVICE,
        100n,
        20n,
        emptyShareToken,
        await signRequest(1, 20n, emptyShareToken),
      ]),
    )
    expect((await read<bigint>('withdrawable', [node])) - w0).toBe(100n)
    await expectRevert(write(1, 'setParams', [0n, 0]), 'OwnableUnauthorizedAccount')
    await expectRevert(write(0, 'setParams', [0n, 10_001]), 'InvalidShare')
    await mined(chain, write(0, 'setParams', [LOCK, 2500]))
    expect(await read('dataShareBps')).toBe(2500)
    await solvent()
  })

  it('property: any sequence of deposits, charges and refunds keeps the contract solvent', async () => {
    let nonce = 1000n
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            op: fc.constantFrom('deposit', 'charge', 'refund', 'withdraw'),
            amount: fc.bigInt({ min: 1n, max: 10n ** 18n }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (ops) => {
          for (const { op, amount } of ops) {
            try {
              if (op === 'deposit') await mined(chain, write(1, 'deposit', [node, SERVICE], amount))
              if (op === 'charge') {
                nonce += 1n
                await mined(
                  chain,
                  write(2, 'charge', [
                    user,
                    SERVICE,
                    amount,
                    nonce,
                    tokenId,
                    await signRequest(1, nonce, tokenId),
                  ]),
                )
              }
              if (op === 'refund') await mined(chain, write(1, 'requestRefund', [node, SERVICE, amount]))
              if (op === 'withdraw') await mined(chain, write(2, 'withdraw', []))
            } catch {
              // expected reverts (insufficient escrow, nothing to withdraw) leave state untouched
            }
            await solvent()
          }
        },
      ),
      { numRuns: 6 },
    )
  })
})
