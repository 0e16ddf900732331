import {
  type Account,
  type Address,
  type Hash,
  KECCAK256_EMPTY,
  keccak256Hex,
  type StateReader,
} from '@metis-sdk/primitives'

/** eth_call style state overrides for one account. */
export type StateOverride = {
  balance?: bigint | undefined
  nonce?: bigint | undefined
  code?: Uint8Array | undefined
  /** Replaces the whole storage. */
  state?: Map<bigint, bigint> | undefined
  /** Patches individual slots. */
  stateDiff?: Map<bigint, bigint> | undefined
}

/** A `StateReader` that answers from `overrides` first and falls back to `base`. */
export class OverrideStateReader implements StateReader {
  private readonly overrides = new Map<Address, StateOverride>()
  private readonly codes = new Map<Hash, Uint8Array>()

  constructor(
    private readonly base: StateReader,
    overrides: Record<string, StateOverride> | Map<string, StateOverride>,
  ) {
    const entries = overrides instanceof Map ? overrides.entries() : Object.entries(overrides)
    for (const [a, o] of entries) {
      this.overrides.set(a.toLowerCase() as Address, o)
      if (o.code) this.codes.set(o.code.length === 0 ? KECCAK256_EMPTY : keccak256Hex(o.code), o.code)
    }
  }

  getAccount(address: Address): Account | undefined {
    const o = this.overrides.get(address)
    const a = this.base.getAccount(address)
    if (!o) return a
    return {
      nonce: o.nonce ?? a?.nonce ?? 0n,
      balance: o.balance ?? a?.balance ?? 0n,
      codeHash: o.code
        ? o.code.length === 0
          ? KECCAK256_EMPTY
          : keccak256Hex(o.code)
        : (a?.codeHash ?? KECCAK256_EMPTY),
    }
  }

  getCode(codeHash: Hash): Uint8Array {
    return this.codes.get(codeHash) ?? this.base.getCode(codeHash)
  }

  getStorage(address: Address, slot: bigint): bigint {
    const o = this.overrides.get(address)
    if (o?.state) return o.state.get(slot) ?? 0n
    const d = o?.stateDiff?.get(slot)
    return d ?? this.base.getStorage(address, slot)
  }

  hasStorage(address: Address): boolean {
    const o = this.overrides.get(address)
    if (o?.state) return [...o.state.values()].some((v) => v !== 0n)
    return this.base.hasStorage?.(address) ?? false
  }

  getBlockHash(n: bigint): Hash | undefined {
    return this.base.getBlockHash(n)
  }
}
