import { type Address, type Hardfork, isForkAtLeast } from '@metis-sdk/primitives'
import { ecrecover } from './0x01-ecrecover.js'
import { sha256 } from './0x02-sha256.js'
import { ripemd160 } from './0x03-ripemd160.js'
import { identity } from './0x04-identity.js'
import type { Precompile } from './types.js'

export type { Precompile, PrecompileResult } from './types.js'

// Each entry: address, the fork that introduced it, implementation. Tables per fork are derived
// from this single list and cached, so lookups on the call path are one Map.get.
const ALL: ReadonlyArray<readonly [number, Hardfork, Precompile]> = [
  [0x01, 'Frontier', ecrecover],
  [0x02, 'Frontier', sha256],
  [0x03, 'Frontier', ripemd160],
  [0x04, 'Frontier', identity],
]

const cache = new Map<Hardfork, ReadonlyMap<number, Precompile>>()
const addressCache = new Map<Hardfork, Address[]>()

/**
 * The precompiles active at `fork`, keyed by address as a number (1 … 0x11).
 *
 * @example precompilesFor('Cancun').get(2)!(new Uint8Array(), 100) // sha256 of empty input
 */
export function precompilesFor(fork: Hardfork): ReadonlyMap<number, Precompile> {
  let map = cache.get(fork)
  if (!map) {
    const m = new Map<number, Precompile>()
    for (const [addr, since, fn] of ALL) if (isForkAtLeast(fork, since)) m.set(addr, fn)
    map = m
    cache.set(fork, map)
  }
  return map
}

/** Lowercase 0x-addresses of the precompiles active at `fork` (the EIP-2929 warm set). */
export function precompileAddresses(fork: Hardfork): Address[] {
  let list = addressCache.get(fork)
  if (!list) {
    list = [...precompilesFor(fork).keys()].map(
      (n) => `0x${n.toString(16).padStart(40, '0')}` as Address,
    )
    addressCache.set(fork, list)
  }
  return list.slice()
}

/** True when `address` (any case) is a precompile at `fork`. */
export function isPrecompile(fork: Hardfork, address: Address): boolean {
  if (typeof address !== 'string' || address.length !== 42) return false
  // Precompiles live at 0x…01 … 0x…11: the first 38 hex digits must be zero.
  for (let i = 2; i < 40; i++) if (address.charCodeAt(i) !== 48) return false
  const n = Number.parseInt(address.slice(40), 16)
  return Number.isInteger(n) && precompilesFor(fork).has(n)
}
