// @metis-sdk/sdk — composition (createChain), viem clients and chain definitions, AI data actions.

export {
  claimRevenue,
  createDatClass,
  mintDat,
  pendingRevenue,
  recordUsage,
  settleRevenue,
} from './actions/dat.js'
export { addFileProof, contributeData, requestDataReward, signFileProof } from './actions/data.js'
export {
  approveMember,
  createIdao,
  execute,
  joinIdao,
  MemberKind,
  propose,
  VotingMode,
  vote,
} from './actions/idao.js'
export {
  chargeRequest,
  depositSettlement,
  type SignedRequestHeaders,
  serviceId,
  signRequestHeaders,
  withdrawSettlement,
} from './actions/settlement.js'
export { signResult, submitResult, verifyResult } from './actions/verify.js'
export { type MetisWriteClient, simulateAndWrite, type WriteResult } from './actions/write.js'
export {
  type CreateChainOptions,
  CreateChainOptionsError,
  createChain,
  type GenesisOptions,
  type MetisChain,
} from './chain/create-chain.js'
export { aiStackAddresses, deployAiStack } from './chain/deploy-preset.js'
export { metisDev, metisDevChainId } from './chain/dev-chain.js'
export {
  AI_STACK_PRESET_DEPLOYER,
  type AiStackGenesisParameters,
  aiStackGenesisAlloc,
  aiStackPresetAddresses,
  type GenesisAlloc,
} from './chain/genesis-preset.js'
export { createMemoryClient, type MemoryClient } from './chain/memory-client.js'
export {
  AI_INFERENCE_ADDRESS,
  AI_INFERENCE_GAS_PER_TOKEN,
  type AiInferenceHandler,
  type AiInferenceOptions,
  aiInferencePrecompile,
  type PrecompileMap,
  type PrecompileVm,
  withPrecompiles,
} from './chain/precompiles.js'
