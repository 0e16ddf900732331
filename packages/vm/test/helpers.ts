import {
  type Address,
  type BlockEnv,
  type Hardfork,
  type Hex,
  hexToBytes,
  type LegacyTransaction,
  type TxResult,
} from '@metis-sdk/primitives'
import { executeTransaction, MemoryState } from '../src/index.js'

export const SENDER: Address = '0x00000000000000000000000000000000000a11ce'
export const CONTRACT: Address = '0x000000000000000000000000000000000000c0de'

export function block(fork: Hardfork = 'Cancun', extra: Partial<BlockEnv> = {}): BlockEnv {
  return {
    number: 100n,
    timestamp: 1_700_000_000n,
    coinbase: '0x00000000000000000000000000000000000c0b5e',
    gasLimit: 30_000_000n,
    baseFee: 7n,
    prevRandao: `0x${'11'.repeat(32)}`,
    difficulty: 0n,
    excessBlobGas: 0n,
    blobBaseFee: 1n,
    chainId: 1n,
    fork,
    ...extra,
  }
}

/** Runs `code` as CONTRACT's code via a plain call from SENDER. */
export function runCode(
  code: string | Uint8Array,
  opts: { input?: Uint8Array; gas?: bigint; fork?: Hardfork; state?: MemoryState; value?: bigint } = {},
): { result: TxResult; state: MemoryState } {
  const state = opts.state ?? new MemoryState()
  if (!state.accounts.has(SENDER)) state.set(SENDER, { balance: 10n ** 24n })
  state.set(CONTRACT, {
    code: typeof code === 'string' ? hexToBytes(code as Hex) : code,
    balance: 0n,
    nonce: 1n,
  })
  const result = executeTransaction({
    state,
    block: block(opts.fork),
    sender: SENDER,
    tx: {
      type: 2,
      chainId: 1n,
      nonce: state.getAccount(SENDER)!.nonce,
      maxFeePerGas: 10n,
      maxPriorityFeePerGas: 1n,
      gasLimit: opts.gas ?? 1_000_000n,
      to: CONTRACT,
      value: opts.value ?? 0n,
      data: opts.input ?? new Uint8Array(0),
      accessList: [],
      yParity: 0,
      r: 1n,
      s: 1n,
    },
  })
  return { result, state }
}

/** Returns the 32-byte word the code returned, as bigint. */
export function returnedWord(r: TxResult): bigint {
  let v = 0n
  for (const b of r.output) v = (v << 8n) | BigInt(b)
  return v
}

/** A legacy transaction to {@link CONTRACT} (dummy signature: tests pass the sender themselves). */
export function legacyTx(overrides: Partial<LegacyTransaction> = {}): LegacyTransaction {
  return {
    type: 0,
    nonce: 0n,
    gasPrice: 10n,
    gasLimit: 100_000n,
    to: CONTRACT,
    value: 0n,
    data: new Uint8Array(),
    v: 27n,
    r: 1n,
    s: 1n,
    ...overrides,
  }
}
