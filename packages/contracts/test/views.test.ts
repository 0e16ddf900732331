import {
  type Abi,
  type Address,
  encodeAbiParameters,
  hashTypedData,
  keccak256,
  parseEther,
  stringToHex,
  toHex,
  zeroAddress,
  zeroHash,
} from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  artifacts,
  deployMetisStack,
  domains,
  fileProofTypedData,
  settlementRequestTypedData,
} from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

describe('views, typed-data digests and ownership across the stack', () => {
  let chain: TestChain
  let s: Awaited<ReturnType<typeof deployMetisStack>>
  let owner: Address, alice: Address
  const r = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>
  const w = (
    i: number,
    address: Address,
    abi: Abi,
    functionName: string,
    args: readonly unknown[] = [],
    value?: bigint,
  ) => chain.wallets[i]!.writeContract({ address, abi, functionName, args, value } as never)

  beforeAll(async () => {
    chain = await createTestChain()
    ;[owner, alice] = chain.wallets.map((x) => x.account.address) as [Address, Address]
    s = await deployMetisStack(chain.wallets[0]!, chain.publicClient as never, {
      nodeFee: 5n,
      minNodeStake: 1n,
      refundLockTime: 60n,
      dataShareBps: 300,
    })
  })

  it('exposes constructor parameters and links', async () => {
    const A = artifacts
    expect(await r(s.dataRegistry, A.DataRegistry.abi, 'token')).toBe(s.dataAnchoringToken)
    expect(await r(s.dataRegistry, A.DataRegistry.abi, 'verifiedComputing')).toBe(s.verifiedComputing)
    expect(await r(s.dataRegistry, A.DataRegistry.abi, 'rewardClassId')).toBe(0n)
    expect(await r(s.dataRegistry, A.DataRegistry.abi, 'MAX_PROOFS_PER_FILE')).toBe(16n)
    expect(await r(s.aiSettlement, A.AISettlement.abi, 'token')).toBe(s.dataAnchoringToken)
    expect(await r(s.aiSettlement, A.AISettlement.abi, 'lockTime')).toBe(60n)
    expect(await r(s.aiSettlement, A.AISettlement.abi, 'MAX_DATA_SHARE_BPS')).toBe(10_000)
    expect(await r(s.idaoFactory, A.IDAOFactory.abi, 'token')).toBe(s.dataAnchoringToken)
    expect(await r(s.verifiedComputing, A.VerifiedComputing.abi, 'nodeFee')).toBe(5n)
    expect(await r(s.verifiedComputing, A.VerifiedComputing.abi, 'minStake')).toBe(1n)
    expect(await r(s.verifiedComputing, A.VerifiedComputing.abi, 'exitDelay')).toBe(86_400n)
    expect(await r(s.stakeHub, A.StakeHub.abi, 'minSelfStake')).toBe(parseEther('1'))
    expect(await r(s.stakeHub, A.StakeHub.abi, 'slasher')).toBe(zeroAddress)
    expect(await r(s.dataAnchoringToken, A.DataAnchoringToken.abi, 'ACC_SCALE')).toBe(10n ** 18n)
    expect(await r(s.dataAnchoringToken, A.DataAnchoringToken.abi, 'MAX_ASSETS_PER_CLASS')).toBe(8n)
    expect(await r(s.dataAnchoringToken, A.DataAnchoringToken.abi, 'MAX_PROOFS_PER_TOKEN')).toBe(16n)
    for (const [addr, abi] of [
      [s.dataAnchoringToken, A.DataAnchoringToken.abi],
      [s.dataRegistry, A.DataRegistry.abi],
      [s.aiSettlement, A.AISettlement.abi],
      [s.verifiedComputing, A.VerifiedComputing.abi],
      [s.stakeHub, A.StakeHub.abi],
    ] as const)
      expect(await r(addr, abi as Abi, 'owner')).toBe(owner)
  })

  it('EIP-712 type hashes, domains and digests match the TypeScript helpers', async () => {
    const A = artifacts
    expect(await r(s.dataRegistry, A.DataRegistry.abi, 'PROOF_TYPEHASH')).toBe(
      keccak256(
        stringToHex(
          'FileProof(uint256 fileId,bytes32 fileHash,uint256 score,string fileUrl,string proofUrl)',
        ),
      ),
    )
    expect(await r(s.verifiedComputing, A.VerifiedComputing.abi, 'RESULT_TYPEHASH')).toBe(
      keccak256(
        stringToHex(
          'ResultRecord(uint256 jobId,bytes32 inputHash,bytes32 modelHash,bytes32 outputHash,uint256 score,string proofUri)',
        ),
      ),
    )
    expect(await r(s.aiSettlement, A.AISettlement.abi, 'REQUEST_TYPEHASH')).toBe(
      keccak256(
        stringToHex('Request(address user,address node,bytes32 service,uint256 nonce,uint256 tokenId)'),
      ),
    )
    for (const [addr, abi, d] of [
      [s.dataRegistry, A.DataRegistry.abi, domains.dataRegistry],
      [s.verifiedComputing, A.VerifiedComputing.abi, domains.verifiedComputing],
      [s.aiSettlement, A.AISettlement.abi, domains.aiSettlement],
    ] as const) {
      const dom = await r<readonly unknown[]>(addr, abi as Abi, 'eip712Domain')
      expect(dom.slice(1, 5)).toEqual([d.name, d.version, BigInt(chain.publicClient.chain.id), addr])
    }
    const service = keccak256(toHex('svc'))
    const req = { user: alice, node: owner, service, nonce: 3n, tokenId: 9n }
    expect(
      await r(s.aiSettlement, A.AISettlement.abi, 'requestDigest', [alice, owner, service, 3n, 9n]),
    ).toBe(
      hashTypedData(
        settlementRequestTypedData({
          chainId: chain.publicClient.chain.id,
          settlement: s.aiSettlement,
          request: req,
        }),
      ),
    )
    await mined(chain, w(1, s.dataRegistry, A.DataRegistry.abi, 'addFile', ['ipfs://v', 'hash-v']))
    expect(await r(s.dataRegistry, A.DataRegistry.abi, 'proofDigest', [1n, 7n, 'ipfs://v', 'p'])).toBe(
      hashTypedData(
        fileProofTypedData({
          chainId: chain.publicClient.chain.id,
          registry: s.dataRegistry,
          fileId: 1n,
          fileHash: 'hash-v',
          score: 7n,
          fileUrl: 'ipfs://v',
          proofUrl: 'p',
        }),
      ),
    )
    await expectRevert(
      r(s.dataRegistry, A.DataRegistry.abi, 'proofDigest', [99n, 7n, '', '']),
      'FileNotFound',
    )
  })

  it('DAT bookkeeping views', async () => {
    const A = artifacts.DataAnchoringToken.abi
    const dat = s.dataAnchoringToken
    await mined(chain, w(0, dat, A, 'createClass', ['m', zeroHash, 0, '']))
    expect(await r(dat, A, 'classCount')).toBe(1n)
    expect(await r(dat, A, 'defaultClassId')).toBe(0n)
    const now = (await chain.publicClient.getBlock()).timestamp
    await mined(chain, w(0, dat, A, 'mint', [1n, alice, 5n, 2n, now + 30n]))
    const t = await r<{ owner: Address; value: bigint; expired: boolean }>(dat, A, 'getToken', [1n])
    expect(t).toMatchObject({ owner: alice, value: 5n, expired: false })
    expect(await r(dat, A, 'isExpired', [1n])).toBe(false)
    await mined(chain, w(0, dat, A, 'settleRevenueETH', [1n], 10n))
    expect(await r(dat, A, 'totalSettled', [1n, zeroAddress])).toBe(10n)
    expect(await r(dat, A, 'accRevenuePerShare', [1n, zeroAddress])).toBe((10n * 10n ** 18n) / 2n)
    await chain.increaseTime(60)
    expect(await r(dat, A, 'isExpired', [1n])).toBe(true)
    await expectRevert(r(dat, A, 'getToken', [9n]), 'TokenNotFound')
    await expectRevert(r(dat, A, 'isExpired', [9n]), 'TokenNotFound')
  })

  it('VerifiedComputing: requestJobFor refunds the named requester; requestProof is the LazAI entry', async () => {
    const A = artifacts.VerifiedComputing.abi
    await mined(chain, w(2, s.verifiedComputing, A, 'registerNode', ['u', '0x'], 1n))
    await mined(
      chain,
      w(0, s.verifiedComputing, A, 'requestJobFor', [alice, zeroHash, zeroHash, zeroAddress, 0n], 5n),
    )
    await expectRevert(w(0, s.verifiedComputing, A, 'cancelJob', [1n]), 'NotRequester')
    await mined(chain, w(1, s.verifiedComputing, A, 'cancelJob', [1n]))
    expect(await r(s.verifiedComputing, A, 'balanceOf', [alice])).toBe(5n)
    await mined(chain, w(1, s.verifiedComputing, A, 'requestProof', [7n], 5n))
    const job = await r<{ inputHash: string; requester: Address }>(s.verifiedComputing, A, 'getJob', [2n])
    expect(job.inputHash).toBe(encodeAbiParameters([{ type: 'uint256' }], [7n]))
    expect(job.requester).toBe(alice)
  })

  it('SignerSetVerifier views', async () => {
    const A = artifacts.SignerSetVerifier.abi
    const v = await chain.deploy(A, artifacts.SignerSetVerifier.bytecode, [owner, [alice], 1n])
    expect(await r(v, A, 'isSigner', [alice])).toBe(true)
    expect(await r(v, A, 'signerCount')).toBe(1n)
    expect(await r(v, A, 'threshold')).toBe(1n)
    const digest = keccak256(toHex('x'))
    const sig = await chain.signers[1]!.sign({ hash: digest })
    expect(
      await r(v, A, 'verifyResult', [1n, digest, encodeAbiParameters([{ type: 'bytes[]' }], [[sig]])]),
    ).toBe(true)
    expect(
      await r(v, A, 'verifyResult', [1n, zeroHash, encodeAbiParameters([{ type: 'bytes[]' }], [[sig]])]),
    ).toBe(false)
    expect(
      await r(v, A, 'verifyResult', [1n, digest, encodeAbiParameters([{ type: 'bytes[]' }], [['0x1234']])]),
    ).toBe(false)
  })

  it('IDAO hasVoted', async () => {
    const F = artifacts.IDAOFactory.abi
    await mined(chain, w(0, s.idaoFactory, F, 'createIdao', ['d', '', 1, 10n, 0n, 1n, 0n, 0n]))
    const dao = await r<Address>(s.idaoFactory, F, 'idaoAt', [0n])
    const A = artifacts.IDAO.abi
    await mined(chain, w(0, dao, A, 'propose', [dao, 0n, '0x', 'x']))
    expect(await r(dao, A, 'hasVoted', [1n, owner])).toBe(false)
    await mined(chain, w(0, dao, A, 'vote', [1n, true]))
    expect(await r(dao, A, 'hasVoted', [1n, owner])).toBe(true)
  })

  it('ownership is transferable and renounceable only by the owner', async () => {
    for (const [addr, abi] of [
      [s.dataAnchoringToken, artifacts.DataAnchoringToken.abi],
      [s.dataRegistry, artifacts.DataRegistry.abi],
      [s.aiSettlement, artifacts.AISettlement.abi],
      [s.verifiedComputing, artifacts.VerifiedComputing.abi],
      [s.stakeHub, artifacts.StakeHub.abi],
    ] as const) {
      await expectRevert(w(1, addr, abi as Abi, 'transferOwnership', [alice]), 'OwnableUnauthorizedAccount')
      await expectRevert(w(1, addr, abi as Abi, 'renounceOwnership'), 'OwnableUnauthorizedAccount')
      await mined(chain, w(0, addr, abi as Abi, 'transferOwnership', [alice]))
      expect(await r(addr, abi as Abi, 'owner')).toBe(alice)
      await mined(chain, w(1, addr, abi as Abi, 'renounceOwnership'))
      expect(await r(addr, abi as Abi, 'owner')).toBe(zeroAddress)
    }
  })
})
