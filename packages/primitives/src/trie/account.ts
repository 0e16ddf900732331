import type { Hash } from 'viem'
import { bytesToBigInt, bytesToHex, hexToBytes } from '../encoding/hex.js'
import { rlpDecode } from '../rlp/rlp.js'
import { InvalidAccountEncodingError } from './errors.js'
import { u256ToMinimalBytes } from './u256.js'

/** The body of an account leaf in the state trie. */
export type AccountBody = {
  nonce: bigint
  balance: bigint
  /** Root of the account's storage trie (EMPTY_TRIE_ROOT when it has no storage). */
  storageRoot: Hash
  /** keccak256 of the code (KECCAK256_EMPTY when it has none). */
  codeHash: Hash
}

/**
 * RLP-encodes an account body `rlp([nonce, balance, storageRoot, codeHash])`, the value stored
 * under keccak256(address) in the state trie.
 *
 * @example encodeAccount({ nonce: 0n, balance: 1n, storageRoot: EMPTY_TRIE_ROOT, codeHash: KECCAK256_EMPTY })
 */
export function encodeAccount(account: AccountBody): Uint8Array {
  return encodeAccountBytes(
    account.nonce,
    account.balance,
    hexToBytes(account.storageRoot),
    hexToBytes(account.codeHash),
  )
}

/** {@link encodeAccount} over raw 32-byte roots (the state-root hot path). */
export function encodeAccountBytes(
  nonce: bigint,
  balance: bigint,
  storageRoot: Uint8Array,
  codeHash: Uint8Array,
): Uint8Array {
  if (storageRoot.length !== 32 || codeHash.length !== 32)
    throw new InvalidAccountEncodingError('storageRoot and codeHash must be 32 bytes')
  const n = u256ToMinimalBytes(nonce)
  const b = u256ToMinimalBytes(balance)
  const nLen = n.length === 1 && n[0]! < 0x80 ? 1 : 1 + n.length
  const bLen = b.length === 1 && b[0]! < 0x80 ? 1 : 1 + b.length
  // 68 ≤ payload ≤ 132: always the one-length-byte long list form (0xf8 <len>).
  const payload = nLen + bLen + 66
  const out = new Uint8Array(2 + payload)
  let pos = 0
  out[pos++] = 0xf8
  out[pos++] = payload
  pos = putShort(out, pos, n)
  pos = putShort(out, pos, b)
  out[pos++] = 0xa0
  out.set(storageRoot, pos)
  pos += 32
  out[pos++] = 0xa0
  out.set(codeHash, pos)
  return out
}

function putShort(out: Uint8Array, pos: number, bytes: Uint8Array): number {
  if (bytes.length === 1 && bytes[0]! < 0x80) {
    out[pos] = bytes[0]!
    return pos + 1
  }
  out[pos++] = 0x80 + bytes.length
  out.set(bytes, pos)
  return pos + bytes.length
}

/**
 * Decodes an account body produced by {@link encodeAccount}. Strict: exactly four items, canonical
 * integers (no leading zeros), 32-byte roots.
 * @throws InvalidAccountEncodingError
 */
export function decodeAccount(bytes: Uint8Array): AccountBody {
  let item: ReturnType<typeof rlpDecode>
  try {
    item = rlpDecode(bytes)
  } catch (err) {
    throw new InvalidAccountEncodingError('not valid RLP', err)
  }
  if (!Array.isArray(item) || item.length !== 4)
    throw new InvalidAccountEncodingError('expected a list of 4 items')
  const [nonce, balance, storageRoot, codeHash] = item
  if (!(nonce instanceof Uint8Array) || !(balance instanceof Uint8Array))
    throw new InvalidAccountEncodingError('nonce and balance must be byte strings')
  if ((nonce.length > 0 && nonce[0] === 0) || (balance.length > 0 && balance[0] === 0))
    throw new InvalidAccountEncodingError('integer with leading zero bytes')
  if (nonce.length > 32 || balance.length > 32)
    throw new InvalidAccountEncodingError('integer wider than 256 bits')
  if (!(storageRoot instanceof Uint8Array) || storageRoot.length !== 32)
    throw new InvalidAccountEncodingError('storageRoot must be 32 bytes')
  if (!(codeHash instanceof Uint8Array) || codeHash.length !== 32)
    throw new InvalidAccountEncodingError('codeHash must be 32 bytes')
  return {
    nonce: bytesToBigInt(nonce),
    balance: bytesToBigInt(balance),
    storageRoot: bytesToHex(storageRoot) as Hash,
    codeHash: bytesToHex(codeHash) as Hash,
  }
}
