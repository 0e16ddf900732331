import { describe, expect, it } from 'vitest'
import { lazaiProofDataHash } from './lazai.js'

describe('lazaiProofDataHash', () => {
  it('matches the LazAI test vector (tuple encoding with the offset word)', () => {
    expect(lazaiProofDataHash({ id: 1n, score: 1n, fileUrl: '', proofUrl: '' })).toBe(
      '0x80c0362916c5c4aebedc89e723e574efcf3b4b7c9b06e43d5e8e04f0bb08158e',
    )
  })
  it('changes with every field', () => {
    const base = lazaiProofDataHash({ id: 1n, score: 1n, fileUrl: '', proofUrl: '' })
    expect(lazaiProofDataHash({ id: 2n, score: 1n, fileUrl: '', proofUrl: '' })).not.toBe(base)
    expect(lazaiProofDataHash({ id: 1n, score: 1n, fileUrl: 'a', proofUrl: '' })).not.toBe(base)
  })
})
