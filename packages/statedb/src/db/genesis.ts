// geth-style `alloc` JSON ⇄ StateDiff.
import type { AccountDiff, Address, Hash, StateDiff } from '@metis-sdk/primitives'
import { hexToBytes, KECCAK256_EMPTY, keccak256Hex } from '@metis-sdk/primitives'
import { InvalidStateDiffError } from '../errors/statedb.js'
import type { GenesisAlloc } from './types.js'

function toBig(v: unknown, what: string): bigint {
  try {
    if (typeof v === 'bigint') return v
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v)
    if (typeof v === 'string' && /^(0x[0-9a-fA-F]*|[0-9]+)$/.test(v)) return v === '0x' ? 0n : BigInt(v)
  } catch {}
  throw new InvalidStateDiffError(`Invalid ${what} in genesis alloc: ${String(v).slice(0, 80)}.`)
}

/** A slot given as hex (any length up to 32 bytes) → 32-byte big-endian key. */
export function parseSlot(slot: string): Uint8Array {
  if (typeof slot !== 'string' || !/^0x[0-9a-fA-F]{0,64}$/.test(slot))
    throw new InvalidStateDiffError(`Invalid storage slot ${String(slot).slice(0, 80)}.`)
  const hex = slot.slice(2).padStart(64, '0')
  return hexToBytes(`0x${hex}`)
}

/**
 * The diff that makes the state equal `alloc`: every alloc account written with its storage
 * (storage cleared first), and every address in `remove` not in `alloc` deleted.
 */
export function allocToDiff(alloc: GenesisAlloc, remove: Address[]): StateDiff {
  if (typeof alloc !== 'object' || alloc === null)
    throw new InvalidStateDiffError('Genesis alloc must be an object.')
  const accounts = new Map<Address, AccountDiff>()
  for (const [rawAddress, acc] of Object.entries(alloc)) {
    const hex = rawAddress.startsWith('0x') ? rawAddress : `0x${rawAddress}`
    if (!/^0x[0-9a-fA-F]{40}$/.test(hex))
      throw new InvalidStateDiffError(`Invalid genesis address ${rawAddress}.`)
    if (typeof acc !== 'object' || acc === null)
      throw new InvalidStateDiffError(`Invalid genesis account ${rawAddress}.`)
    const address = hex.toLowerCase() as Address
    let code: Uint8Array | undefined
    if (acc.code !== undefined && acc.code !== '0x' && (acc.code as string) !== '') {
      try {
        code = hexToBytes(acc.code)
      } catch (cause) {
        throw new InvalidStateDiffError(`Invalid code of genesis account ${rawAddress}.`, { cause })
      }
    }
    const storage = new Map<bigint, bigint>()
    for (const [k, v] of Object.entries(acc.storage ?? {})) {
      const slot = BigInt(`0x${Buffer.from(parseSlot(k)).toString('hex')}`)
      const value = toBig(v, `storage value of ${rawAddress}`)
      if (value !== 0n) storage.set(slot, value)
    }
    accounts.set(address, {
      account: {
        nonce: toBig(acc.nonce ?? 0n, `nonce of ${rawAddress}`),
        balance: toBig(acc.balance ?? 0n, `balance of ${rawAddress}`),
        codeHash: code ? keccak256Hex(code) : (KECCAK256_EMPTY as Hash),
      },
      code,
      storageCleared: true,
      storage,
    })
  }
  for (const a of remove) {
    const address = a.toLowerCase() as Address
    if (!accounts.has(address))
      accounts.set(address, { account: undefined, storageCleared: true, storage: new Map() })
  }
  return { accounts }
}
