import type { Hash } from 'viem'
import { bytesToHex } from '../encoding/hex.js'
import { keccak256 } from '../hash/keccak.js'
import { type TrieEntry, trieRootBytes } from './trie-root.js'

/**
 * Root of a "secure" Merkle-Patricia trie, where each key is replaced by its keccak-256 (the form
 * Ethereum uses for the account and storage tries). Same entry semantics as {@link trieRoot}: the
 * last entry for a key wins and an empty value deletes it.
 *
 * @example
 * secureTrieRoot([[hexToBytes('0x095e7baea6a6c7c4c2dfeb977efac326af552d87'), accountRlp]])
 */
export function secureTrieRoot(entries: Iterable<TrieEntry>): Hash {
  return bytesToHex(secureTrieRootBytes(entries)) as Hash
}

/** {@link secureTrieRoot} returning raw bytes (shared for the empty root: do not mutate). */
export function secureTrieRootBytes(entries: Iterable<TrieEntry>): Uint8Array {
  const hashed: TrieEntry[] = []
  for (const [k, v] of entries) hashed.push([keccak256(k), v])
  return trieRootBytes(hashed)
}
