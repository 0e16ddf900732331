/** What a tracer sees before each opcode runs. `stack` is a copy, bottom first. */
export type StepInfo = {
  pc: number
  op: number
  opName: string
  /** Gas left before the opcode. */
  gas: number
  /** The opcode's constant gas (dynamic parts are not known before it runs). */
  gasCost: number
  stack: bigint[]
  memSize: number
  /** Call depth, 1 for the transaction's own frame (EIP-3155). */
  depth: number
  refund: number
  returnDataSize: number
}

/** What a tracer sees after the transaction. */
export type TxEndInfo = {
  output: Uint8Array
  gasUsed: bigint
  status: string
  haltReason?: string | undefined
}

/**
 * Optional execution hooks. When no tracer is passed the interpreter skips building `StepInfo`
 * entirely (one predictable branch per opcode).
 */
export interface Tracer {
  step?(info: StepInfo): void
  txEnd?(info: TxEndInfo): void
}
