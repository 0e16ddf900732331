/**
 * Hardfork names exactly as the ethereum/tests fixtures spell them, in activation order.
 * `Paris` is the Merge (tests also call it `Merge`; see {@link normalizeHardfork}).
 */
export const HARDFORKS = [
  'Frontier',
  'Homestead',
  'EIP150',
  'EIP158',
  'Byzantium',
  'Constantinople',
  'ConstantinopleFix',
  'Istanbul',
  'MuirGlacier',
  'Berlin',
  'London',
  'ArrowGlacier',
  'GrayGlacier',
  'Paris',
  'Shanghai',
  'Cancun',
  'Prague',
  'Osaka',
] as const

/** A hardfork name (see {@link HARDFORKS}). */
export type Hardfork = (typeof HARDFORKS)[number]

const ORDINAL: Record<string, number> = Object.fromEntries(HARDFORKS.map((f, i) => [f, i]))
const ALIASES: Record<string, Hardfork> = {
  Merge: 'Paris',
  Merged: 'Paris',
  Petersburg: 'ConstantinopleFix',
  'Spurious Dragon': 'EIP158',
  'Tangerine Whistle': 'EIP150',
}

/** Position of a fork in activation order (Frontier = 0). */
export function hardforkOrdinal(fork: Hardfork): number {
  return ORDINAL[fork]!
}

/** True when `fork` is `other` or later. Hot-path friendly: one table lookup each. */
export function isForkAtLeast(fork: Hardfork, other: Hardfork): boolean {
  return ORDINAL[fork]! >= ORDINAL[other]!
}

/** Maps aliases used in fixtures (`Merge`, `Petersburg`) to canonical names; undefined if unknown. */
export function normalizeHardfork(name: string): Hardfork | undefined {
  if (name in ORDINAL) return name as Hardfork
  return ALIASES[name]
}
