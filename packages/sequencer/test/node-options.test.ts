import * as metisVm from '@metis-sdk/vm'
import { describe, expect, it } from 'vitest'
import { createNode, NodeOptionsError } from '../src/index.js'

describe('createNode options', () => {
  it('refuses a custom vm with workers but no vmModule (the threads of a block would disagree)', () => {
    const custom = { ...metisVm }
    expect(() => createNode({ workers: 1, vm: custom })).toThrow(NodeOptionsError)
    expect(() => createNode({ workers: 1, vm: custom })).toThrow(/needs `vmModule`/)
  })

  it('accepts a custom vm without workers, or with workers and a vmModule', async () => {
    for (const options of [
      { vm: { ...metisVm } },
      { workers: 1, vm: { ...metisVm }, vmModule: '@metis-sdk/vm' },
    ]) {
      const node = createNode(options)
      expect(await node.request({ method: 'eth_blockNumber' })).toBe('0x0')
      await node.close()
    }
  })
})
