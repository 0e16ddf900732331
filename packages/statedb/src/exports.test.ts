import { expect, it } from 'vitest'
import * as api from './index.js'

it('public surface is deliberate', () => {
  expect(Object.keys(api).sort()).toEqual([
    'InvalidProofError',
    'InvalidStateDiffError',
    'StateDBCorruptError',
    'StateDBFormatError',
    'StateDBOpenError',
    'StateDBReadOnlyError',
    'StateVersionUnavailableError',
    'UnknownCodeError',
    'openStateDB',
    'verifyProof',
  ])
})
