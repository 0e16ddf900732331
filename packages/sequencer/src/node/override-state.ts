import {
  type Account,
  type Address,
  bytesToHex,
  type Hash,
  hexToBytes,
  KECCAK256_EMPTY,
  keccak256,
  type StateReader,
} from '@metis-sdk/primitives'
import type { StateOverrides } from './types.js'

/**
 * A StateReader with eth_call state overrides layered on top (balance, nonce, code, full storage
 * or per-slot patches). Reads of untouched accounts go straight to `base`.
 */
export function overrideState(base: StateReader, overrides: StateOverrides | undefined): StateReader {
  if (!overrides || overrides.size === 0) return base
  const codes = new Map<Hash, Uint8Array>()
  const accounts = new Map<Address, Account>()
  for (const [addr, o] of overrides) {
    const a = addr.toLowerCase() as Address
    const cur = base.getAccount(a) ?? { nonce: 0n, balance: 0n, codeHash: KECCAK256_EMPTY }
    let codeHash = cur.codeHash
    if (o.code !== undefined) {
      const code = hexToBytes(o.code)
      codeHash = code.length === 0 ? KECCAK256_EMPTY : (bytesToHex(keccak256(code)) as Hash)
      codes.set(codeHash, code)
    }
    accounts.set(a, { nonce: o.nonce ?? cur.nonce, balance: o.balance ?? cur.balance, codeHash })
  }
  const lower = new Map([...overrides].map(([k, v]) => [k.toLowerCase() as Address, v]))
  return {
    getAccount: (address) => accounts.get(address) ?? base.getAccount(address),
    getCode: (hash) => codes.get(hash) ?? base.getCode(hash),
    getStorage(address, slot) {
      const o = lower.get(address)
      if (o?.state) return o.state.get(slot) ?? 0n
      const v = o?.stateDiff?.get(slot)
      return v ?? base.getStorage(address, slot)
    },
    hasStorage: (address) => {
      const o = lower.get(address)
      if (o?.state) return [...o.state.values()].some((v) => v !== 0n)
      return base.hasStorage?.(address) ?? false
    },
    getBlockHash: (n) => base.getBlockHash(n),
  }
}
