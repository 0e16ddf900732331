import type { Address } from 'viem'
import { type Hardfork, isForkAtLeast } from '../chain/hardforks.js'
import type { AccessList } from '../types/transaction.js'

/** The parts of a transaction intrinsic gas depends on. */
export type IntrinsicGasParameters = {
  data: Uint8Array
  to: Address | null
  accessList?: AccessList | undefined
  authorizationList?: readonly unknown[] | undefined
}

const TX_GAS = 21_000n
const TX_CREATE_GAS = 32_000n // added on top of TX_GAS for creates since Homestead (EIP-2)
const ZERO_BYTE_GAS = 4n
const NONZERO_BYTE_GAS_FRONTIER = 68n
const NONZERO_BYTE_GAS_ISTANBUL = 16n // EIP-2028
const ACCESS_LIST_ADDRESS_GAS = 2_400n // EIP-2930
const ACCESS_LIST_STORAGE_KEY_GAS = 1_900n
const INITCODE_WORD_GAS = 2n // EIP-3860
const PER_EMPTY_ACCOUNT_COST = 25_000n // EIP-7702, charged per authorization up front
const TOTAL_COST_FLOOR_PER_TOKEN = 10n // EIP-7623

function zeroBytes(data: Uint8Array): number {
  let zeros = 0
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++
  return zeros
}

/**
 * Gas charged before execution: 21000, +32000 for creates (Homestead+), per calldata byte 4 (zero)
 * or 68/16 (non-zero, Istanbul+), access list 2400 per address + 1900 per key (Berlin+),
 * 2 per initcode word for creates (Shanghai+), 25000 per authorization (Prague+).
 *
 * @example intrinsicGas({ data: new Uint8Array(), to: '0x…' }, 'Cancun') // 21000n
 */
export function intrinsicGas(tx: IntrinsicGasParameters, fork: Hardfork): bigint {
  const data = tx.data
  const zeros = zeroBytes(data)
  const nonZeroCost = isForkAtLeast(fork, 'Istanbul') ? NONZERO_BYTE_GAS_ISTANBUL : NONZERO_BYTE_GAS_FRONTIER
  let gas = TX_GAS + BigInt(zeros) * ZERO_BYTE_GAS + BigInt(data.length - zeros) * nonZeroCost
  if (tx.to === null) {
    if (isForkAtLeast(fork, 'Homestead')) gas += TX_CREATE_GAS
    if (isForkAtLeast(fork, 'Shanghai')) gas += BigInt(Math.ceil(data.length / 32)) * INITCODE_WORD_GAS
  }
  if (tx.accessList && isForkAtLeast(fork, 'Berlin')) {
    let keys = 0
    for (const item of tx.accessList) keys += item.storageKeys.length
    gas += BigInt(tx.accessList.length) * ACCESS_LIST_ADDRESS_GAS + BigInt(keys) * ACCESS_LIST_STORAGE_KEY_GAS
  }
  if (tx.authorizationList && isForkAtLeast(fork, 'Prague'))
    gas += BigInt(tx.authorizationList.length) * PER_EMPTY_ACCOUNT_COST
  return gas
}

/**
 * EIP-7623 calldata floor (Prague+): 21000 + 10 per token, tokens = zero bytes + 4 × non-zero
 * bytes. A transaction's gas limit must cover it and it is the minimum gas charged. Before
 * Prague there is no floor and this returns 0n.
 *
 * @example floorDataGas(new Uint8Array([0, 1]), 'Prague') // 21050n
 */
export function floorDataGas(data: Uint8Array, fork: Hardfork): bigint {
  if (!isForkAtLeast(fork, 'Prague')) return 0n
  const zeros = zeroBytes(data)
  const tokens = BigInt(zeros + (data.length - zeros) * 4)
  return TX_GAS + tokens * TOTAL_COST_FLOOR_PER_TOKEN
}
