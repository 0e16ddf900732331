import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import {
  type Abi,
  type Address,
  decodeErrorResult,
  encodeFunctionData,
  type Hex,
  parseEther,
  zeroAddress,
  zeroHash,
} from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts, deployMetisStack, type MetisContractAddresses } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

/** Compiles the test-only receiver with the pinned solc (kept out of the published artifacts). */
function compileReceiver(): { abi: Abi; bytecode: Hex } {
  const solc = createRequire(import.meta.url)('solc')
  const source = readFileSync(new URL('./fixtures/TestReceiver.sol', import.meta.url), 'utf8')
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'TestReceiver.sol': { content: source } },
        settings: {
          optimizer: { enabled: true, runs: 200 },
          evmVersion: 'cancun',
          outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
        },
      }),
    ),
  )
  const errors = (out.errors ?? []).filter((e: { severity: string }) => e.severity === 'error')
  if (errors.length)
    throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'))
  const c = out.contracts['TestReceiver.sol'].TestReceiver
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
}

const allErrors = Object.values(artifacts).flatMap((a) => (a.abi as Abi).filter((x) => x.type === 'error'))

/**
 * ETH payouts that fail (EthTransferFailed), re-entrancy into every nonReentrant payout
 * (ReentrancyGuardReentrantCall), ERC-20s that return false (SafeERC20FailedOperation) and
 * ownership hand-over to the zero address (OwnableInvalidOwner).
 */
