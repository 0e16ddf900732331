/**
 * Result of running a precompile. A failure consumes all gas given to it (`gasUsed === gasLimit`),
 * so the interpreter can treat both variants the same way when charging the caller.
 */
export type PrecompileResult =
  | { ok: true; gasUsed: number; output: Uint8Array }
  | { ok: false; gasUsed: number; error: string }

/**
 * A precompiled contract: a pure function of its input and the gas available. Never throws;
 * every invalid input (bad point, wrong length, not enough gas) is an `ok: false` result.
 */
export type Precompile = (input: Uint8Array, gasLimit: number) => PrecompileResult
