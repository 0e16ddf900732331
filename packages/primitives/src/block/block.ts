import type { Hash, Hex } from 'viem'
import { hexToBytes } from '../encoding/hex.js'
import { BaseError } from '../errors/base.js'
import { type RlpItem, rlpDecode, rlpEncode } from '../rlp/rlp.js'
import { decodeTransactionFromBlockItem } from '../transaction/decode-transaction.js'
import { encodeTransaction } from '../transaction/encode-transaction.js'
import { orderedTrieRoot } from '../trie/ordered-trie-root.js'
import type { Withdrawal } from '../types/block.js'
import type { Transaction } from '../types/transaction.js'
import { headerFromItem } from './decode-header.js'
import { encodeHeader } from './encode-header.js'
import { InvalidBlockError } from './errors.js'
import type { BlockHeader } from './header.js'
import { encodeWithdrawal, withdrawalFromItem } from './withdrawal.js'

/** A block: header and body. `withdrawals` is present exactly when the header has a withdrawalsRoot. */
export type Block = {
  header: BlockHeader
  transactions: Transaction[]
  ommers: BlockHeader[]
  withdrawals?: Withdrawal[] | undefined
}

/**
 * RLP-encodes a block `[header, transactions, ommers, withdrawals?]`. Inside the body, legacy
 * transactions are RLP lists and typed ones byte strings holding `type || rlp(payload)`.
 * @throws InvalidBlockError (or the header/withdrawal error) when the block cannot be encoded.
 * @example encodeBlock({ header, transactions: [], ommers: [], withdrawals: [] })
 */
export function encodeBlock(block: Block): Uint8Array {
  if ((block.withdrawals !== undefined) !== (block.header.withdrawalsRoot !== undefined))
    throw new InvalidBlockError('withdrawals must be present exactly when the header has a withdrawalsRoot')
  const parts: Uint8Array[] = [
    encodeHeader(block.header),
    encodeList(
      block.transactions.map((tx) => {
        const raw = encodeTransaction(tx)
        // Typed envelopes are wrapped as RLP byte strings; legacy encodings are already lists.
        return tx.type === 0 ? raw : rlpEncode(raw)
      }),
    ),
    encodeList(block.ommers.map(encodeHeader)),
  ]
  if (block.withdrawals) parts.push(encodeList(block.withdrawals.map(encodeWithdrawal)))
  return encodeList(parts)
}

/** Wraps already-encoded items in a list header, without re-encoding them. */
function encodeList(items: Uint8Array[]): Uint8Array {
  let len = 0
  for (const it of items) len += it.length
  let lol = 0
  for (let v = len; v > 0; v = Math.floor(v / 256)) lol++
  const head = len < 56 ? 1 : 1 + lol
  const out = new Uint8Array(head + len)
  if (len < 56) out[0] = 0xc0 + len
  else {
    out[0] = 0xf7 + lol
    for (let i = lol, v = len; i > 0; i--, v = Math.floor(v / 256)) out[i] = v % 256
  }
  let pos = head
  for (const it of items) {
    out.set(it, pos)
    pos += it.length
  }
  return out
}

/**
 * Decodes an RLP block. Strict: canonical RLP, 3 items before Shanghai and 4 after (decided by the
 * header's withdrawalsRoot), every transaction, ommer and withdrawal valid.
 * @throws InvalidBlockError with the underlying header/transaction/withdrawal error as `cause`.
 * @example decodeBlock(encodeBlock(block)).header.number
 */
export function decodeBlock(bytes: Uint8Array | Hex): Block {
  let item: RlpItem
  try {
    item = rlpDecode(typeof bytes === 'string' ? hexToBytes(bytes) : bytes)
  } catch (err) {
    throw new InvalidBlockError('not valid RLP', err)
  }
  if (!Array.isArray(item)) throw new InvalidBlockError('expected a list')
  if (item.length !== 3 && item.length !== 4)
    throw new InvalidBlockError(`expected 3 or 4 items, got ${item.length}`)
  const [headerItem, txItems, ommerItems, withdrawalItems] = item
  const header = wrap('header', () => headerFromItem(headerItem!))
  if ((withdrawalItems !== undefined) !== (header.withdrawalsRoot !== undefined))
    throw new InvalidBlockError('withdrawals must be present exactly when the header has a withdrawalsRoot')
  if (!Array.isArray(txItems)) throw new InvalidBlockError('transactions must be a list')
  if (!Array.isArray(ommerItems)) throw new InvalidBlockError('ommers must be a list')
  const block: Block = {
    header,
    transactions: txItems.map((tx, i) => wrap(`transaction ${i}`, () => decodeTransactionFromBlockItem(tx))),
    ommers: ommerItems.map((o, i) => wrap(`ommer ${i}`, () => headerFromItem(o))),
  }
  if (withdrawalItems !== undefined) {
    if (!Array.isArray(withdrawalItems)) throw new InvalidBlockError('withdrawals must be a list')
    block.withdrawals = withdrawalItems.map((w, i) => wrap(`withdrawal ${i}`, () => withdrawalFromItem(w)))
  }
  return block
}

function wrap<T>(what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    throw new InvalidBlockError(`${what}: ${err instanceof BaseError ? err.shortMessage : String(err)}`, err)
  }
}

/**
 * The transactions root of a block: the ordered trie of network-encoded transactions.
 * @example transactionsRoot(block.transactions)
 */
export function transactionsRoot(transactions: readonly Transaction[]): Hash {
  return orderedTrieRoot(transactions.map(encodeTransaction))
}
