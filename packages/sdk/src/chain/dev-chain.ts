import { type Chain, defineChain } from 'viem'

/** Chain id of `metis dev` and of {@link createChain} presets. */
export const metisDevChainId = 1337

/** viem chain definition of the local dev chain. */
export const metisDev: Chain = defineChain({
  id: metisDevChainId,
  name: 'Metis Dev',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8545'], webSocket: ['ws://127.0.0.1:8545'] } },
  testnet: true,
})
