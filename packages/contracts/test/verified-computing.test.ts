import {
  type Address,
  encodeAbiParameters,
  type Hex,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
} from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { artifacts, type ResultRecord, resultRecordTypedData } from '../src/index.js'
import { createTestChain, expectRevert, mined, type TestChain } from './setup.js'

const abi = artifacts.VerifiedComputing.abi
const STAKE = parseEther('1')
const FEE = parseEther('0.01')

describe('VerifiedComputing + SignerSetVerifier', () => {
  let chain: TestChain
  let vc: Address
  let owner: Address, n1: Address, n2: Address, user: Address
  const write = (i: number, functionName: string, args: readonly unknown[], value?: bigint) =>
    chain.wallets[i]!.writeContract({ address: vc, abi, functionName, args, value } as never)
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({ address: vc, abi, functionName, args } as never) as Promise<T>
  const sign = (i: number, record: ResultRecord) =>
    chain.signers[i]!.signTypedData(
      resultRecordTypedData({ chainId: chain.publicClient.chain.id, verifiedComputing: vc, record }),
    )
  const nodeIndex = (a: Address) => [n1, n2].indexOf(a) + 1
  const requestJob = async (input: Hex, verifier: Address = zeroAddress, timeout = 0n) => {
    await mined(chain, write(3, 'requestJob', [input, zeroHash, verifier, timeout], FEE))
    const id = await read<bigint>('jobCount')
    return {
      id,
      job: await read<{ node: Address; requester: Address; fee: bigint; status: number; deadline: bigint }>(
        'getJob',
        [id],
      ),
    }
  }
  const record = (jobId: bigint, input: Hex, score = 80n): ResultRecord => ({
    jobId,
    inputHash: input,
    modelHash: zeroHash,
    outputHash: keccak256(toHex('out')),
    score,
    proofUri: 'ipfs://result',
  })

  beforeAll(async () => {
    chain = await createTestChain()
    ;[owner, n1, n2, user] = chain.wallets.map((w) => w.account.address) as [
      Address,
      Address,
      Address,
      Address,
    ]
    vc = await chain.deploy(abi, artifacts.VerifiedComputing.bytecode, [owner, STAKE, FEE, 100n, 600n])
  })

  it('registers staked nodes', async () => {
    await expectRevert(write(1, 'registerNode', ['https://n1', '0x01'], STAKE - 1n), 'InsufficientStake')
    await expectRevert(write(3, 'requestJob', [zeroHash, zeroHash, zeroAddress, 0n], FEE), 'NoActiveNodes')
    await mined(chain, write(1, 'registerNode', ['https://n1', '0x01'], STAKE))
    await mined(chain, write(2, 'registerNode', ['https://n2', '0x02'], STAKE))
    await expectRevert(write(1, 'registerNode', ['x', '0x'], STAKE), 'NodeAlreadyRegistered')
    expect(await read('activeNodeCount')).toBe(2n)
    expect(await read('isActiveNode', [n1])).toBe(true)
    expect(await read('activeNodes')).toEqual([n1, n2])
    await mined(chain, write(1, 'updateNode', ['https://n1b', '0x0101']))
    const n = await read<{ url: string; encryptionKey: Hex; stake: bigint }>('getNode', [n1])
    expect(n.url).toBe('https://n1b')
    expect(n.encryptionKey).toBe('0x0101')
    expect(n.stake).toBe(STAKE)
    await expectRevert(write(3, 'updateNode', ['x', '0x']), 'NodeNotActive')
    await expectRevert(write(1, 'setParams', [0n, 0n, 0n, 0n]), 'OwnableUnauthorizedAccount')
  })

  it('assigns jobs deterministically and pays the node for a signed result', async () => {
    const input = keccak256(toHex('dataset-1'))
    await expectRevert(
      write(3, 'requestJob', [input, zeroHash, zeroAddress, 0n], FEE - 1n),
      'InsufficientFee',
    )
    const { id, job } = await requestJob(input)
    const expected = [n1, n2][
      Number(
        BigInt(keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'bytes32' }], [id, input]))) % 2n,
      )
    ]
    expect(job.node).toBe(expected)
    expect(job.requester).toBe(user)
    const ni = nodeIndex(job.node)
    const other = ni === 1 ? 2 : 1
    const r = record(id, input)
    expect(await read('hashResult', [r])).toBe(
      (await import('viem')).hashTypedData(
        resultRecordTypedData({ chainId: chain.publicClient.chain.id, verifiedComputing: vc, record: r }),
      ),
    )
    await expectRevert(write(other, 'acceptJob', [id]), 'NotAssignedNode')
    await mined(chain, write(ni, 'acceptJob', [id]))
    await expectRevert(write(ni, 'acceptJob', [id]), 'InvalidJobStatus')
    await expectRevert(write(0, 'submitResult', [r, await sign(other, r)]), 'InvalidResultProof')
    await expectRevert(
      write(0, 'submitResult', [{ ...r, inputHash: zeroHash }, await sign(ni, r)]),
      'InputMismatch',
    )
    await expectRevert(
      write(0, 'submitResult', [{ ...r, score: 99n }, await sign(ni, r)]),
      'InvalidResultProof',
    )
    await mined(chain, write(0, 'submitResult', [r, await sign(ni, r)])) // anyone may relay
    const stored = await read<ResultRecord>('getResult', [id])
    expect(stored.outputHash).toBe(r.outputHash)
    expect(await read('balanceOf', [job.node])).toBe(FEE)
    await expectRevert(write(0, 'submitResult', [r, await sign(ni, r)]), 'InvalidJobStatus')
    await expectRevert(write(3, 'cancelJob', [id]), 'JobNotCancellable')
    const before = await chain.balance(job.node)
    await mined(chain, write(ni, 'withdraw', []))
    expect((await chain.balance(job.node)) - before).toBe(FEE)
    await expectRevert(write(ni, 'withdraw', []), 'NothingToWithdraw')
    await expectRevert(read('getJob', [999n]), 'JobNotFound')
  })

  it('refunds on cancel before acceptance and after a timeout, never twice', async () => {
    const input = keccak256(toHex('dataset-2'))
    const { id } = await requestJob(input)
    await expectRevert(write(0, 'cancelJob', [id]), 'NotRequester')
    await mined(chain, write(3, 'cancelJob', [id]))
    expect(await read('balanceOf', [user])).toBe(FEE)
    await expectRevert(write(3, 'cancelJob', [id]), 'JobNotCancellable')
    const { id: id2, job } = await requestJob(input, zeroAddress, 50n)
    const ni = nodeIndex(job.node)
    await mined(chain, write(ni, 'acceptJob', [id2]))
    await expectRevert(write(3, 'cancelJob', [id2]), 'JobNotCancellable')
    await chain.increaseTime(100)
    const r = record(id2, input)
    await expectRevert(write(0, 'submitResult', [r, await sign(ni, r)]), 'JobExpired')
    await mined(chain, write(3, 'cancelJob', [id2]))
    expect(await read('balanceOf', [user])).toBe(2n * FEE)
    const { id: id3, job: j3 } = await requestJob(input, zeroAddress, 10n)
    await chain.increaseTime(20)
    await expectRevert(write(nodeIndex(j3.node), 'acceptJob', [id3]), 'JobExpired')
    await mined(chain, write(3, 'withdraw', []))
  })

  it('supports a pluggable IVerifier (signer-set mode)', async () => {
    const vabi = artifacts.SignerSetVerifier.abi
    const signers = [chain.signers[5]!.address, chain.signers[6]!.address, chain.signers[7]!.address]
    const verifier = await chain.deploy(vabi, artifacts.SignerSetVerifier.bytecode, [owner, signers, 2n])
    const vwrite = (i: number, functionName: string, args: readonly unknown[]) =>
      chain.wallets[i]!.writeContract({ address: verifier, abi: vabi, functionName, args } as never)
    await expectRevert(vwrite(0, 'setThreshold', [4n]), 'InvalidThreshold')
    await expectRevert(vwrite(0, 'setThreshold', [0n]), 'InvalidThreshold')
    await expectRevert(vwrite(1, 'setThreshold', [1n]), 'OwnableUnauthorizedAccount')
    await expectRevert(vwrite(1, 'setSigner', [n1, true]), 'OwnableUnauthorizedAccount')
    const input = keccak256(toHex('dataset-3'))
    const { id } = await requestJob(input, verifier)
    const r = record(id, input)
    const proof = (sigs: Hex[]) => encodeAbiParameters([{ type: 'bytes[]' }], [sigs])
    const s5 = await sign(5, r)
    const s6 = await sign(6, r)
    const s1 = await sign(1, r)
    await expectRevert(write(0, 'submitResult', [r, proof([s5])]), 'InvalidResultProof')
    await expectRevert(write(0, 'submitResult', [r, proof([s5, s5])]), 'InvalidResultProof') // duplicates count once
    await expectRevert(write(0, 'submitResult', [r, proof([s5, s1])]), 'InvalidResultProof') // non-member
    await mined(chain, write(0, 'submitResult', [r, proof([s5, s6])]))
    // removing a signer below the threshold is refused
    await mined(chain, vwrite(0, 'setSigner', [signers[2], false]))
    await expectRevert(vwrite(0, 'setSigner', [signers[1], false]), 'InvalidThreshold')
  })

  it('exits nodes after the delay and lets the owner slash', async () => {
    await expectRevert(write(1, 'withdrawStake', []), 'NodeNotExiting')
    await mined(chain, write(1, 'requestExit', []))
    await expectRevert(write(1, 'requestExit', []), 'NodeNotActive')
    expect(await read('activeNodes')).toEqual([n2])
    await expectRevert(write(1, 'withdrawStake', []), 'StakeLocked')
    await chain.increaseTime(200)
    const credited = await read<bigint>('balanceOf', [n1])
    await mined(chain, write(1, 'withdrawStake', []))
    expect((await read<bigint>('balanceOf', [n1])) - credited).toBe(STAKE)
    expect((await read<{ stake: bigint }>('getNode', [n1])).stake).toBe(0n)
    await expectRevert(write(1, 'removeNode', [n2, 5000]), 'OwnableUnauthorizedAccount')
    await mined(chain, write(0, 'removeNode', [n2, 5000]))
    expect(await read('balanceOf', [owner])).toBe(STAKE / 2n)
    expect(await read('isActiveNode', [n2])).toBe(false)
    await expectRevert(write(0, 'removeNode', [n2, 5000]), 'NodeNotActive')
    await mined(chain, write(0, 'setParams', [0n, 0n, 0n, 0n]))
    expect(await read('defaultTimeout')).toBe(86_400n)
  })
})
