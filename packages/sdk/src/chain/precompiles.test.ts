import { existsSync } from 'node:fs'
import { hexToString, stringToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { CreateChainOptionsError, createChain } from './create-chain.js'
import { createMemoryClient } from './memory-client.js'
import { AI_INFERENCE_ADDRESS, aiInferencePrecompile, withPrecompiles } from './precompiles.js'

const handler = (prompt: string) => `echo: ${prompt}`
const precompiles = { [AI_INFERENCE_ADDRESS]: aiInferencePrecompile(handler) }
// 'hello world' = 11 bytes = 3 tokens; 'echo: hello world' = 17 bytes = 5 tokens; 100 gas each.
const PROMPT = 'hello world'
const INFERENCE_GAS = 800n
const calldataGas = (s: string) => BigInt(new TextEncoder().encode(s).length) * 16n

describe('AI inference precompile', () => {
  it('maps a UTF-8 prompt to a UTF-8 completion at 100 gas per token', () => {
    const pre = aiInferencePrecompile(handler)
    const r = pre(new TextEncoder().encode(PROMPT), 10_000)
    expect(r.ok && new TextDecoder().decode(r.output)).toBe('echo: hello world')
    expect(r.gasUsed).toBe(Number(INFERENCE_GAS))
    expect(pre(new TextEncoder().encode(PROMPT), 799)).toMatchObject({ ok: false, error: 'OutOfGas' })
    expect(pre(new Uint8Array([0xff, 0xfe]), 10_000)).toMatchObject({ ok: false, error: 'InvalidUtf8' })
    const throwing = aiInferencePrecompile(() => {
      throw new Error('model missing')
    })
    expect(throwing(new Uint8Array([0x61]), 10_000)).toMatchObject({ ok: false, gasUsed: 10_000 })
    const counted = aiInferencePrecompile(() => ({ text: 'x', tokens: 7 }))
    expect(counted(new Uint8Array([0x61]), 10_000).gasUsed).toBe(800) // 1 prompt token + 7
  })
})

describe('createChain({ precompiles })', () => {
  it('serves the precompile to eth_call, eth_estimateGas and transactions', async () => {
    const chain = createChain({ precompiles })
    try {
      const client = createMemoryClient(chain)
      const { data } = await client.call({ to: AI_INFERENCE_ADDRESS, data: stringToHex(PROMPT) })
      expect(hexToString(data!)).toBe('echo: hello world')
      const gas = await client.estimateGas({ to: AI_INFERENCE_ADDRESS, data: stringToHex(PROMPT) })
      // estimateGas may add a margin; the receipt has the exact cost.
      expect(gas).toBeGreaterThanOrEqual(21_000n + calldataGas(PROMPT) + INFERENCE_GAS)
      const hash = await client.sendTransaction({ to: AI_INFERENCE_ADDRESS, data: stringToHex(PROMPT) })
      const receipt = await client.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
      expect(receipt.gasUsed).toBe(21_000n + calldataGas(PROMPT) + INFERENCE_GAS)
    } finally {
      await chain.close()
    }
  })

  it('has nothing at 0x…0999 when the feature is not configured (zero cost)', async () => {
    const chain = createChain()
    try {
      const client = createMemoryClient(chain)
      const { data } = await client.call({ to: AI_INFERENCE_ADDRESS, data: stringToHex(PROMPT) })
      expect(data).toBeUndefined()
    } finally {
      await chain.close()
    }
  })

  it('rejects bad precompile options with a typed error', () => {
    expect(() =>
      createChain({ precompiles: { '0x0000000000000000000000000000000000000001': (() => 0) as never } }),
    ).toThrow(CreateChainOptionsError)
    expect(() => createChain({ precompiles: { '0x99': aiInferencePrecompile(handler) } as never })).toThrow(
      /not a 20-byte hex address/,
    )
  })

  it('refuses precompiles on a parallel executor without a worker VM module', () => {
    expect(() => createChain({ precompiles, executor: { kind: 'parallel', workers: 2 } })).toThrow(
      CreateChainOptionsError,
    )
    expect(() => createChain({ precompiles, executor: { kind: 'parallel', workers: 2 } })).toThrow(/vmModule/)
    expect(() =>
      createChain({ vm: withPrecompiles(precompiles), executor: { kind: 'parallel', workers: 2 } }),
    ).toThrow(/worker threads/)
  })

  // The workers load the built packages (dist), like every executor worker test.
  const built = existsSync(new URL('../../dist/index.js', import.meta.url))
  it.runIf(built)('runs the precompile on Block-STM workers loaded from executor.vmModule', async () => {
    const vmModule = new URL('../../test/fixtures/ai-inference-vm.mjs', import.meta.url).href
    const chain = createChain({
      precompiles,
      executor: { kind: 'parallel', workers: 2, vmModule },
      sequencer: { mining: { mode: 'manual' } },
    })
    try {
      // 20 transactions from 10 senders: above the executor's small-block threshold (16).
      const clients = Array.from({ length: 10 }, (_, i) => createMemoryClient(chain, { accountIndex: i }))
      const hashes: `0x${string}`[] = []
      for (const nonce of [0, 1])
        for (const [i, c] of clients.entries())
          hashes.push(
            await c.sendTransaction({
              to: AI_INFERENCE_ADDRESS,
              data: stringToHex(`${PROMPT} ${i}`),
              gas: 100_000n,
              nonce,
            }),
          )
      await chain.request({ method: 'evm_mine' })
      expect((await clients[0]!.getBlock()).transactions.length).toBe(20)
      // The node keeps its executor private; the report says whether the workers really ran.
      type Internals = {
        node: { executor?: { lastReport?: { mode: string; fallbackReason?: string; error?: unknown } } }
      }
      const report = (chain as unknown as Internals).node.executor?.lastReport
      expect(report?.error).toBeUndefined()
      expect(report?.mode).toBe('parallel')
      for (const hash of hashes) {
        const r = await clients[0]!.getTransactionReceipt({ hash })
        expect(r.status).toBe('success')
        // 'hello world N' = 13 bytes = 4 tokens; 'echo: hello world N' = 19 bytes = 5 tokens
        expect(r.gasUsed).toBe(21_000n + calldataGas(`${PROMPT} 0`) + 900n)
      }
    } finally {
      await chain.close()
    }
  })
})
