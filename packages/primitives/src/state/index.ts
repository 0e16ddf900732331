export {
  createMemoryState,
  type GenesisAlloc,
  MemoryState,
  type MemoryStateSnapshot,
  memoryStateFromSnapshot,
} from './memory-state.js'
