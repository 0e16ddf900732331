import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script without type declarations
import { compile, staleFiles } from '../scripts/compile.mjs'
import { artifacts } from '../src/index.js'

describe('compiled artifacts', () => {
  it('are reproducible from the Solidity sources (recompiles with the pinned solc)', () => {
    const { files } = compile() as { files: Map<string, string> }
    expect(files.size).toBeGreaterThan(10)
    expect(staleFiles(files)).toEqual([])
  }, 240_000)

  it('fit the EIP-170 code size limit', () => {
    for (const [name, a] of Object.entries(artifacts)) {
      expect((a.deployedBytecode.length - 2) / 2, name).toBeLessThanOrEqual(24_576)
    }
  })
})
