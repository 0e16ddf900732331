import type { NodeVm } from '@metis-sdk/sequencer'
import * as metisVm from '@metis-sdk/vm'
import { type CustomPrecompile, customPrecompiles, type Precompile } from '@metis-sdk/vm'
import type { Address } from 'viem'

/** Custom precompiles by address, as `createChain({ precompiles })` takes them. */
export type PrecompileMap = Readonly<Record<Address, CustomPrecompile>>

/** A VM with custom precompiles bound in (what {@link withPrecompiles} returns). */
export type PrecompileVm = NodeVm & {
  /** The validated precompiles, keyed by address. */
  readonly precompiles: ReadonlyMap<bigint, Precompile>
}

/**
 * Binds custom precompiles into a VM: every `executeTransaction`/`executeCall` of the returned VM
 * runs with them (the base VM must accept the `precompiles` parameter, as MetisVM does).
 *
 * Use it as `createChain({ vm })`, or as the default export of the module that Block-STM workers
 * load (`createChain({ executor: { kind: 'parallel', workers, vmModule } })`), so the workers run
 * the same precompiles as the main thread.
 *
 * @example
 * // my-vm.mjs — loaded by the parallel executor's worker threads
 * import { aiInferencePrecompile, AI_INFERENCE_ADDRESS, withPrecompiles } from '@metis-sdk/sdk'
 * export default withPrecompiles({ [AI_INFERENCE_ADDRESS]: aiInferencePrecompile((p) => p.toUpperCase()) })
 */
export function withPrecompiles(precompiles: PrecompileMap, vm: NodeVm = metisVm): PrecompileVm {
  const map = customPrecompiles(precompiles)
  const base = vm as NodeVm & { executeCall?: NonNullable<NodeVm['executeCall']> }
  const out: PrecompileVm = {
    precompiles: map,
    executeTransaction: (params) =>
      base.executeTransaction({ ...params, precompiles: map } as Parameters<NodeVm['executeTransaction']>[0]),
    // System calls run fixed system contracts (EIP-4788/2935/7002/7251), which call no custom ones.
    executeSystemCall: (params) => base.executeSystemCall(params),
  }
  const call = base.executeCall
  if (call) out.executeCall = (params) => call({ ...params, precompiles: map } as never)
  return out
}

/** Address of the AI inference precompile of the MetisVM AI hook (`0x…0999`). */
export const AI_INFERENCE_ADDRESS: Address = '0x0000000000000000000000000000000000000999'

/** Gas charged per token of prompt plus output by {@link aiInferencePrecompile}. */
export const AI_INFERENCE_GAS_PER_TOKEN = 100

/**
 * The inference handler: a prompt in, a completion out. It MUST be deterministic and synchronous:
 * every node (and every Block-STM re-execution) must produce the same bytes for the same prompt,
 * or nodes disagree on the state root. A seeded local model with greedy decoding, a lookup table or
 * a pure function qualify; a remote LLM API does not. `tokens` overrides the default token count of
 * the output (it must be deterministic too).
 */
export type AiInferenceHandler = (prompt: string) => string | { text: string; tokens?: number }

/** Options of {@link aiInferencePrecompile}. */
export type AiInferenceOptions = {
  /** Tokens of a text (default: `ceil(utf8Bytes / 4)`, at least 1 for non-empty text). */
  countTokens?: (text: string, bytes: Uint8Array) => number
  /** Largest output in bytes (default 64 KiB); a longer completion fails the call. */
  maxOutputBytes?: number
}

const defaultCountTokens = (_text: string, bytes: Uint8Array) => Math.ceil(bytes.length / 4)

/**
 * The MetisVM AI hook as a custom precompile (install it at {@link AI_INFERENCE_ADDRESS}): the
 * call data is a UTF-8 prompt, the return data the UTF-8 completion, and it costs
 * {@link AI_INFERENCE_GAS_PER_TOKEN} gas per token of prompt plus completion. Invalid UTF-8, a
 * throwing handler, a too-long output or too little gas fail the call (all gas consumed).
 * The feature is off unless a chain installs it (`createChain({ precompiles })`).
 *
 * @example
 * const chain = createChain({
 *   precompiles: { [AI_INFERENCE_ADDRESS]: aiInferencePrecompile((prompt) => `echo: ${prompt}`) },
 * })
 */
export function aiInferencePrecompile(
  handler: AiInferenceHandler,
  options: AiInferenceOptions = {},
): Precompile {
  if (typeof handler !== 'function') throw new TypeError('aiInferencePrecompile: handler must be a function')
  const count = options.countTokens ?? defaultCountTokens
  const maxOut = options.maxOutputBytes ?? 65_536
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const encoder = new TextEncoder()
  return (input, gasLimit) => {
    const fail = (error: string) => ({ ok: false as const, gasUsed: gasLimit, error })
    // Charge the prompt first, so a caller without gas for its own prompt never runs the model.
    let prompt: string
    try {
      prompt = decoder.decode(input)
    } catch {
      return fail('InvalidUtf8')
    }
    const promptGas = AI_INFERENCE_GAS_PER_TOKEN * count(prompt, input)
    if (promptGas > gasLimit) return fail('OutOfGas')
    let result: ReturnType<AiInferenceHandler>
    try {
      result = handler(prompt)
    } catch (err) {
      return fail(`InferenceFailed: ${(err as Error)?.message ?? String(err)}`)
    }
    const text = typeof result === 'string' ? result : result?.text
    if (typeof text !== 'string') return fail('InvalidOutput')
    const output = encoder.encode(text)
    if (output.length > maxOut) return fail('OutputTooLarge')
    const outTokens =
      typeof result === 'object' && result.tokens !== undefined ? result.tokens : count(text, output)
    if (!Number.isSafeInteger(outTokens) || outTokens < 0) return fail('InvalidTokenCount')
    const gas = promptGas + AI_INFERENCE_GAS_PER_TOKEN * outTokens
    if (gas > gasLimit) return fail('OutOfGas')
    return { ok: true, gasUsed: gas, output }
  }
}
