import type { Address, Hash } from 'viem'
import { hexToBytes } from '../encoding/hex.js'
import type { RlpInput, RlpItem } from '../rlp/rlp.js'
import { rlpDecode, rlpEncode } from '../rlp/rlp.js'
import { orderedTrieRoot } from '../trie/ordered-trie-root.js'
import type { Withdrawal } from '../types/block.js'
import { InvalidWithdrawalError } from './errors.js'
import { fixedField, listField, uintField } from './fields.js'

const fail = (reason: string) => new InvalidWithdrawalError(reason)

/** A withdrawal as RLP list items `[index, validatorIndex, address, amount]`. */
export function withdrawalFields(w: Withdrawal): RlpInput[] {
  const address = hexToBytes(w.address)
  if (address.length !== 20) throw fail('address must be 20 bytes')
  for (const [name, v] of [
    ['index', w.index],
    ['validatorIndex', w.validatorIndex],
    ['amount', w.amount],
  ] as const)
    if (v < 0n || v >= 1n << 64n) throw fail(`${name} must be a uint64, got ${v}`)
  return [w.index, w.validatorIndex, address, w.amount]
}

/**
 * RLP-encodes an EIP-4895 withdrawal (amount in gwei).
 * @example encodeWithdrawal({ index: 0n, validatorIndex: 1n, address: '0x…', amount: 32n })
 */
export function encodeWithdrawal(w: Withdrawal): Uint8Array {
  return rlpEncode(withdrawalFields(w))
}

/**
 * Decodes an RLP-encoded withdrawal.
 * @throws InvalidWithdrawalError
 */
export function decodeWithdrawal(bytes: Uint8Array): Withdrawal {
  let item: RlpItem
  try {
    item = rlpDecode(bytes)
  } catch (err) {
    throw new InvalidWithdrawalError('not valid RLP', err)
  }
  return withdrawalFromItem(item)
}

/**
 * Builds a withdrawal from its decoded RLP list (strict: canonical uint64s, 20-byte address).
 * @throws InvalidWithdrawalError
 */
export function withdrawalFromItem(item: RlpItem): Withdrawal {
  const f = listField(item, 'withdrawal', fail)
  if (f.length !== 4) throw fail(`expected 4 fields, got ${f.length}`)
  return {
    index: uintField(f[0], 'index', fail, 8),
    validatorIndex: uintField(f[1], 'validatorIndex', fail, 8),
    address: fixedField<Address>(f[2], 'address', 20, fail),
    amount: uintField(f[3], 'amount', fail, 8),
  }
}

/**
 * The withdrawals root of a block: the ordered trie of RLP-encoded withdrawals.
 * @example withdrawalsRoot([]) // EMPTY_TRIE_ROOT
 */
export function withdrawalsRoot(withdrawals: readonly Withdrawal[]): Hash {
  return orderedTrieRoot(withdrawals.map(encodeWithdrawal))
}
