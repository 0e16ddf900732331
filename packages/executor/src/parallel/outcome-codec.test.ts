import type { TxResult } from '@metis-sdk/primitives'
import { createMemoryState } from '@metis-sdk/primitives'
import * as vm from '@metis-sdk/vm'
import { describe, expect, it } from 'vitest'
import { adversarialBlock, config, genesis } from '../../test/evm-workload.mjs'
import { executeBlockSequential } from '../block/execute-block.js'
import { ReceiptBloomer } from '../block/receipt-bloom.js'
import type { TxExecutor } from '../types.js'
import { decodeOutcomes, encodeOutcomes } from './outcome-codec.js'
import type { ShippedOutcome } from './protocol.js'

/** Encodes, structured-clones with the byte buffer transferred (as a worker posts it), decodes. */
function roundTrip(batch: [number, ShippedOutcome][]): [number, ShippedOutcome][] {
  const encoded = encodeOutcomes(batch)
  return decodeOutcomes(structuredClone(encoded, { transfer: [encoded.bytes.buffer as ArrayBuffer] }))
}

describe('outcome codec', () => {
  it('round-trips every outcome of adversarial EVM blocks (creates, self-destructs, reverts, halts, 7702)', () => {
    const bloomer = new ReceiptBloomer()
    const statuses = new Set<string>()
    let withCode = 0
    for (const seed of [1, 2, 3]) {
      const state = createMemoryState(genesis({ coinbaseBalance: seed === 1 ? 10n ** 18n : 0n }))
      const block = adversarialBlock(seed, 80, 1n, state, { coinbaseSends: seed === 1 })
      const { txResults } = executeBlockSequential(state, block, { config, vm: vm as unknown as TxExecutor })
      const batch: [number, ShippedOutcome][] = txResults.map((result, i) => [
        i,
        {
          inc: i % 3,
          result,
          deltas: i % 2 === 0 ? [] : [[`0x${'cb'.repeat(20)}`, BigInt(i) * 10n ** 18n]],
          bloomBits: bloomer.bits(result.logs),
        },
      ])
      for (const r of txResults) {
        statuses.add(r.haltReason ?? r.status)
        for (const c of r.diff.accounts.values()) {
          if (c.code !== undefined) withCode++
        }
      }
      expect(roundTrip(batch)).toEqual(batch)
    }
    // The blocks really exercise the optional parts of the format.
    expect(statuses.size).toBeGreaterThan(2)
    expect(withCode).toBeGreaterThan(0)
  })

  it('carries deleted accounts, outcomes without a result, with tracking sets or without bloom bits', () => {
    const result: TxResult = {
      status: 'success',
      haltReason: undefined,
      gasUsed: 21000n,
      gasRefunded: 0n,
      output: new Uint8Array(0),
      logs: [],
      createdAddress: undefined,
      blobGasUsed: 0n,
      diff: {
        accounts: new Map(),
        reads: [{ kind: 'account', address: `0x${'11'.repeat(20)}` }],
      },
    }
    const batch: [number, ShippedOutcome][] = [
      [0, { inc: 0, error: { name: 'InvalidTransactionError', message: 'nonce too low' }, deltas: [] }],
      [1, { inc: 2, result, deltas: [] }],
      [2, { inc: 1, result: { ...result, diff: { accounts: new Map() } }, deltas: [] }],
      [
        3,
        {
          inc: 0,
          result: {
            ...result,
            diff: {
              accounts: new Map([
                [
                  `0x${'22'.repeat(20)}` as const,
                  { account: undefined, storageCleared: true, storage: new Map<bigint, bigint>() },
                ],
              ]),
            },
          },
          deltas: [],
          bloomBits: new Uint16Array([7, 300, 2047]),
        },
      ],
    ]
    const back = roundTrip(batch)
    expect(new Map(back)).toEqual(new Map(batch))
    expect(back.find(([i]) => i === 2)![1].bloomBits).toBeUndefined()
  })

  it('an empty batch is an empty batch', () => {
    expect(roundTrip([])).toEqual([])
  })
})
