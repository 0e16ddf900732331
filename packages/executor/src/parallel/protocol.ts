import type { MemoryStateSnapshot } from '../state/memory-state.js'
import type { TxOutcome } from './engine.js'

/** Where a worker reads the parent state from. */
export type WorkerStateSpec =
  | { kind: 'memory'; id: string; snapshot?: MemoryStateSnapshot | undefined }
  | { kind: 'statedb'; path: string; version?: bigint | undefined }

/**
 * An outcome as a worker ships it: only final incarnations travel back, with the receipt's logs
 * bloom computed in the worker so the main thread does not hash every log address and topic.
 */
export type ShippedOutcome = TxOutcome & { bloom?: Uint8Array | undefined }
