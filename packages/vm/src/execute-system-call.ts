import type { Address, BlockEnv, StateReader, TxResult } from '@metis-sdk/primitives'
import { makeEnv, runCall } from './execute-transaction.js'
import { haltName, S_RETURN, S_REVERT, S_STOP } from './interpreter.js'
import { WorldState } from './world-state.js'

/** The EIP-4788 system caller. */
export const SYSTEM_ADDRESS: Address = '0xfffffffffffffffffffffffffffffffffffffffe'
const SYSTEM_CALL_GAS = 30_000_000

/** Parameters of {@link executeSystemCall}. */
export type ExecuteSystemCallParameters = {
  state: StateReader
  block: BlockEnv
  to: Address
  data: Uint8Array
  /** Default {@link SYSTEM_ADDRESS}. */
  caller?: Address | undefined
  trackReads?: boolean | undefined
}

/**
 * A block-level system call (EIP-4788 beacon roots, EIP-2935 history, EIP-7002/7251 requests):
 * 30M gas, no fees, no nonce change, the caller is not touched.
 *
 * @example executeSystemCall({ state, block, to: BEACON_ROOTS_ADDRESS, data: parentBeaconRoot })
 */
export function executeSystemCall(params: ExecuteSystemCallParameters): TxResult {
  const ws = new WorldState(params.state, params.trackReads === true)
  const caller = (params.caller ?? SYSTEM_ADDRESS).toLowerCase() as Address
  const to = params.to.toLowerCase() as Address
  const env = makeEnv(ws, params.block, caller, 0n, [], undefined)
  ws.warmAddress(to)
  // The caller only appears as CALLER: it is never loaded into the diff (value is 0).
  const callerAcct = ws.get(caller)
  const r = runCall(env, callerAcct, to, 0n, params.data, SYSTEM_CALL_GAS)
  ws.commitJournal()
  ws.accounts.delete(caller)
  const diff = ws.finalize()
  const ok = r.status === S_STOP || r.status === S_RETURN
  return {
    status: ok ? 'success' : r.status === S_REVERT ? 'revert' : 'halt',
    haltReason: haltName(r.status),
    gasUsed: BigInt(SYSTEM_CALL_GAS - r.gasLeft),
    gasRefunded: 0n,
    output: r.output,
    logs: ok ? env.logs : [],
    blobGasUsed: 0n,
    diff,
  }
}
