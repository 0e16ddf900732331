import { type Chain, defineChain } from 'viem'
import { aiStackPresetAddresses } from './genesis-preset.js'

/** Chain id of `metis dev` and the default of {@link createChain} (31337, as anvil and Hardhat). */
export const metisDevChainId = 31337

/**
 * viem chain definition of the local dev chain (`metis dev`). `contracts` lists the AI stack the
 * dev genesis predeploys (`aiStackPresetAddresses`).
 */
export const metisDev: Chain = defineChain({
  id: metisDevChainId,
  name: 'Metis Dev',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8545'], webSocket: ['ws://127.0.0.1:8545'] } },
  testnet: true,
  contracts: {
    dataAnchoringToken: { address: aiStackPresetAddresses.dataAnchoringToken },
    verifiedComputing: { address: aiStackPresetAddresses.verifiedComputing },
    dataRegistry: { address: aiStackPresetAddresses.dataRegistry },
    aiSettlement: { address: aiStackPresetAddresses.aiSettlement },
    idaoFactory: { address: aiStackPresetAddresses.idaoFactory },
    stakeHub: { address: aiStackPresetAddresses.stakeHub },
  },
})
