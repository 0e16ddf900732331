import type { MemoryStateSnapshot } from '../state/memory-state.js'

/** Where a worker reads the parent state from. */
export type WorkerStateSpec =
  | { kind: 'memory'; id: string; snapshot?: MemoryStateSnapshot | undefined }
  | { kind: 'statedb'; path: string; version?: bigint | undefined }
