// The deterministic commit workload of the crash test: version v's diff depends only on v.
import type { AccountDiff, Address, StateDiff } from '@metis-sdk/primitives'
import { KECCAK256_EMPTY, keccak256Hex } from '@metis-sdk/primitives'
import { rng } from './test-utils.js'

export const CRASH_ACCOUNTS = 1000
const CODE = Uint8Array.of(0x60, 0x2a, 0x60, 0x00, 0x55, 0x00)
export const crashAddr = (i: number) => `0x${(0xc0ffee0000 + i).toString(16).padStart(40, '0')}` as Address

export function crashDiff(v: number): StateDiff {
  const rand = rng(v * 7919 + 1)
  const accounts = new Map<Address, AccountDiff>()
  for (let k = 0; k < 60; k++) {
    const i = Math.floor(rand() * CRASH_ACCOUNTS)
    const a = crashAddr(i)
    if (rand() < 0.05) {
      accounts.set(a, { account: undefined, storageCleared: true, storage: new Map() })
      continue
    }
    const storage = new Map<bigint, bigint>()
    for (let s = 0; s < 4; s++)
      storage.set(BigInt(Math.floor(rand() * 16)), rand() < 0.2 ? 0n : BigInt(v * 100 + s + 1))
    const withCode = i % 10 === 0
    accounts.set(a, {
      account: {
        nonce: BigInt(v),
        balance: BigInt(v) * 1_000_000n + BigInt(i),
        codeHash: withCode ? keccak256Hex(CODE) : KECCAK256_EMPTY,
      },
      code: withCode ? CODE : undefined,
      storageCleared: rand() < 0.05,
      storage,
    })
  }
  return { accounts }
}
