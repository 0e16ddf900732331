import * as abis from './abis/index.js'

/** ABI + creation and runtime bytecode of every contract, keyed by contract name. */
export const artifacts = {
  DataAnchoringToken: {
    abi: abis.dataAnchoringTokenAbi,
    bytecode: abis.dataAnchoringTokenBytecode,
    deployedBytecode: abis.dataAnchoringTokenDeployedBytecode,
  },
  DataRegistry: {
    abi: abis.dataRegistryAbi,
    bytecode: abis.dataRegistryBytecode,
    deployedBytecode: abis.dataRegistryDeployedBytecode,
  },
  VerifiedComputing: {
    abi: abis.verifiedComputingAbi,
    bytecode: abis.verifiedComputingBytecode,
    deployedBytecode: abis.verifiedComputingDeployedBytecode,
  },
  SignerSetVerifier: {
    abi: abis.signerSetVerifierAbi,
    bytecode: abis.signerSetVerifierBytecode,
    deployedBytecode: abis.signerSetVerifierDeployedBytecode,
  },
  AISettlement: {
    abi: abis.aiSettlementAbi,
    bytecode: abis.aiSettlementBytecode,
    deployedBytecode: abis.aiSettlementDeployedBytecode,
  },
  IDAO: { abi: abis.idaoAbi, bytecode: abis.idaoBytecode, deployedBytecode: abis.idaoDeployedBytecode },
  IDAOFactory: {
    abi: abis.idaoFactoryAbi,
    bytecode: abis.idaoFactoryBytecode,
    deployedBytecode: abis.idaoFactoryDeployedBytecode,
  },
  StakeHub: {
    abi: abis.stakeHubAbi,
    bytecode: abis.stakeHubBytecode,
    deployedBytecode: abis.stakeHubDeployedBytecode,
  },
  /** Test-only ERC-20 with open minting. */
  TestERC20: {
    abi: abis.testERC20Abi,
    bytecode: abis.testERC20Bytecode,
    deployedBytecode: abis.testERC20DeployedBytecode,
  },
} as const

export type ContractName = keyof typeof artifacts
