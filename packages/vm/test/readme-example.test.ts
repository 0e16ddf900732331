import { expect, it } from 'vitest'

it('README example runs', async () => {
  // --- README example (keep in sync with README.md) ---
  const { executeTransaction, MemoryState } = await import('@metis-sdk/vm')
  const { hexToBytes } = await import('@metis-sdk/primitives')

  const state = new MemoryState() // any synchronous StateReader works (e.g. a MetisDB reader)
  state.set('0x00000000000000000000000000000000000a11ce', { balance: 10n ** 18n })
  // returns 1 + 2 as a 32-byte word
  state.set('0x000000000000000000000000000000000000c0de', {
    code: hexToBytes('0x600160020160005260206000f3'),
  })

  const result = executeTransaction({
    state,
    sender: '0x00000000000000000000000000000000000a11ce',
    block: {
      number: 1n,
      timestamp: 1n,
      gasLimit: 30_000_000n,
      baseFee: 7n,
      difficulty: 0n,
      chainId: 1n,
      coinbase: '0x0000000000000000000000000000000000000000',
      prevRandao: '0x0000000000000000000000000000000000000000000000000000000000000000',
      fork: 'Prague',
    },
    tx: {
      type: 2,
      chainId: 1n,
      nonce: 0n,
      maxFeePerGas: 10n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 100_000n,
      to: '0x000000000000000000000000000000000000c0de',
      value: 0n,
      data: new Uint8Array(),
      accessList: [],
      yParity: 0,
      r: 1n,
      s: 1n,
    },
  })
  console.log(result.status, result.gasUsed, result.output) // success 21024n Uint8Array(32) [..., 3]
  state.commit(result.diff) // or hand result.diff to a StateDB / the executor
  // --- end README example ---
  expect(result.status).toBe('success')
  expect(result.gasUsed).toBe(21024n)
  expect(result.output[31]).toBe(3)
  expect(state.getAccount('0x00000000000000000000000000000000000a11ce')!.nonce).toBe(1n)
})
