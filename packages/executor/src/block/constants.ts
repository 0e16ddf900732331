import type { Address } from '@metis-sdk/primitives'

/** EIP-4788 beacon roots contract. */
export const BEACON_ROOTS_ADDRESS: Address = '0x000f3df6d732807ef1319fb7b8bb8522d0beac02'
/** EIP-2935 block hash history contract. */
export const HISTORY_STORAGE_ADDRESS: Address = '0x0000f90827f1c53a10cb7a02335b175320002935'
/** EIP-7002 withdrawal request contract. */
export const WITHDRAWAL_REQUEST_ADDRESS: Address = '0x00000961ef480eb55e80d19ad83579a64c007002'
/** EIP-7251 consolidation request contract. */
export const CONSOLIDATION_REQUEST_ADDRESS: Address = '0x0000bbddc7ce488642fb579f8b00f3a590007251'
/** Caller of system calls; never created in state. */
export const SYSTEM_ADDRESS: Address = '0xfffffffffffffffffffffffffffffffffffffffe'
/** EIP-6110 DepositEvent topic. */
export const DEPOSIT_EVENT_TOPIC = '0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5'
