import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { open } from 'lmdb'
import { afterEach, describe, expect, it } from 'vitest'
import { createNode, type Node } from '../node/create-node.js'
import { CHAIN_STORE_FORMAT, ChainStore, ChainStoreError } from './chain-store.js'

const dirs: string[] = []
let node: Node | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'metis-chainstore-'))
  dirs.push(d)
  return d
}

// Deploys a contract that emits a log in its constructor (LOG1 with topic 0x2a), so the receipt has
// a log, a bloom and a contract address.
const LOGGING_INITCODE = '0x602a600052602a60206000a1600080f3'

describe('ChainStore on-disk format', () => {
  it('reads back mined transactions and receipts exactly as served before a restart', async () => {
    const dataDir = tempDir()
    node = createNode({ dataDir })
    const from = node.accounts[0]!.address
    const hashes = [
      (await node.request({
        method: 'eth_sendTransaction',
        params: [{ from, to: node.accounts[1]!.address, value: '0x1', gas: '0x5208' }],
      })) as string,
      (await node.request({
        method: 'eth_sendTransaction',
        params: [{ from, data: LOGGING_INITCODE, gas: '0x30000' }],
      })) as string,
    ]
    const ask = (n: Node, method: string, hash: string) => n.request({ method, params: [hash] })
    const before = []
    for (const h of hashes)
      before.push([
        await ask(node, 'eth_getTransactionByHash', h),
        await ask(node, 'eth_getTransactionReceipt', h),
      ])
    const receipt = before[1]![1] as { logs: unknown[]; logsBloom: string }
    expect(receipt.logs).toHaveLength(1)
    expect(receipt.logsBloom).not.toBe(`0x${'00'.repeat(256)}`)
    await node.close()
    // A fresh process has no recent-transaction cache: everything comes from the stored records.
    node = createNode({ dataDir })
    for (let i = 0; i < hashes.length; i++) {
      expect(await ask(node, 'eth_getTransactionByHash', hashes[i]!)).toEqual(before[i]![0])
      expect(await ask(node, 'eth_getTransactionReceipt', hashes[i]!)).toEqual(before[i]![1])
    }
  })

  it('refuses a store written by an older or a newer format with a clear error', () => {
    for (const format of [undefined, CHAIN_STORE_FORMAT + 1]) {
      const dir = tempDir()
      const env = open({ path: dir, maxDbs: 8 })
      const meta = env.openDB({ name: 'meta' })
      meta.putSync('head', 0)
      if (format !== undefined) meta.putSync('format', format)
      env.close()
      let error: unknown
      try {
        new ChainStore(dir).close()
      } catch (err) {
        error = err
      }
      expect(error).toBeInstanceOf(ChainStoreError)
      expect((error as Error).message).toContain(
        format === undefined ? 'an older version' : 'a newer version',
      )
    }
  })
})
