import type { Address, BlockEnv, StateReader, TxResult } from '@metis-sdk/primitives'
import { executeTransaction } from './execute-transaction.js'
import { OverrideStateReader, type StateOverride } from './override-state.js'
import type { Precompile } from './precompiles/index.js'
import type { Tracer } from './tracer.js'

/** Parameters of {@link executeCall}. */
export type ExecuteCallParameters = {
  state: StateReader
  block: BlockEnv
  from: Address
  /** Omitted for a contract creation. */
  to?: Address | null | undefined
  data?: Uint8Array | undefined
  value?: bigint | undefined
  /** Default: the block gas limit. */
  gas?: bigint | undefined
  /** Default 0 (no fee charged, base fee ignored). */
  gasPrice?: bigint | undefined
  tracer?: Tracer | undefined
  stateOverrides?: Record<string, StateOverride> | Map<string, StateOverride> | undefined
  /** Custom precompiles, as in `executeTransaction`. */
  precompiles?: ReadonlyMap<bigint, Precompile> | undefined
}

/**
 * eth_call / eth_estimateGas style execution: no nonce check; the balance must cover gas × price +
 * value (as in geth), and a
 * zero gas price runs without paying the base fee. The diff is returned but nothing is committed.
 *
 * @example executeCall({ state, block, from, to, data }).output
 */
export function executeCall(params: ExecuteCallParameters): TxResult {
  const state = params.stateOverrides
    ? new OverrideStateReader(params.state, params.stateOverrides)
    : params.state
  const gasPrice = params.gasPrice ?? 0n
  const from = params.from.toLowerCase() as Address
  return executeTransaction({
    state,
    block: params.block,
    sender: from,
    tx: {
      type: 0,
      nonce: state.getAccount(from)?.nonce ?? 0n,
      gasPrice,
      gasLimit: params.gas ?? params.block.gasLimit,
      to: params.to ?? null,
      value: params.value ?? 0n,
      data: params.data ?? new Uint8Array(0),
      v: 27n,
      r: 0n,
      s: 0n,
    },
    tracer: params.tracer,
    precompiles: params.precompiles,
    skipNonceCheck: true,
    noBaseFee: true,
  })
}
