/**
 * Shared-memory layout of one Block-STM session. Everything the scheduler and the multi-version
 * memory need lives in two SharedArrayBuffers so that workers coordinate with Atomics only:
 *
 * - `ctrl` (Int32Array): scheduler counters, then per-transaction words (status, lock, dependents
 *   list head, write-set and read-set record pointers).
 * - `arena` (Int32Array/Uint8Array over one buffer): a bump allocator for key records, version
 *   nodes, values, read/write-set records and dependency nodes, plus the key hash table at its start.
 */
export const C_EXEC_IDX = 0
export const C_VAL_IDX = 1
export const C_DECREASE_CNT = 2
export const C_NUM_ACTIVE = 3
export const C_DONE = 4
export const C_ABORT = 5
export const C_NUM_TXS = 6
export const C_ARENA_TOP = 7
/** Incremented whenever any task finishes: a cheap progress signal for the watchdog. */
export const C_PROGRESS = 8
/** Number of workers that left the loop of the current block. */
export const C_EXITED = 9
export const C_SESSION = 10
/** Arena words reserved for the hash table (a power of two). */
export const C_TABLE_SIZE = 11
export const C_HEADER = 16

/** Per-transaction words, starting at `C_HEADER + i * TX_WORDS`. */
export const T_STATUS = 0
export const T_LOCK = 1
export const T_DEPS = 2
export const T_WRITES = 3
export const T_READS = 4
/** Bit 1: run this transaction without lazy crediting (an earlier incarnation depended on a balance). */
export const T_FLAGS = 5
export const TX_WORDS = 6

/** Transaction states (low 2 bits of T_STATUS; the incarnation is `status >> 2`). */
export const READY = 0
export const EXECUTING = 1
export const EXECUTED = 2
export const ABORTING = 3

/** Flags in the low bits of a version node's value word (values are 8-byte aligned). */
export const F_ESTIMATE = 1
export const F_ABSENT = 2

/** Version node words: [txIdx, valueWord, next, keyRec]. */
export const N_TX = 0
export const N_VALUE = 1
export const N_NEXT = 2
export const N_KEY = 3
export const NODE_WORDS = 4

/** Key record words: [head, byteLength, ...key bytes]. */
export const K_HEAD = 0
export const K_LEN = 1
export const K_BYTES = 2

/** Key kinds (first key byte). */
export const KEY_ACCOUNT = 1
export const KEY_STORAGE = 2
export const KEY_CODE = 3
export const KEY_RESET = 4
/** Lazy balance deltas of an account, kept apart from its full values so shape reads stay O(1). */
export const KEY_DELTA = 5

/** Read-set entry kinds. */
export const R_ACCOUNT = 1
export const R_STORAGE = 2
export const R_RESET = 3
export const R_LAZY = 4

export function txBase(i: number): number {
  return C_HEADER + i * TX_WORDS
}

export function ctrlWords(maxTxs: number): number {
  return C_HEADER + maxTxs * TX_WORDS
}
