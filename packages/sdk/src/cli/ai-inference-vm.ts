/**
 * The VM module the Block-STM workers of `metis dev --ai-inference <module> --workers N` import
 * (built to dist/cli/ai-inference-vm.js). A worker only receives a module specifier, so the handler
 * module travels in this module's URL: `ai-inference-vm.js?handler=<file URL of the handler>`.
 * Every worker thus loads the same deterministic handler as the main thread.
 */
import { AI_INFERENCE_ADDRESS, aiInferencePrecompile, withPrecompiles } from '../chain/precompiles.js'
import { loadInferenceHandler } from './inference-handler.js'

const handlerUrl = new URL(import.meta.url).searchParams.get('handler')
if (handlerUrl === null) throw new Error('ai-inference-vm: the module URL has no ?handler= parameter')

export default withPrecompiles({
  [AI_INFERENCE_ADDRESS]: aiInferencePrecompile(await loadInferenceHandler(handlerUrl)),
})
