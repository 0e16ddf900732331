import type { Address } from '@metis-sdk/primitives'

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
  /** The frame's memory (`memSize` bytes): a view valid only during the hook, copy it to keep it. */
  memory: Uint8Array
  /** The last call's return data: a view valid only during the hook. */
  returnData: Uint8Array
  /** The address whose code context runs (its storage is the one SLOAD/SSTORE see). */
  address: Address
}

/** What a tracer sees after the transaction. */
export type TxEndInfo = {
  output: Uint8Array
  gasUsed: bigint
  status: string
  haltReason?: string | undefined
}

/** Kinds of nested frames, as geth's callTracer names them. */
export type FrameType = 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2'

/** A nested call or create frame starting (the transaction's own frame is not reported). */
export type FrameEnterInfo = {
  type: FrameType
  /** The address making the call (the caller frame's code context). */
  from: Address
  /** The callee (for DELEGATECALL/CALLCODE, the address whose code runs; for creates, the new address). */
  to: Address
  /** Call data, or the init code of a create: a view valid only during the hook. */
  input: Uint8Array
  /** Gas given to the frame (after the 63/64 rule, including the value stipend). */
  gas: number
  value: bigint
  /** Depth of the new frame (2 for a call made by the transaction's own frame). */
  depth: number
}

/** A nested frame ending (always paired with an earlier `enter`). */
export type FrameExitInfo = {
  depth: number
  /** Return data (or revert data); for a successful create, the deployed code. */
  output: Uint8Array
  /** Gas handed back to the caller. */
  gasLeft: number
  /** geth's error text ('execution reverted', 'out of gas', …), undefined on success. */
  error?: string | undefined
  reverted: boolean
}

/** A LOG0..LOG4 that executed (it is dropped again if its frame or an ancestor reverts). */
export type LogInfo = {
  address: Address
  topics: Uint8Array[]
  data: Uint8Array
  /** Depth of the emitting frame (1 for the transaction's own frame). */
  depth: number
}

/**
 * Optional execution hooks. When no tracer is passed the interpreter skips building `StepInfo`
 * entirely (one predictable branch per opcode); `enter`/`exit` are checked only on the call and create opcodes.
 */
export interface Tracer {
  step?(info: StepInfo): void
  enter?(info: FrameEnterInfo): void
  exit?(info: FrameExitInfo): void
  log?(info: LogInfo): void
  txEnd?(info: TxEndInfo): void
}
