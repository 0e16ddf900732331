// @metis-sdk/vm — MetisVM: the EVM interpreter and synchronous transaction execution.

// The SDK's in-memory state (primitives), re-exported for VM users: pre-states, the CLI, tests.
export { MemoryState } from '@metis-sdk/primitives'
export { analyzeCode, type CodeAnalysis } from './analysis.js'
export { TransactionValidationError } from './errors.js'
export { type ExecuteCallParameters, executeCall } from './execute-call.js'
export { type ExecuteSystemCallParameters, executeSystemCall, SYSTEM_ADDRESS } from './execute-system-call.js'
export { type ExecuteTransactionParameters, executeTransaction } from './execute-transaction.js'
export { createJsonTracer } from './json-tracer.js'
export { type ForkOpcodeTable, OPCODES, type OpcodeInfo, opcodeTableFor } from './opcodes.js'
export { OverrideStateReader, type StateOverride } from './override-state.js'
export {
  type CustomPrecompile,
  CustomPrecompileError,
  customPrecompiles,
  isPrecompile,
  type Precompile,
  type PrecompileResult,
  precompileAddresses,
  precompilesFor,
} from './precompiles/index.js'
export {
  logsHash,
  type RunStateTestOptions,
  runStateTest,
  runStateTestFile,
  type StateTestCaseResult,
  type StateTestJson,
} from './state-test/run-state-test.js'
export type {
  FrameEnterInfo,
  FrameExitInfo,
  FrameType,
  LogInfo,
  StepInfo,
  Tracer,
  TxEndInfo,
} from './tracer.js'
