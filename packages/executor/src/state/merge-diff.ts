import type { AccountDiff, Address, StateDiff } from '@metis-sdk/primitives'

/** An empty diff (no reads/writes tracked). */
export function emptyDiff(): StateDiff {
  return { accounts: new Map() }
}

/**
 * Folds `next` into `target` in place: a later change overrides an earlier one, and
 * `storageCleared` in `next` wipes the storage writes `target` had collected for that account.
 * The maps inside `next` are copied, so `next` can be reused by the caller.
 *
 * @example
 * const block = emptyDiff()
 * for (const r of txResults) mergeDiff(block, r.diff)
 */
export function mergeDiff(target: StateDiff, next: StateDiff): StateDiff {
  for (const [address, change] of next.accounts) mergeAccount(target, address, change)
  return target
}

/** Folds one account change into `target` (see {@link mergeDiff}). */
export function mergeAccount(target: StateDiff, address: Address, change: AccountDiff): void {
  const prev = target.accounts.get(address)
  if (prev === undefined || change.storageCleared) {
    target.accounts.set(address, {
      account: change.account,
      code: change.code ?? codeIfSameHash(prev, change),
      storageCleared: change.storageCleared || (prev?.storageCleared ?? false),
      storage: new Map(change.storage),
    })
    return
  }
  prev.account = change.account
  if (change.code !== undefined) prev.code = change.code
  for (const [slot, value] of change.storage) prev.storage.set(slot, value)
}

// Code travels with the diff that set it; keep it across a wipe only while the code hash is unchanged.
function codeIfSameHash(prev: AccountDiff | undefined, change: AccountDiff): Uint8Array | undefined {
  if (!prev?.code || !prev.account || !change.account) return undefined
  return prev.account.codeHash === change.account.codeHash ? prev.code : undefined
}
