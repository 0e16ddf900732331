import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type GetContractReturnType,
  getAddress,
  getContract,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { artifacts } from './artifacts.js'

/** Addresses of one deployment of the stack. */
export interface MetisContractAddresses {
  dataAnchoringToken: Address
  verifiedComputing: Address
  dataRegistry: Address
  aiSettlement: Address
  idaoFactory: Address
  stakeHub: Address
}

type AnyClient = Client | { public: Client; wallet: Client }

type A = typeof artifacts

export interface MetisContracts<C extends AnyClient> {
  dataAnchoringToken: GetContractReturnType<A['DataAnchoringToken']['abi'], C>
  verifiedComputing: GetContractReturnType<A['VerifiedComputing']['abi'], C>
  dataRegistry: GetContractReturnType<A['DataRegistry']['abi'], C>
  aiSettlement: GetContractReturnType<A['AISettlement']['abi'], C>
  idaoFactory: GetContractReturnType<A['IDAOFactory']['abi'], C>
  stakeHub: GetContractReturnType<A['StakeHub']['abi'], C>
}

/** Typed viem contract instances (read/write/simulate/estimateGas/watchEvent) for a deployment. */
export function getMetisContracts<C extends AnyClient>(
  addresses: MetisContractAddresses,
  client: C,
): MetisContracts<C> {
  return {
    dataAnchoringToken: getContract({
      address: addresses.dataAnchoringToken,
      abi: artifacts.DataAnchoringToken.abi,
      client,
    }),
    verifiedComputing: getContract({
      address: addresses.verifiedComputing,
      abi: artifacts.VerifiedComputing.abi,
      client,
    }),
    dataRegistry: getContract({ address: addresses.dataRegistry, abi: artifacts.DataRegistry.abi, client }),
    aiSettlement: getContract({ address: addresses.aiSettlement, abi: artifacts.AISettlement.abi, client }),
    idaoFactory: getContract({ address: addresses.idaoFactory, abi: artifacts.IDAOFactory.abi, client }),
    stakeHub: getContract({ address: addresses.stakeHub, abi: artifacts.StakeHub.abi, client }),
  }
}

export function getIdao<C extends AnyClient>(
  address: Address,
  client: C,
): GetContractReturnType<A['IDAO']['abi'], C> {
  return getContract({ address, abi: artifacts.IDAO.abi, client })
}

export interface StackParams {
  owner: Address
  /** VerifiedComputing: minimum node stake, fee per job, exit delay (s), default job timeout (s). */
  minNodeStake: bigint
  nodeFee: bigint
  nodeExitDelay: bigint
  jobTimeout: bigint
  /** DataRegistry public key (the key clients encrypt file keys to). */
  registryPublicKey: string
  /** AISettlement refund lock (s) and share of each charge routed to DAT revenue (basis points). */
  refundLockTime: bigint
  dataShareBps: number
  /** StakeHub minimum self stake and unbonding period (s). */
  minSelfStake: bigint
  unbondingPeriod: bigint
}

export const defaultStackParams = (owner: Address): StackParams => ({
  owner,
  minNodeStake: 10n ** 18n,
  nodeFee: 10n ** 15n,
  nodeExitDelay: 86_400n,
  jobTimeout: 3_600n,
  registryPublicKey: '',
  refundLockTime: 3_600n,
  dataShareBps: 1_000,
  minSelfStake: 10n ** 18n,
  unbondingPeriod: 7n * 86_400n,
})

/** Constructor arguments of each contract, in deployment order (addresses of earlier ones are inputs). */
export function stackConstructorArgs(p: StackParams, dat: Address, vc: Address) {
  return {
    DataAnchoringToken: [p.owner] as const,
    VerifiedComputing: [p.owner, p.minNodeStake, p.nodeFee, p.nodeExitDelay, p.jobTimeout] as const,
    DataRegistry: [p.owner, dat, vc, p.registryPublicKey] as const,
    AISettlement: [p.owner, dat, p.refundLockTime, p.dataShareBps] as const,
    IDAOFactory: [dat] as const,
    StakeHub: [p.owner, p.minSelfStake, p.unbondingPeriod] as const,
  }
}

/** Deploys the whole stack with one wallet (which becomes `params.owner` unless overridden). */
export async function deployMetisStack(
  wallet: WalletClient<Transport, Chain, Account>,
  publicClient: PublicClient,
  params: Partial<StackParams> = {},
): Promise<MetisContractAddresses> {
  const p = { ...defaultStackParams(wallet.account.address), ...params }
  const deploy = async (name: keyof typeof artifacts, args: readonly unknown[]) => {
    const a = artifacts[name]
    const hash = await wallet.deployContract({ abi: a.abi, bytecode: a.bytecode as Hex, args } as never)
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${name} failed`)
    return getAddress(receipt.contractAddress)
  }
  const dataAnchoringToken = await deploy('DataAnchoringToken', [p.owner])
  const verifiedComputing = await deploy(
    'VerifiedComputing',
    stackConstructorArgs(p, dataAnchoringToken, dataAnchoringToken).VerifiedComputing,
  )
  const args = stackConstructorArgs(p, dataAnchoringToken, verifiedComputing)
  const dataRegistry = await deploy('DataRegistry', args.DataRegistry)
  const aiSettlement = await deploy('AISettlement', args.AISettlement)
  const idaoFactory = await deploy('IDAOFactory', args.IDAOFactory)
  const stakeHub = await deploy('StakeHub', args.StakeHub)
  return { dataAnchoringToken, verifiedComputing, dataRegistry, aiSettlement, idaoFactory, stakeHub }
}
