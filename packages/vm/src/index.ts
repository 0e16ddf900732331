// @metis-sdk/vm — MetisVM: the EVM interpreter and synchronous transaction execution.
export { executeTransaction, type ExecuteTransactionParameters } from './execute-transaction.js'
export { TransactionValidationError } from './errors.js'
export { OPCODES, type OpcodeInfo, opcodeTableFor, type ForkOpcodeTable } from './opcodes.js'
export { analyzeCode, type CodeAnalysis } from './analysis.js'
export type { StepInfo, Tracer, TxEndInfo } from './tracer.js'
export { createJsonTracer } from './json-tracer.js'
export { MapState, type MapAccount } from './state-test/map-state.js'
export {
  logsHash,
  runStateTest,
  runStateTestFile,
  type RunStateTestOptions,
  type StateTestCaseResult,
  type StateTestJson,
} from './state-test/run-state-test.js'
export {
  isPrecompile,
  precompileAddresses,
  precompilesFor,
  type Precompile,
  type PrecompileResult,
} from './precompiles/index.js'
export { executeCall, type ExecuteCallParameters } from './execute-call.js'
export { executeSystemCall, type ExecuteSystemCallParameters, SYSTEM_ADDRESS } from './execute-system-call.js'
export { OverrideStateReader, type StateOverride } from './override-state.js'
