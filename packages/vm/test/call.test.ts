import { hexToBytes } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { executeCall, executeSystemCall, MemoryState, SYSTEM_ADDRESS } from '../src/index.js'
import { block, CONTRACT, returnedWord, SENDER } from './helpers.js'

describe('executeCall and executeSystemCall', () => {
  it('executeCall runs from an unfunded account at gas price 0 and honours state overrides', () => {
    const state = new MemoryState()
    // returns SLOAD(0)
    state.set(CONTRACT, { code: hexToBytes('0x5f545f5260205ff3') })
    const r = executeCall({ state, block: block(), from: SENDER, to: CONTRACT })
    expect(r.status).toBe('success')
    expect(returnedWord(r)).toBe(0n)
    const o = executeCall({
      state,
      block: block(),
      from: SENDER,
      to: CONTRACT,
      stateOverrides: { [CONTRACT]: { stateDiff: new Map([[0n, 7n]]) } },
    })
    expect(returnedWord(o)).toBe(7n)
  })

  it('executeSystemCall writes storage without touching the system address', () => {
    const state = new MemoryState()
    // SSTORE(0, CALLER)
    state.set(CONTRACT, { code: hexToBytes('0x335f5500') })
    const r = executeSystemCall({ state, block: block(), to: CONTRACT, data: new Uint8Array() })
    expect(r.status).toBe('success')
    expect(r.diff.accounts.get(CONTRACT)!.storage.get(0n)).toBe(BigInt(SYSTEM_ADDRESS))
    expect(r.diff.accounts.has(SYSTEM_ADDRESS)).toBe(false)
  })
})
