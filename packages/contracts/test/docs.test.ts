import { readFileSync } from 'node:fs'
import type { Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import { artifacts } from '../src/index.js'

// docs/contracts has one page per contract: purpose, roles, a Mermaid lifecycle and a function
// table naming every ABI function — checked here so the pages cannot drift from the ABIs.
const PAGES: Record<string, (keyof typeof artifacts)[]> = {
  DataAnchoringToken: ['DataAnchoringToken'],
  DataRegistry: ['DataRegistry'],
  VerifiedComputing: ['VerifiedComputing', 'SignerSetVerifier'],
  AISettlement: ['AISettlement'],
  IDAO: ['IDAO', 'IDAOFactory'],
  StakeHub: ['StakeHub'],
}

describe('contract docs', () => {
  it.each(Object.entries(PAGES))('docs/contracts/%s.md covers its contracts', (page, contracts) => {
    const doc = readFileSync(new URL(`../../../docs/contracts/${page}.md`, import.meta.url), 'utf8')
    expect(doc).toMatch(/^## Purpose$/m)
    expect(doc).toMatch(/^## Roles$/m)
    expect(doc).toMatch(/^## Lifecycle$/m)
    expect(doc).toMatch(/^## Functions/m)
    expect(doc).toMatch(/```mermaid\n/)
    expect(doc).toMatch(/^\|.*\|$/m)
    const missing = contracts.flatMap((c) =>
      (artifacts[c].abi as Abi)
        .filter((x) => x.type === 'function' && !new RegExp(`\\b${x.name}\\b`).test(doc))
        .map((x) => `${c}.${(x as { name: string }).name}`),
    )
    expect(missing).toEqual([])
  })
})