describe('payout failure paths', () => {
  let chain: TestChain
  let s: MetisContractAddresses
  let receiver: { abi: Abi; bytecode: Hex }
  let rx: Address
  const owner = () => chain.wallets[0]!.account.address

  const write = (
    i: number,
    address: Address,
    abi: Abi,
    functionName: string,
    args: readonly unknown[] = [],
    value?: bigint,
  ) => chain.wallets[i]!.writeContract({ address, abi, functionName, args, value } as never)
  const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>
  /** The receiver contract calls `address.functionName(args)` (it is msg.sender there). */
  const asReceiver = (
    address: Address,
    abi: Abi,
    functionName: string,
    args: readonly unknown[] = [],
    value?: bigint,
  ) =>
    write(
      0,
      rx,
      receiver.abi,
      'exec',
      [address, encodeFunctionData({ abi, functionName, args } as never)],
      value,
    )
  const setReject = (reject: boolean) => mined(chain, write(0, rx, receiver.abi, 'setRejectEther', [reject]))
  const armReentry = (address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    mined(
      chain,
      write(0, rx, receiver.abi, 'setReenter', [
        address,
        encodeFunctionData({ abi, functionName, args } as never),
      ]),
    )
  /** The revert the receiver recorded when it re-entered. */
  const reentryError = async () => {
    const data = await read<Hex>(rx, receiver.abi, 'lastRevert')
    expect(await read(rx, receiver.abi, 'reentered')).toBe(true)
    return decodeErrorResult({ abi: allErrors, data }).errorName
  }

  beforeAll(async () => {
    chain = await createTestChain()
    s = await deployMetisStack(chain.wallets[0]!, chain.publicClient as never)
    receiver = compileReceiver()
    rx = await chain.deploy(receiver.abi, receiver.bytecode)
  }, 120_000)

  it('DataAnchoringToken: claim to a refusing address, re-entrant claim, ERC-20 returning false', async () => {
    const dat = s.dataAnchoringToken
    const abi = artifacts.DataAnchoringToken.abi as Abi
    await mined(chain, write(0, dat, abi, 'createClass', ['ipfs://c', zeroHash, 0, '']))
    await mined(chain, write(0, dat, abi, 'mint', [1n, owner(), 10n, 1n, 0n]))
    await mined(chain, write(0, dat, abi, 'mint', [1n, owner(), 10n, 1n, 0n]))
    await mined(chain, write(0, dat, abi, 'settleRevenueETH', [1n], parseEther('1')))
    await setReject(true)
    await expectRevert(write(0, dat, abi, 'claim', [1n, zeroAddress, rx]), 'EthTransferFailed')
    await setReject(false)
    await armReentry(dat, abi, 'claim', [2n, zeroAddress, rx])
    await mined(chain, write(0, dat, abi, 'claim', [1n, zeroAddress, rx]))
    expect(await reentryError()).toBe('ReentrancyGuardReentrantCall')
    expect(await chain.balance(rx)).toBe(parseEther('0.5'))
    // An "ERC-20" whose transferFrom returns false instead of reverting.
    await expectRevert(write(0, dat, abi, 'settleRevenueERC20', [1n, rx, 5n]), 'SafeERC20FailedOperation')
  })

  it('AISettlement: withdraw to a refusing user, re-entrant withdraw', async () => {
    const st = s.aiSettlement
    const abi = artifacts.AISettlement.abi as Abi
    const node = chain.wallets[2]!.account.address
    await mined(chain, asReceiver(st, abi, 'deposit', [node, zeroHash], parseEther('1')))
    await mined(chain, asReceiver(st, abi, 'requestRefund', [node, zeroHash, parseEther('1')]))
    await chain.increaseTime(3_601)
    await mined(chain, asReceiver(st, abi, 'completeRefund', [node, zeroHash]))
    await setReject(true)
    await expectRevert(asReceiver(st, abi, 'withdraw'), 'EthTransferFailed')
    await setReject(false)
    await armReentry(st, abi, 'withdraw')
    await mined(chain, asReceiver(st, abi, 'withdraw'))
    expect(await reentryError()).toBe('ReentrancyGuardReentrantCall')
    expect(await read(st, abi, 'withdrawable', [rx])).toBe(0n)
  })

  it('VerifiedComputing: withdraw to a refusing node, re-entrant withdraw', async () => {
    const vc = s.verifiedComputing
    const abi = artifacts.VerifiedComputing.abi as Abi
    await mined(chain, asReceiver(vc, abi, 'registerNode', ['https://rx', '0x01'], parseEther('1')))
    await mined(chain, asReceiver(vc, abi, 'requestExit'))
    await chain.increaseTime(86_401)
    await mined(chain, asReceiver(vc, abi, 'withdrawStake'))
    await setReject(true)
    await expectRevert(asReceiver(vc, abi, 'withdraw'), 'EthTransferFailed')
    await setReject(false)
    await armReentry(vc, abi, 'withdraw')
    await mined(chain, asReceiver(vc, abi, 'withdraw'))
    expect(await reentryError()).toBe('ReentrancyGuardReentrantCall')
  })

  it('StakeHub: slashed funds to a refusing address, re-entrant claim', async () => {
    const hub = s.stakeHub
    const abi = artifacts.StakeHub.abi as Abi
    await mined(chain, write(1, hub, abi, 'createValidator', ['0x01', 0], parseEther('2')))
    await mined(chain, write(0, hub, abi, 'setSlasher', [owner()]))
    await mined(chain, write(0, hub, abi, 'slash', [chain.wallets[1]!.account.address, 5000]))
    await setReject(true)
    await expectRevert(write(0, hub, abi, 'withdrawSlashed', [rx]), 'EthTransferFailed')
    await setReject(false)
    await armReentry(hub, abi, 'claimUnbonded')
    await mined(chain, write(0, hub, abi, 'withdrawSlashed', [rx]))
    expect(await reentryError()).toBe('ReentrancyGuardReentrantCall')
  })

  it('IDAO: a proposal cannot re-enter execute', async () => {
    const fabi = artifacts.IDAOFactory.abi as Abi
    const abi = artifacts.IDAO.abi as Abi
    const { result: dao } = await chain.publicClient.simulateContract({
      account: chain.wallets[0]!.account,
      address: s.idaoFactory,
      abi: fabi,
      functionName: 'createIdao',
      args: ['dao', '', 1, 10n, 0n, 1n, 0n, 0n],
    } as never)
    await mined(chain, write(0, s.idaoFactory, fabi, 'createIdao', ['dao', '', 1, 10n, 0n, 1n, 0n, 0n]))
    const idao = dao as Address
    const poke = encodeFunctionData({ abi: receiver.abi, functionName: 'poke' } as never)
    await mined(chain, write(0, idao, abi, 'propose', [rx, 0n, poke, 'poke']))
    await mined(chain, write(0, idao, abi, 'vote', [1n, true]))
    await armReentry(idao, abi, 'execute', [1n])
    await chain.increaseTime(11)
    await mined(chain, write(0, idao, abi, 'execute', [1n]))
    expect(await reentryError()).toBe('ReentrancyGuardReentrantCall')
  })

  it('Ownable: ownership cannot go to the zero address', async () => {
    for (const [name, address] of [
      ['DataAnchoringToken', s.dataAnchoringToken],
      ['DataRegistry', s.dataRegistry],
      ['VerifiedComputing', s.verifiedComputing],
      ['AISettlement', s.aiSettlement],
      ['StakeHub', s.stakeHub],
    ] as const)
      await expectRevert(
        write(0, address, artifacts[name].abi as Abi, 'transferOwnership', [zeroAddress]),
        'OwnableInvalidOwner',
      )
    const verifier = await chain.deploy(
      artifacts.SignerSetVerifier.abi,
      artifacts.SignerSetVerifier.bytecode,
      [owner(), [owner()], 1n],
    )
    await expectRevert(
      write(0, verifier, artifacts.SignerSetVerifier.abi as Abi, 'transferOwnership', [zeroAddress]),
      'OwnableInvalidOwner',
    )
  })
})
