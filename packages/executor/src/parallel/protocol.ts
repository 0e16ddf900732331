import type { MemoryStateSnapshot } from '@metis-sdk/primitives'
import type { ReceiptBloomer } from '../block/receipt-bloom.js'
import type { TxOutcome } from './engine.js'

/** Where a worker reads the parent state from. */
export type WorkerStateSpec =
  | { kind: 'memory'; id: string; snapshot?: MemoryStateSnapshot | undefined }
  | { kind: 'statedb'; path: string; version?: bigint | undefined }

/**
 * An outcome as a worker ships it (every finished incarnation, in batches while the block runs;
 * the main thread keeps the highest incarnation per transaction), with the receipt's logs bloom
 * bits computed in the worker so the main thread does not hash every log address and topic.
 */
export type ShippedOutcome = TxOutcome & {
  /** The receipt bloom's bit indices (see `bloomFromBits`), far smaller than the 256-byte bloom. */
  bloomBits?: Uint16Array | undefined
}

/** An outcome as it is shipped: with its receipt bloom bits when it has logs. */
export function shipOutcome(o: TxOutcome, bloomer: ReceiptBloomer): ShippedOutcome {
  const logs = o.result?.logs
  return logs === undefined ? o : { ...o, bloomBits: bloomer.bits(logs) }
}
