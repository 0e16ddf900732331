import { type Address, BaseError, type Hardfork, isForkAtLeast } from '@metis-sdk/primitives'
import { pointEvaluation } from './0x0a-point-evaluation.js'
import { bls12G1Add } from './0x0b-bls12-g1add.js'
import { bls12G1Msm } from './0x0c-bls12-g1msm.js'
import { bls12G2Add } from './0x0d-bls12-g2add.js'
import { bls12G2Msm } from './0x0e-bls12-g2msm.js'
import { bls12PairingCheck } from './0x0f-bls12-pairing.js'
import { ecrecover } from './0x01-ecrecover.js'
import { sha256 } from './0x02-sha256.js'
import { ripemd160 } from './0x03-ripemd160.js'
import { identity } from './0x04-identity.js'
import { modexp, modexpByzantium } from './0x05-modexp.js'
import { bn254Add, bn254AddByzantium } from './0x06-bn254-add.js'
import { bn254Mul, bn254MulByzantium } from './0x07-bn254-mul.js'
import { bn254Pairing, bn254PairingByzantium } from './0x08-bn254-pairing.js'
import { blake2f } from './0x09-blake2f.js'
import { bls12MapFpToG1 } from './0x10-bls12-map-fp-to-g1.js'
import { bls12MapFp2ToG2 } from './0x11-bls12-map-fp2-to-g2.js'
import type { Precompile } from './types.js'

export type { Precompile, PrecompileResult } from './types.js'

// Each entry: address, the fork that introduced it (or repriced it), implementation — a readable
// diff of forks. Later entries for the same address override earlier ones once active. Tables per
// fork are derived from this list and cached, so lookups on the call path are one Map.get.
const ALL: ReadonlyArray<readonly [number, Hardfork, Precompile]> = [
  [0x01, 'Frontier', ecrecover],
  [0x02, 'Frontier', sha256],
  [0x03, 'Frontier', ripemd160],
  [0x04, 'Frontier', identity],
  [0x05, 'Byzantium', modexpByzantium], // EIP-198
  [0x06, 'Byzantium', bn254AddByzantium], // EIP-196
  [0x07, 'Byzantium', bn254MulByzantium], // EIP-196
  [0x08, 'Byzantium', bn254PairingByzantium], // EIP-197
  [0x06, 'Istanbul', bn254Add], // EIP-1108 repricing
  [0x07, 'Istanbul', bn254Mul],
  [0x08, 'Istanbul', bn254Pairing],
  [0x09, 'Istanbul', blake2f], // EIP-152
  [0x05, 'Berlin', modexp], // EIP-2565 repricing
  [0x0a, 'Cancun', pointEvaluation], // EIP-4844
  [0x0b, 'Prague', bls12G1Add], // EIP-2537
  [0x0c, 'Prague', bls12G1Msm],
  [0x0d, 'Prague', bls12G2Add],
  [0x0e, 'Prague', bls12G2Msm],
  [0x0f, 'Prague', bls12PairingCheck],
  [0x10, 'Prague', bls12MapFpToG1],
  [0x11, 'Prague', bls12MapFp2ToG2],
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
    // Sorted by address so precompileAddresses() is stable whatever the overlay order.
    map = new Map([...m].sort((a, b) => a[0] - b[0]))
    cache.set(fork, map)
  }
  return map
}

/** Lowercase 0x-addresses of the precompiles active at `fork` (the EIP-2929 warm set). */
export function precompileAddresses(fork: Hardfork): Address[] {
  let list = addressCache.get(fork)
  if (!list) {
    list = [...precompilesFor(fork).keys()].map((n) => `0x${n.toString(16).padStart(40, '0')}` as Address)
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

/**
 * A custom precompile: either the built-in {@link Precompile} shape, or the simple pair
 * `{ gas(input), run(input) }` — gas is charged before `run`, and a throwing `gas`/`run` is a
 * precompile failure (all gas consumed), never a crash of the VM. Both must be deterministic and
 * synchronous: every node re-executing the block must get the same output and gas.
 */
export type CustomPrecompile =
  | Precompile
  | { gas(input: Uint8Array): number | bigint; run(input: Uint8Array): Uint8Array }

/** Thrown by {@link customPrecompiles} for a bad address or definition. */
export class CustomPrecompileError extends BaseError {
  override name = 'CustomPrecompileError'
}

function wrap(def: CustomPrecompile): Precompile {
  if (typeof def === 'function')
    return (input, gasLimit) => {
      try {
        return def(input, gasLimit)
      } catch (err) {
        return { ok: false, gasUsed: gasLimit, error: String((err as Error)?.message ?? err) }
      }
    }
  if (
    def === null ||
    typeof def !== 'object' ||
    typeof def.gas !== 'function' ||
    typeof def.run !== 'function'
  )
    throw new CustomPrecompileError('a custom precompile is a function or { gas(input), run(input) }')
  return (input, gasLimit) => {
    try {
      const g = Number(def.gas(input))
      if (!Number.isSafeInteger(g) || g < 0) return { ok: false, gasUsed: gasLimit, error: 'InvalidGas' }
      if (g > gasLimit) return { ok: false, gasUsed: gasLimit, error: 'OutOfGas' }
      const output = def.run(input)
      if (!(output instanceof Uint8Array)) return { ok: false, gasUsed: gasLimit, error: 'InvalidOutput' }
      return { ok: true, gasUsed: g, output }
    } catch (err) {
      return { ok: false, gasUsed: gasLimit, error: String((err as Error)?.message ?? err) }
    }
  }
}

/**
 * Validates custom precompile definitions and turns them into the address-keyed map that
 * `executeTransaction`/`executeCall` take as `precompiles`. Addresses 0x…01–0x…11 (built-ins and
 * their reserved range) and 0x0 are rejected.
 *
 * @example
 * const precompiles = customPrecompiles({
 *   '0x0000000000000000000000000000000000000999': { gas: (i) => 100 * i.length, run: (i) => i },
 * })
 * executeTransaction({ state, block, tx, sender, precompiles })
 */
export function customPrecompiles(
  defs: Readonly<Record<string, CustomPrecompile>> | ReadonlyMap<string, CustomPrecompile>,
): ReadonlyMap<bigint, Precompile> {
  const out = new Map<bigint, Precompile>()
  const entries = defs instanceof Map ? [...defs.entries()] : Object.entries(defs)
  for (const [address, def] of entries) {
    if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address))
      throw new CustomPrecompileError(
        `custom precompile address ${String(address)} is not a 20-byte hex address`,
      )
    const n = BigInt(address)
    if (n <= 0x11n)
      throw new CustomPrecompileError(
        `custom precompile address ${address} collides with the built-in precompiles`,
      )
    if (out.has(n)) throw new CustomPrecompileError(`custom precompile address ${address} is given twice`)
    out.set(n, wrap(def))
  }
  return out
}
