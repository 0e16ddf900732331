import { fixtureId, listJsonFiles, locateFixtures, readJson } from '@metis-sdk/conformance'
import type { Address, Hash, Hex } from '@metis-sdk/primitives'
import { hexToBytes, KECCAK256_EMPTY, keccak256Hex, stateRoot } from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../internal/test-utils.js'
import { openStateDB } from './openStateDB.js'
import type { GenesisAlloc } from './types.js'

type Pre = Record<string, { balance: string; nonce: string; code: Hex; storage: Record<Hex, Hex> }>
const loc = locateFixtures('GeneralStateTests')

describe.skipIf(!loc.available)('GeneralStateTests pre-states', () => {
  it('loading every pre-state yields the same root as primitives stateRoot() and as a from-scratch rebuild', () => {
    const files = listJsonFiles(loc.path)
    expect(files.length).toBeGreaterThan(2000)
    const dir = tempDir()
    // One environment, one version per pre-state (loadState replaces the whole state each time).
    const db = openStateDB({ path: dir.path, noSync: true, historyVersions: 2 })
    const impl = db as unknown as { computeRootFromScratch(): Hash; pruneNow(): void }
    let checked = 0
    const failures: string[] = []
    for (const file of files) {
      const json = readJson<Record<string, { pre: Pre }>>(file)
      for (const [name, test] of Object.entries(json)) {
        const pre = test.pre
        const expected = stateRoot(
          Object.entries(pre).map(([address, a]) => ({
            address: address.toLowerCase() as Address,
            nonce: BigInt(a.nonce),
            balance: BigInt(a.balance),
            codeHash: a.code && a.code !== '0x' ? keccak256Hex(hexToBytes(a.code)) : KECCAK256_EMPTY,
            storage: Object.entries(a.storage ?? {}).map(([k, v]) => [BigInt(k), BigInt(v)] as const),
          })),
        )
        const { stateRoot: got } = db.loadState(pre as unknown as GenesisAlloc)
        const scratch = impl.computeRootFromScratch()
        if (got !== expected || scratch !== expected)
          failures.push(
            `${fixtureId(loc.path, file)}#${name}: incremental ${got}, scratch ${scratch}, expected ${expected}`,
          )
        checked++
      }
    }
    impl.pruneNow()
    db.close()
    dir.cleanup()
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(2000)
  }, 300_000)
})
