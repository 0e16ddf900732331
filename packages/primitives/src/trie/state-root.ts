import type { Address, Hash } from 'viem'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { keccak256 } from '../hash/keccak.js'
import { encodeAccountBytes } from './account.js'
import { type TrieEntry, trieRootBytes } from './trie-root.js'
import { u256ToMinimalBytes, writeU256 } from './u256.js'

/** One account as {@link stateRoot} takes it. */
export type StateRootAccount = {
  address: Address
  nonce: bigint
  balance: bigint
  codeHash: Hash
  /** `[slot, value]` pairs; zero values are skipped (absent). */
  storage: Iterable<readonly [slot: bigint, value: bigint]>
}

/**
 * The Ethereum state root of a complete set of accounts: a secure trie keyed by
 * keccak256(address) of `rlp([nonce, balance, storageRoot, codeHash])`, each storage root a
 * secure trie keyed by keccak256(slot as 32 bytes) of `rlp(minimal value bytes)`.
 * The VM conformance suite computes ~20,000 of these, so the inner loop stays on bytes and
 * numbers (no hex strings; one keccak per key).
 *
 * @example
 * stateRoot([{ address: '0x…', nonce: 0n, balance: 10n ** 18n, codeHash: KECCAK256_EMPTY, storage: [] }])
 */
export function stateRoot(accounts: Iterable<StateRootAccount>): Hash {
  const entries: TrieEntry[] = []
  for (const a of accounts) {
    const body = encodeAccountBytes(a.nonce, a.balance, storageRootBytes(a.storage), hexToBytes(a.codeHash))
    entries.push([keccak256(hexToBytes(a.address)), body])
  }
  return bytesToHex(trieRootBytes(entries)) as Hash
}

/**
 * Storage root of one account: the secure trie of its non-zero slots.
 *
 * @example storageRoot([[0n, 1n]])
 */
export function storageRoot(storage: Iterable<readonly [slot: bigint, value: bigint]>): Hash {
  return bytesToHex(storageRootBytes(storage)) as Hash
}

const slotBuf = new Uint8Array(32)
const EMPTY = new Uint8Array(0)

function storageRootBytes(storage: Iterable<readonly [slot: bigint, value: bigint]>): Uint8Array {
  const entries: TrieEntry[] = []
  for (const [slot, value] of storage) {
    writeU256(slot, slotBuf, 0)
    // A zero value is an empty trie value: it deletes the slot (also when a slot repeats).
    entries.push([keccak256(slotBuf), value === 0n ? EMPTY : rlpString(u256ToMinimalBytes(value))])
  }
  return trieRootBytes(entries)
}

/** RLP of a byte string of at most 32 bytes (always the short form). */
function rlpString(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0]! < 0x80) return bytes
  const out = new Uint8Array(1 + bytes.length)
  out[0] = 0x80 + bytes.length
  out.set(bytes, 1)
  return out
}
