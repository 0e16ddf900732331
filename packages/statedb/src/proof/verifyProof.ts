import type { Account, Hash, Hex } from '@metis-sdk/primitives'
import { EMPTY_TRIE_ROOT, hexToBytes, KECCAK256_EMPTY, keccak256, rlpDecode } from '@metis-sdk/primitives'
import { parseSlot } from '../db/genesis.js'
import { InvalidProofError } from '../errors/statedb.js'
import { toBigInt, toHex, toNibbles } from '../internal/bytes.js'
import { walkPath } from '../trie/walk.js'
import type { AccountProof } from './types.js'

/** What a verified proof establishes. */
export type VerifiedProof = {
  /** The account (with its storage root), or undefined when the proof shows it is absent. */
  account?: (Account & { storageRoot: Hash }) | undefined
  /** Proven slot values by requested key (0n = absent). */
  storage: Map<Hex, bigint>
}

function nodeMap(nodes: Hex[], what: string): (h: Uint8Array) => Uint8Array | undefined {
  const m = new Map<string, Uint8Array>()
  for (const n of nodes) {
    let b: Uint8Array
    try {
      b = hexToBytes(n)
    } catch (cause) {
      throw new InvalidProofError(`A ${what} proof node is not hex.`, { cause })
    }
    m.set(toHex(keccak256(b)), b)
  }
  return (h) => m.get(toHex(h))
}

/**
 * Verifies an EIP-1186 account proof (with its storage proofs) against `stateRoot` and returns the
 * proven account and slot values. Throws {@link InvalidProofError} when a node is missing or
 * tampered with, or a claimed field differs from what the trie proves.
 *
 * @example
 * const proof = db.getProof(address, [slot])
 * const { account, storage } = verifyProof(db.stateRoot(), proof)
 */
export function verifyProof(stateRoot: Hash, proof: AccountProof): VerifiedProof {
  const fail = (reason: string): never => {
    throw new InvalidProofError('Invalid Merkle proof.', { details: reason })
  }
  let addr: Uint8Array
  try {
    addr = hexToBytes(proof.address)
  } catch (cause) {
    throw new InvalidProofError('Proof address is not hex.', { cause })
  }
  if (addr.length !== 20) fail('address is not 20 bytes')
  const leaf = walkPath(
    nodeMap(proof.accountProof, 'account'),
    hexToBytes(stateRoot),
    toNibbles(keccak256(addr)),
    fail,
  )
  let account: VerifiedProof['account']
  let storageRoot: Uint8Array = hexToBytes(EMPTY_TRIE_ROOT)
  if (leaf !== undefined) {
    const f = rlpDecode(leaf)
    if (!Array.isArray(f) || f.length !== 4 || f.some((x) => !(x instanceof Uint8Array)))
      fail('account leaf malformed')
    const [n, b, s, c] = f as Uint8Array[]
    storageRoot = s!
    account = {
      nonce: toBigInt(n!),
      balance: toBigInt(b!),
      codeHash: toHex(c!) as Hash,
      storageRoot: toHex(s!) as Hash,
    }
    if (
      account.nonce !== proof.nonce ||
      account.balance !== proof.balance ||
      account.codeHash !== proof.codeHash.toLowerCase() ||
      account.storageRoot !== proof.storageHash.toLowerCase()
    )
      fail('account fields differ from the proven account')
  } else if (
    proof.nonce !== 0n ||
    proof.balance !== 0n ||
    proof.codeHash.toLowerCase() !== KECCAK256_EMPTY ||
    proof.storageHash.toLowerCase() !== EMPTY_TRIE_ROOT
  )
    fail('absent account with non-empty fields')
  const storage = new Map<Hex, bigint>()
  for (const sp of proof.storageProof) {
    const key = parseSlot(sp.key)
    const v = walkPath(nodeMap(sp.proof, 'storage'), storageRoot, toNibbles(keccak256(key)), fail)
    let value = 0n
    if (v !== undefined) {
      const d = rlpDecode(v)
      if (!(d instanceof Uint8Array)) fail('storage leaf malformed')
      value = toBigInt(d as Uint8Array)
      if (value === 0n) fail('storage leaf holds zero')
    }
    if (value !== sp.value) fail(`slot ${sp.key} value differs from the proven value`)
    storage.set(sp.key, value)
  }
  return { account, storage }
}
