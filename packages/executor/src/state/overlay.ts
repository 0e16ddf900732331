import {
  type Account,
  type Address,
  type Hash,
  KECCAK256_EMPTY,
  keccak256Hex,
  type StateDiff,
  type StateReader,
} from '@metis-sdk/primitives'
import { mergeDiff } from './merge-diff.js'

/**
 * A {@link StateReader} that layers the block-so-far changes over the parent state. The executor
 * applies each transaction's diff with {@link OverlayState.apply}, so the next transaction reads
 * through it. Synchronous and allocation-free on the read path.
 *
 * @example
 * const overlay = new OverlayState(parentReader)
 * overlay.apply(result.diff)
 * overlay.getAccount(sender)
 */
export class OverlayState implements StateReader {
  readonly parent: StateReader
  /** The merged diff of everything applied so far. */
  readonly diff: StateDiff = { accounts: new Map() }
  readonly #codes = new Map<Hash, Uint8Array>()

  constructor(parent: StateReader) {
    this.parent = parent
  }

  /** Layers `diff` on top (later changes win). */
  apply(diff: StateDiff): void {
    for (const change of diff.accounts.values()) {
      if (change.code !== undefined && change.account) this.addCode(change.code, change.account.codeHash)
    }
    mergeDiff(this.diff, diff)
  }

  /** Makes `code` resolvable by hash (hash computed when not given). */
  addCode(code: Uint8Array, codeHash?: Hash): void {
    this.#codes.set(codeHash ?? keccak256Hex(code), code)
  }

  getAccount(address: Address): Account | undefined {
    const change = this.diff.accounts.get(address)
    if (change !== undefined) return change.account
    return this.parent.getAccount(address)
  }

  getCode(codeHash: Hash): Uint8Array {
    if (codeHash === KECCAK256_EMPTY) return EMPTY
    return this.#codes.get(codeHash) ?? this.parent.getCode(codeHash)
  }

  getStorage(address: Address, slot: bigint): bigint {
    const change = this.diff.accounts.get(address)
    if (change !== undefined) {
      const value = change.storage.get(slot)
      if (value !== undefined) return value
      if (change.storageCleared || change.account === undefined) return 0n
    }
    return this.parent.getStorage(address, slot)
  }

  hasStorage(address: Address): boolean {
    const change = this.diff.accounts.get(address)
    if (change !== undefined) {
      for (const value of change.storage.values()) if (value !== 0n) return true
      if (change.storageCleared || change.account === undefined) return false
      // Writes may have zeroed every parent slot; only the parent can tell, and EIP-7610 only
      // asks this for would-be create addresses, so answering from the parent is accurate enough
      // unless all slots were zeroed in this block (then the account had to be destroyed first).
    }
    return this.parent.hasStorage?.(address) ?? false
  }

  getBlockHash(number: bigint): Hash | undefined {
    return this.parent.getBlockHash(number)
  }
}

const EMPTY = new Uint8Array(0)
