import { type Client, getContractAddress } from 'viem'
import { getMetisContracts, type MetisContractAddresses, type MetisContracts } from './bindings.js'

/**
 * The keyless address the AI stack genesis preset is "deployed" from (`@metis-sdk/sdk`
 * `aiStackGenesisAlloc`, `metis dev`). Nobody holds its key, so nothing else can ever be deployed at
 * {@link metisPresetAddresses}.
 */
export const METIS_PRESET_DEPLOYER = '0x000000000000000000000000000000004D455449' as const

/** Deployment order of the stack (CREATE nonces 0..5 of the deployer). */
export const STACK_ORDER = [
  'dataAnchoringToken',
  'verifiedComputing',
  'dataRegistry',
  'aiSettlement',
  'idaoFactory',
  'stakeHub',
] as const satisfies readonly (keyof MetisContractAddresses)[]

/**
 * Where the AI stack lives on a chain whose genesis predeploys it (any owner, any chain id): the
 * CREATE addresses of {@link METIS_PRESET_DEPLOYER}'s nonces 0..5.
 *
 * @example getMetisContracts(metisPresetAddresses, client).dataAnchoringToken.read.classCount()
 */
export const metisPresetAddresses: Readonly<MetisContractAddresses> = Object.freeze(
  Object.fromEntries(
    STACK_ORDER.map((name, i) => [
      name,
      getContractAddress({ from: METIS_PRESET_DEPLOYER, nonce: BigInt(i) }),
    ]),
  ) as unknown as MetisContractAddresses,
)

/** Typed contract instances of the predeployed stack ({@link metisPresetAddresses}). */
export function getPresetContracts<C extends Client | { public: Client; wallet: Client }>(
  client: C,
): MetisContracts<C> {
  return getMetisContracts(metisPresetAddresses, client)
}
