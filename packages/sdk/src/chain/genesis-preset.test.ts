import { artifacts, getPresetContracts, type MetisContractAddresses } from '@metis-sdk/contracts'
import { type Address, domainSeparator, getAddress, type Hex, parseEther, zeroHash } from 'viem'
import { describe, expect, it } from 'vitest'
import { claimRevenue, createDatClass, mintDat, recordUsage, settleRevenue } from '../actions/dat.js'
import { createIdao, VotingMode } from '../actions/idao.js'
import { depositSettlement, serviceId } from '../actions/settlement.js'
import { createChain } from './create-chain.js'
import { deployAiStack } from './deploy-preset.js'
import { metisDev } from './dev-chain.js'
import { AI_STACK_PRESET_DEPLOYER, aiStackGenesisAlloc, aiStackPresetAddresses } from './genesis-preset.js'
import { createMemoryClient, type MemoryClient } from './memory-client.js'

const KEYS = Object.keys(aiStackPresetAddresses) as (keyof MetisContractAddresses)[]

/** The same scenario on any deployment of the stack; returns everything observable it produced. */
async function scenario(client: MemoryClient, other: MemoryClient, s: MetisContractAddresses) {
  const owners = await Promise.all(
    (['DataAnchoringToken', 'VerifiedComputing', 'DataRegistry', 'AISettlement', 'StakeHub'] as const).map(
      (name) => {
        const key = (name.charAt(0).toLowerCase() + name.slice(1)).replace('aISettlement', 'aiSettlement') as
          | 'dataAnchoringToken'
          | 'verifiedComputing'
          | 'dataRegistry'
          | 'aiSettlement'
          | 'stakeHub'
        return client.readContract({
          address: s[key],
          abi: artifacts[name].abi as never,
          functionName: 'owner',
        })
      },
    ),
  )
  const { result: classId } = await createDatClass(client, {
    dat: s.dataAnchoringToken,
    metadataURI: 'ipfs://m',
    integrityHash: zeroHash,
  })
  const { result: tokenId } = await mintDat(client, {
    dat: s.dataAnchoringToken,
    classId,
    to: other.account.address,
    value: 10n,
    shareRatio: 3n,
  })
  await recordUsage(client, { dat: s.dataAnchoringToken, tokenId, metric: 'q', amount: 4n })
  await settleRevenue(client, { dat: s.dataAnchoringToken, classId, amount: parseEther('0.3') })
  const { result: claimed } = await claimRevenue(other, { dat: s.dataAnchoringToken, tokenId })
  const { result: idao } = await createIdao(client, {
    factory: s.idaoFactory,
    name: 'dao',
    votingMode: VotingMode.OneMemberOneVote,
    votingPeriod: 60n,
    timelock: 0n,
  })
  await depositSettlement(other, {
    settlement: s.aiSettlement,
    node: client.account.address,
    service: serviceId('inference'),
    amount: 1000n,
  })
  const read = (address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    client.readContract({ address, abi: abi as never, functionName, args } as never)
  return {
    owners,
    classId,
    tokenId,
    quota: await read(s.dataAnchoringToken, artifacts.DataAnchoringToken.abi, 'valueOf', [tokenId]),
    claimed,
    idaoHasCode: ((await client.getCode({ address: idao })) ?? '0x').length > 2,
    registryToken: await read(s.dataRegistry, artifacts.DataRegistry.abi, 'token'),
    settlementToken: await read(s.aiSettlement, artifacts.AISettlement.abi, 'token'),
    nodeFee: await read(s.verifiedComputing, artifacts.VerifiedComputing.abi, 'nodeFee'),
  }
}

describe('AI stack genesis preset', () => {
  it('predeploys the stack at fixed addresses without transactions; the viem chain lists them', async () => {
    const chain = createChain({ genesis: { aiStack: true } })
    try {
      const client = createMemoryClient(chain)
      expect(await client.getBlockNumber()).toBe(0n)
      for (const k of KEYS) {
        expect((await client.getCode({ address: aiStackPresetAddresses[k] }))?.length).toBeGreaterThan(2)
        expect(metisDev.contracts?.[k]).toEqual({ address: aiStackPresetAddresses[k] })
      }
      expect(
        await client.readContract({
          address: aiStackPresetAddresses.dataAnchoringToken,
          abi: artifacts.DataAnchoringToken.abi,
          functionName: 'owner',
        }),
      ).toBe(getAddress(chain.accounts[0]!.address))
      // The bindings know the preset addresses.
      expect(await getPresetContracts(client).stakeHub.read.owner()).toBe(
        getAddress(chain.accounts[0]!.address),
      )
      // Nobody holds the preset deployer's key: the addresses can never be taken by a deployment.
      expect(await client.getTransactionCount({ address: AI_STACK_PRESET_DEPLOYER })).toBe(0)
    } finally {
      await chain.close()
    }
  })

  it('behaves exactly like a deployed stack (same code up to addresses, same results)', async () => {
    const chain = createChain({ genesis: { aiStack: true, accounts: 2 } })
    try {
      const [a, b] = [0, 1].map((i) => createMemoryClient(chain, { accountIndex: i })) as [
        MemoryClient,
        MemoryClient,
      ]
      const deployed = await deployAiStack(a)
      // Runtime code: identical once the deployed addresses (immutables: address(this) in the
      // EIP-712 domain cache, the DAT/verifier addresses) are swapped for the preset ones.
      const names = {
        verifiedComputing: 'MetisVerifiedComputing',
        dataRegistry: 'MetisDataRegistry',
        aiSettlement: 'MetisAISettlement',
      } as const
      const separator = (k: keyof typeof names, at: MetisContractAddresses) =>
        domainSeparator({
          domain: { name: names[k], version: '1', chainId: Number(chain.chainId), verifyingContract: at[k] },
        }).slice(2)
      const swap = (code: Hex) => {
        let c = code.toLowerCase()
        for (const k of KEYS)
          c = c.replaceAll(
            deployed[k].slice(2).toLowerCase(),
            aiStackPresetAddresses[k].slice(2).toLowerCase(),
          )
        for (const k of Object.keys(names) as (keyof typeof names)[])
          c = c.replaceAll(separator(k, deployed), separator(k, aiStackPresetAddresses))
        return c
      }
      for (const k of KEYS) {
        const pre = (await a.getCode({ address: aiStackPresetAddresses[k] }))!.toLowerCase()
        expect(swap((await a.getCode({ address: deployed[k] }))!), k).toBe(pre)
      }
      const viaPreset = await scenario(a, b, aiStackPresetAddresses)
      const viaDeploy = await scenario(a, b, deployed)
      // The only expected difference: the registry's/settlement's token is each stack's own DAT.
      expect(viaPreset.registryToken).toBe(getAddress(aiStackPresetAddresses.dataAnchoringToken))
      expect(viaDeploy.registryToken).toBe(getAddress(deployed.dataAnchoringToken))
      const strip = (r: typeof viaPreset) => ({ ...r, registryToken: undefined, settlementToken: undefined })
      expect(strip(viaPreset)).toEqual(strip(viaDeploy))
      expect(viaPreset.claimed).toBe(parseEther('0.3'))
    } finally {
      await chain.close()
    }
  })

  it('takes stack parameters and an owner', () => {
    const owner = '0x00000000000000000000000000000000000000aa'
    const alloc = aiStackGenesisAlloc({ owner, chainId: 1, nodeFee: 7n })
    expect(Object.keys(alloc).sort()).toEqual(Object.values(aiStackPresetAddresses).sort())
    for (const entry of Object.values(alloc)) {
      expect(entry.nonce).toBe(1n)
      expect(entry.code?.length).toBeGreaterThan(100)
    }
  })
})
