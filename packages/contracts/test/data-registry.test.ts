import { type Address, type Hex, parseEther } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts, fileProofTypedData } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

const abi = artifacts.DataRegistry.abi
const datAbi = artifacts.DataAnchoringToken.abi
const FEE = parseEther('0.01')

describe('DataRegistry', () => {
  let chain: TestChain
  let reg: Address, dat: Address, vc: Address
  let owner: Address, alice: Address, verifier: Address, bob: Address
  let classId: bigint
  const write = (i: number, functionName: string, args: readonly unknown[], value?: bigint) =>
    chain.wallets[i]!.writeContract({ address: reg, abi, functionName, args, value } as never)
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address: reg, abi, functionName, args } as never) as Promise<T>
  const proofFor = async (
    signer: number,
    o: {
      fileId: bigint
      fileHash: string
      score: bigint
      fileUrl: string
      proofUrl?: string
      registry?: Address
      chainId?: number
    },
  ) => {
    const data = {
      fileId: o.fileId,
      fileHash: o.fileHash,
      score: o.score,
      fileUrl: o.fileUrl,
      proofUrl: o.proofUrl ?? 'ipfs://p',
    }
    const signature = await chain.signers[signer]!.signTypedData(
      fileProofTypedData({
        chainId: o.chainId ?? chain.publicClient.chain.id,
        registry: o.registry ?? reg,
        ...data,
      }),
    )
    return { signature, data: { id: o.fileId, score: o.score, fileUrl: o.fileUrl, proofUrl: data.proofUrl } }
  }
  const addFile = async (url: string, hash: string, from = 1) => {
    await mined(chain, write(from, 'addFile', [url, hash]))
    return read<bigint>('filesCount')
  }

  beforeAll(async () => {
    chain = await createTestChain()
    ;[owner, alice, verifier, bob] = chain.wallets.map((w) => w.account.address) as [
      Address,
      Address,
      Address,
      Address,
    ]
    dat = await chain.deploy(datAbi, artifacts.DataAnchoringToken.bytecode, [owner])
    vc = await chain.deploy(artifacts.VerifiedComputing.abi, artifacts.VerifiedComputing.bytecode, [
      owner,
      1n,
      FEE,
      0n,
      0n,
    ])
    reg = await chain.deploy(abi, artifacts.DataRegistry.bytecode, [owner, dat, vc, 'rsa-pub'])
    await mined(
      chain,
      chain.wallets[2]!.writeContract({
        address: vc,
        abi: artifacts.VerifiedComputing.abi,
        functionName: 'registerNode',
        args: ['https://v', '0x'],
        value: 1n,
      }),
    )
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: dat,
        abi: datAbi,
        functionName: 'createClass',
        args: ['ipfs://idao-data', `0x${'00'.repeat(32)}`, 0, ''],
      }),
    )
    classId = 1n
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: dat,
        abi: datAbi,
        functionName: 'approveForClass',
        args: [classId, reg, true],
      }),
    )
  })

  it('registers files with permissions (LazAI surface)', async () => {
    expect(await read('publicKey')).toBe('rsa-pub')
    const id = await addFile('ipfs://a', 'sha256-a')
    const f = await read<{ id: bigint; ownerAddress: Address; url: string; hash: string }>('getFile', [id])
    expect(f).toMatchObject({ id, ownerAddress: alice, url: 'ipfs://a', hash: 'sha256-a' })
    expect(await read('getFileIdByUrl', ['ipfs://a'])).toBe(id)
    expect(await read('getFileIdByUrl', ['ipfs://unknown'])).toBe(0n)
    await expectRevert(write(1, 'addFile', ['ipfs://a', 'x']), 'FileAlreadyExists')
    await expectRevert(write(1, 'addFile', ['', 'x']), 'EmptyUrl')
    await mined(chain, write(1, 'addPermissionForFile', [id, bob, 'enc-key-bob']))
    expect(await read('getFilePermission', [id, bob])).toBe('enc-key-bob')
    await expectRevert(write(3, 'addPermissionForFile', [id, bob, 'k']), 'NotFileOwner')
    await expectRevert(read('getFile', [999n]), 'FileNotFound')
    await expectRevert(read('getFilePermission', [999n, bob]), 'FileNotFound')
    await mined(
      chain,
      write(1, 'addFileWithPermissions', [
        'ipfs://b',
        'h',
        [
          { account: bob, key: 'kb' },
          { account: verifier, key: 'kv' },
        ],
      ]),
    )
    const idB = await read<bigint>('filesCount')
    expect(await read('getFilePermission', [idB, verifier])).toBe('kv')
    await expectRevert(write(1, 'updatePublicKey', ['x']), 'OwnableUnauthorizedAccount')
    await mined(chain, write(0, 'updatePublicKey', ['rsa-pub-2']))
    expect(await read('publicKey')).toBe('rsa-pub-2')
  })

  it('registers a file and pays a proof job in one call', async () => {
    await mined(chain, write(1, 'addFileAndRequestProof', ['ipfs://c', 'hc'], FEE))
    const fileId = await read<bigint>('filesCount')
    const job = await chain.publicClient.readContract({
      address: vc,
      abi: artifacts.VerifiedComputing.abi,
      functionName: 'getJob',
      args: [1n],
    })
    expect(job.requester).toBe(alice)
    expect(job.inputHash).toBe(`0x${fileId.toString(16).padStart(64, '0')}` as Hex)
    await expectRevert(write(1, 'addFileAndRequestProof', ['ipfs://d', 'hd'], 0n), 'InsufficientFee')
  })

  it('accepts proofs only from active verifier nodes, bound to file id, hash, chain and contract (bug 6)', async () => {
    const id = await addFile('ipfs://e', 'sha256-e')
    const other = await addFile('ipfs://f', 'sha256-f')
    // signed by a non-node
    await expectRevert(
      write(0, 'addProof', [
        id,
        await proofFor(3, { fileId: id, fileHash: 'sha256-e', score: 90n, fileUrl: 'ipfs://e' }),
      ]),
      'InvalidProofSigner',
    )
    // a proof for another file cannot be attached here
    const forOther = await proofFor(2, {
      fileId: other,
      fileHash: 'sha256-f',
      score: 90n,
      fileUrl: 'ipfs://f',
    })
    await expectRevert(write(0, 'addProof', [id, forOther]), 'ProofFileMismatch')
    await expectRevert(
      write(0, 'addProof', [id, { ...forOther, data: { ...forOther.data, id, fileUrl: 'ipfs://e' } }]),
      'InvalidProofSigner',
    )
    await expectRevert(
      write(0, 'addProof', [id, { ...forOther, data: { ...forOther.data, id } }]),
      'ProofUrlMismatch',
    )
    // wrong file hash, wrong chain id, wrong contract: all recover a different signer
    await expectRevert(
      write(0, 'addProof', [
        id,
        await proofFor(2, { fileId: id, fileHash: 'sha256-x', score: 90n, fileUrl: 'ipfs://e' }),
      ]),
      'InvalidProofSigner',
    )
    await expectRevert(
      write(0, 'addProof', [
        id,
        await proofFor(2, {
          fileId: id,
          fileHash: 'sha256-e',
          score: 90n,
          fileUrl: 'ipfs://e',
          chainId: 133718,
        }),
      ]),
      'InvalidProofSigner',
    )
    await expectRevert(
      write(0, 'addProof', [
        id,
        await proofFor(2, {
          fileId: id,
          fileHash: 'sha256-e',
          score: 90n,
          fileUrl: 'ipfs://e',
          registry: dat,
        }),
      ]),
      'InvalidProofSigner',
    )
    const good = await proofFor(2, { fileId: id, fileHash: 'sha256-e', score: 90n, fileUrl: 'ipfs://e' })
    await expectRevert(write(0, 'addProof', [999n, good]), 'FileNotFound')
    await mined(chain, write(3, 'addProof', [id, good])) // relayed by anyone; the signature authenticates
    const p = await read<{ signer: Address; score: bigint }>('getFileProof', [id, 0n])
    expect(p).toMatchObject({ signer: verifier, score: 90n })
    await expectRevert(read('getFileProof', [id, 1n]), 'ProofNotFound')
    await expectRevert(read('getFileProof', [999n, 0n]), 'FileNotFound')
    expect((await read<{ proofsCount: bigint }>('getFile', [id])).proofsCount).toBe(1n)
  })

  it('bounds proofs (one per verifier and file) and rewards once, even for zero score (bug 7)', async () => {
    const id = await addFile('ipfs://g', 'sha256-g')
    await mined(
      chain,
      write(0, 'addProof', [
        id,
        await proofFor(2, { fileId: id, fileHash: 'sha256-g', score: 0n, fileUrl: 'ipfs://g' }),
      ]),
    )
    await expectRevert(
      write(0, 'addProof', [
        id,
        await proofFor(2, { fileId: id, fileHash: 'sha256-g', score: 99n, fileUrl: 'ipfs://g' }),
      ]),
      'DuplicateProof',
    )
    await expectRevert(write(1, 'requestReward', [id, 0n]), 'RewardClassNotSet')
    await expectRevert(write(1, 'setRewardClass', [classId]), 'OwnableUnauthorizedAccount')
    await mined(chain, write(0, 'setRewardClass', [classId]))
    await expectRevert(write(1, 'requestReward', [id, 5n]), 'ProofNotFound')
    await mined(chain, write(1, 'requestReward', [id, 0n]))
    const f = await read<{ rewarded: boolean; rewardAmount: bigint }>('getFile', [id])
    expect(f.rewarded).toBe(true)
    expect(f.rewardAmount).toBe(0n)
    await expectRevert(write(1, 'requestReward', [id, 0n]), 'AlreadyRewarded')
  })

  it('mints the file owner a verified DAT in the reward class', async () => {
    const id = await addFile('ipfs://h', 'sha256-h')
    await mined(
      chain,
      write(0, 'addProof', [
        id,
        await proofFor(2, { fileId: id, fileHash: 'sha256-h', score: 75n, fileUrl: 'ipfs://h' }),
      ]),
    )
    await mined(chain, write(3, 'requestReward', [id, 0n]))
    const tokenId = await chain.publicClient.readContract({
      address: dat,
      abi: datAbi,
      functionName: 'tokenCount',
    })
    const r = (fn: string) =>
      chain.publicClient.readContract({
        address: dat,
        abi: datAbi,
        functionName: fn,
        args: [tokenId],
      } as never)
    expect(await r('ownerOf')).toBe(alice)
    expect(await r('valueOf')).toBe(75n)
    expect(await r('classOf')).toBe(classId)
    expect(await r('verified')).toBe(true)
    expect(await r('fileUrl')).toBe('ipfs://h')
    await expectRevert(write(1, 'requestReward', [id, 0n]), 'AlreadyRewarded')
    // a proof whose signer was since removed cannot be rewarded
    const id2 = await addFile('ipfs://i', 'sha256-i')
    await mined(
      chain,
      write(0, 'addProof', [
        id2,
        await proofFor(2, { fileId: id2, fileHash: 'sha256-i', score: 5n, fileUrl: 'ipfs://i' }),
      ]),
    )
    await mined(
      chain,
      chain.wallets[0]!.writeContract({
        address: vc,
        abi: artifacts.VerifiedComputing.abi,
        functionName: 'removeNode',
        args: [verifier, 0],
      }),
    )
    await expectRevert(write(1, 'requestReward', [id2, 0n]), 'InvalidProofSigner')
    await expectRevert(write(1, 'requestReward', [999n, 0n]), 'FileNotFound')
  })

  it('has no trusted-forwarder / meta-transaction surface (bug 9)', () => {
    for (const a of Object.values(artifacts)) {
      expect(a.abi.some((x) => 'name' in x && /forwarder/i.test(x.name ?? ''))).toBe(false)
    }
  })
})
