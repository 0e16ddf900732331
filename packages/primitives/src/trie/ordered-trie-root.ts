import type { Hash } from 'viem'
import { rlpEncode } from '../rlp/rlp.js'
import { type TrieEntry, trieRoot } from './trie-root.js'

/**
 * Root of the trie keyed by `rlp(index)`, as used for a block's transactions, receipts and
 * withdrawals roots. `values` are the consensus encodings (e.g. typed-transaction envelopes).
 *
 * @example orderedTrieRoot([]) // EMPTY_TRIE_ROOT
 */
export function orderedTrieRoot(values: readonly Uint8Array[]): Hash {
  const entries: TrieEntry[] = new Array(values.length)
  for (let i = 0; i < values.length; i++) entries[i] = [rlpEncode(i), values[i]!]
  return trieRoot(entries)
}
