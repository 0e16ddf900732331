export { type BaseFeeParent, calcNextBaseFee, DEFAULT_FEE_MARKET } from './base-fee.js'
export {
  BLOB_BASE_COST,
  blobParams,
  calcBlobBaseFee,
  calcExcessBlobGas,
  type ExcessBlobGasParent,
  fakeExponential,
  GAS_PER_BLOB,
  MIN_BLOB_BASE_FEE,
} from './blob.js'
export { blockEnvFromHeader } from './block-env.js'
export {
  type BlobParams,
  type ChainConfig,
  type FeeMarketParams,
  type ForkActivation,
  forkActivation,
  forkAt,
} from './config.js'
export { type DevChainConfigParameters, devChainConfig } from './dev.js'
export { InvalidGenesisError, UnknownNetworkError } from './errors.js'
export { chainConfigSchema, type Genesis, type GenesisAccount, parseGenesis } from './genesis.js'
export { genesisHeader, genesisStateRoot } from './genesis-header.js'
export { HARDFORKS, type Hardfork, hardforkOrdinal, isForkAtLeast, normalizeHardfork } from './hardforks.js'
export { mainnetConfig } from './mainnet.js'
export { configForTestNetwork } from './test-networks.js'
