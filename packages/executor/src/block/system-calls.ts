import { type BlockEnv, hexToBytes, type StateDiff } from '@metis-sdk/primitives'
import type { OverlayState } from '../state/overlay.js'
import type { TxExecutor } from '../types.js'
import { SYSTEM_ADDRESS } from './constants.js'

/**
 * Runs one system call (EIP-4788, 2935, 7002, 7251) against `overlay` and applies its changes.
 * Returns the call output, or undefined when the target has no code (the call is then a no-op).
 * The system address must never appear in state, so its entry is dropped from the diff.
 */
export function runSystemCall(
  vm: TxExecutor,
  overlay: OverlayState,
  env: BlockEnv,
  to: `0x${string}`,
  data: Uint8Array | `0x${string}`,
): Uint8Array | undefined {
  const target = overlay.getAccount(to)
  if (target === undefined || overlay.getCode(target.codeHash).length === 0) return undefined
  const result = vm.executeSystemCall({
    state: overlay,
    block: env,
    to,
    data: typeof data === 'string' ? hexToBytes(data) : data,
  })
  const diff: StateDiff = { accounts: new Map(result.diff.accounts) }
  if (overlay.getAccount(SYSTEM_ADDRESS) === undefined) diff.accounts.delete(SYSTEM_ADDRESS)
  else {
    const sys = diff.accounts.get(SYSTEM_ADDRESS)
    // System calls are free and do not bump the system account's nonce.
    if (sys && sys.storage.size === 0 && sys.code === undefined) diff.accounts.delete(SYSTEM_ADDRESS)
  }
  overlay.apply(diff)
  return result.output
}
