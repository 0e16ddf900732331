import {
  artifacts,
  defaultStackParams,
  METIS_PRESET_DEPLOYER,
  type MetisContractAddresses,
  metisPresetAddresses,
  STACK_ORDER,
  type StackParams,
  stackConstructorArgs,
} from '@metis-sdk/contracts'
import type { Hardfork, Hash } from '@metis-sdk/primitives'
import type { CreateNodeOptions } from '@metis-sdk/sequencer'
import { executeTransaction, MemoryState } from '@metis-sdk/vm'
import { type Address, bytesToHex, encodeDeployData, type Hex, hexToBytes, numberToHex } from 'viem'

/**
 * The keyless address the genesis preset "deploys" the AI stack from. Nobody holds its key, so no
 * later transaction can deploy anything at the preset addresses (CREATE addresses of its nonces 0..5).
 */
export const AI_STACK_PRESET_DEPLOYER: Address = METIS_PRESET_DEPLOYER

/** Fixed addresses of the AI stack predeployed by {@link aiStackGenesisAlloc} (any owner, any chain). */
export const aiStackPresetAddresses: Readonly<MetisContractAddresses> = metisPresetAddresses

/** Parameters of {@link aiStackGenesisAlloc}: the stack's constructor parameters plus the genesis block. */
export type AiStackGenesisParameters = Partial<StackParams> & {
  /** Owner/admin of every contract (roles granted to it). */
  owner: Address
  chainId: bigint | number
  /** Genesis timestamp seen by the constructors (default 0). */
  timestamp?: bigint | undefined
  fork?: Hardfork | undefined
}

/** A geth-style genesis `alloc` (the shape `createChain({ genesis: { alloc } })` takes). */
export type GenesisAlloc = NonNullable<CreateNodeOptions['alloc']>

const ORDER = [
  'DataAnchoringToken',
  'VerifiedComputing',
  'DataRegistry',
  'AISettlement',
  'IDAOFactory',
  'StakeHub',
] as const

/**
 * The genesis `alloc` entries that predeploy the AI stack at {@link aiStackPresetAddresses}: each
 * contract's runtime code and initial storage (owner, roles, parameters), exactly as the
 * constructors leave them. The constructors really run — in MetisVM over an in-memory state, from
 * {@link AI_STACK_PRESET_DEPLOYER} on the given chain id — so immutables (EIP-712 domain caches,
 * the addresses of the other contracts) are what a deployment at those addresses would produce.
 *
 * @example
 * const chain = createChain({
 *   genesis: { alloc: aiStackGenesisAlloc({ owner: '0xf39f…', chainId: 1337 }) },
 * })
 */
export function aiStackGenesisAlloc(parameters: AiStackGenesisParameters): GenesisAlloc {
  const { chainId, timestamp, fork, ...rest } = parameters
  const p: StackParams = { ...defaultStackParams(parameters.owner), ...rest }
  const addresses = aiStackPresetAddresses
  const state = new MemoryState()
  const deployer = AI_STACK_PRESET_DEPLOYER.toLowerCase() as Address
  state.set(deployer, {})
  const block = {
    number: 0n,
    timestamp: timestamp ?? 0n,
    coinbase: '0x0000000000000000000000000000000000000000',
    gasLimit: 100_000_000n,
    baseFee: 0n,
    prevRandao: `0x${'00'.repeat(32)}` as Hash,
    difficulty: 0n,
    chainId: BigInt(chainId),
    fork: fork ?? 'Prague',
  } as const
  const args = stackConstructorArgs(p, addresses.dataAnchoringToken, addresses.verifiedComputing)
  ORDER.forEach((name, nonce) => {
    const a = artifacts[name]
    const data = encodeDeployData({ abi: a.abi, bytecode: a.bytecode as Hex, args: args[name] } as never)
    const r = executeTransaction({
      state,
      block,
      sender: deployer,
      tx: {
        type: 0,
        nonce: BigInt(nonce),
        gasPrice: 0n,
        gasLimit: block.gasLimit,
        to: null,
        value: 0n,
        data: hexToBytes(data),
        v: 27n,
        r: 0n,
        s: 0n,
      },
      noBaseFee: true,
    })
    if (r.status !== 'success') throw new Error(`genesis preset: constructing ${name} failed (${r.status})`)
    state.commit(r.diff)
  })
  const alloc: GenesisAlloc = {}
  for (const key of STACK_ORDER) {
    const address = addresses[key]
    const lower = address.toLowerCase() as Address
    const acct = state.getAccount(lower)
    const code = acct === undefined ? new Uint8Array(0) : state.getCode(acct.codeHash)
    if (!acct || code.length === 0) throw new Error(`genesis preset: no code at ${address}`)
    const storage: Record<Hex, Hex> = {}
    for (const [slot, v] of state.storage.get(lower) ?? [])
      storage[numberToHex(slot, { size: 32 })] = numberToHex(v, { size: 32 })
    alloc[address] = { balance: acct.balance, nonce: acct.nonce, code: bytesToHex(code), storage }
  }
  return alloc
}
