// The README example, executed so the documentation cannot drift from the code.
import { KECCAK256_EMPTY } from '@metis-sdk/primitives'
import { expect, it } from 'vitest'
import { openStateDB, verifyProof } from '../src/index.js'
import { tempDir } from './internal/test-utils.js'

it('README example runs', () => {
  const dir = tempDir()
  // --- README example start
  const db = openStateDB({ path: dir.path })
  const alice = '0x00000000000000000000000000000000000000aa'
  db.importGenesis({ [alice]: { balance: '0x64' } }) // version 0

  const { version, stateRoot } = db.commit({
    accounts: new Map([
      [
        alice,
        {
          account: { nonce: 1n, balance: 58n, codeHash: KECCAK256_EMPTY },
          storageCleared: false,
          storage: new Map([[0n, 42n]]),
        },
      ],
    ]),
  })
  const balanceNow = db.reader().getAccount(alice)?.balance // 58n (latest version)
  const balanceBefore = db.reader(0n).getAccount(alice)?.balance // 100n (history: genesis)
  const proof = db.getProof(alice, ['0x0000000000000000000000000000000000000000000000000000000000000000'])
  const proven = verifyProof(stateRoot, proof)
  db.close()
  // --- README example end
  expect(version).toBe(1n)
  expect(balanceNow).toBe(58n)
  expect(balanceBefore).toBe(100n)
  expect(proven.account?.nonce).toBe(1n)
  expect([...proven.storage.values()]).toEqual([42n])
  dir.cleanup()
})
