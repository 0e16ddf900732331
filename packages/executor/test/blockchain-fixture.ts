import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Address,
  bytesToHex,
  configForTestNetwork,
  decodeBlock,
  type Hash,
  type Hex,
  headerHash,
  isForkAtLeast,
} from '@metis-sdk/primitives'
import { type MetisDB, openStateDB } from '@metis-sdk/statedb'
import { importBlock } from '../src/block/import-block.js'
import type { ParentHeader } from '../src/block/validate-header.js'
import type { Executor } from '../src/executor.js'
import type { ExecutableBlock, TxExecutor } from '../src/types.js'

/** One BlockchainTests case as the fixture JSON spells it. */
export type BlockchainTest = {
  network: string
  genesisRLP: Hex
  genesisBlockHeader: { hash: Hash; stateRoot: Hash }
  pre: Record<Address, { balance: Hex; nonce: Hex; code: Hex; storage: Record<Hex, Hex> }>
  postState?: Record<Address, { balance: Hex; nonce: Hex; code: Hex; storage: Record<Hex, Hex> }>
  postStateHash?: Hash
  lastblockhash: Hash
  blocks: { rlp: Hex; expectException?: string; blockHeader?: { hash: Hash } }[]
}

/** Networks this runner covers (Shanghai and later, plus transitions into them). */
export function supportedNetwork(network: string): boolean {
  try {
    const config = configForTestNetwork(network)
    const last = config.forks[config.forks.length - 1]!.fork
    return isForkAtLeast(last, 'Shanghai') && !isForkAtLeast(last, 'Osaka')
  } catch {
    return false
  }
}

export type CaseOutcome = { ok: true } | { ok: false; reason: string }

type Known = { header: ParentHeader; block?: ExecutableBlock | undefined }

/**
 * Imports a BlockchainTests chain block by block from its genesis into a fresh MetisDB and checks
 * that valid blocks import, `expectException` blocks are rejected, the head is `lastblockhash`
 * and the head state equals `postState`.
 */
export async function runBlockchainTest(
  t: BlockchainTest,
  vm: TxExecutor,
  executor?: Executor,
  onBlock?: (mode: string) => void,
): Promise<CaseOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'metis-bt-'))
  let db: MetisDB | undefined
  try {
    db = openStateDB({ path: dir, noSync: true })
    const config = configForTestNetwork(t.network)
    const genesis = decodeBlock(t.genesisRLP)
    const gHash = headerHash(genesis.header)
    if (gHash !== t.genesisBlockHeader.hash)
      return { ok: false, reason: `genesis hash ${gHash} != ${t.genesisBlockHeader.hash}` }
    const g = db.importGenesis(t.pre as never)
    if (g.stateRoot !== genesis.header.stateRoot)
      return { ok: false, reason: `genesis state root ${g.stateRoot} != ${genesis.header.stateRoot}` }
    db.commit({ accounts: new Map() }, { blockNumber: 0n, blockHash: gHash })
    const known = new Map<Hash, Known>([[gHash, { header: { ...genesis.header, hash: gHash } }]])
    // chain[k] = hash of the block whose post-state is db version base + k
    const base = db.latestVersion()
    const chain: Hash[] = [gHash]
    const options = (blockHash: Hash) => ({
      config,
      vm,
      blockHash,
      executor,
      minTransactions: 0,
      contentionFallback: false,
      stateDbPath: executor ? dir : undefined,
    })
    const moveHeadTo = async (target: Hash) => {
      if (chain[chain.length - 1] === target) return
      const path: Known[] = []
      let h: Hash = target
      while (!chain.includes(h)) {
        const k = known.get(h)!
        path.unshift(k)
        h = k.header.parentHash
      }
      const keep = chain.indexOf(h)
      db!.revertTo(base + BigInt(keep))
      chain.length = keep + 1
      for (const k of path) {
        await importBlock(db!, k.block!, known.get(k.header.parentHash)!.header, options(k.header.hash))
        chain.push(k.header.hash)
      }
    }
    for (const [n, b] of t.blocks.entries()) {
      let error: unknown
      try {
        const decoded = decodeBlock(b.rlp)
        const hash = headerHash(decoded.header)
        const parent = known.get(decoded.header.parentHash)
        if (!parent) throw new Error('unknown parent')
        await moveHeadTo(parent.header.hash)
        const block: ExecutableBlock = {
          header: decoded.header,
          transactions: decoded.transactions,
          withdrawals: decoded.withdrawals,
          ommers: decoded.ommers,
        }
        await importBlock(db, block, parent.header, options(hash))
        if (executor) onBlock?.(executor.lastReport?.fallbackReason ?? executor.lastReport?.mode ?? 'unknown')
        chain.push(hash)
        known.set(hash, { header: { ...decoded.header, hash }, block })
      } catch (err) {
        error = err
      }
      if (b.expectException && error === undefined)
        return { ok: false, reason: `block ${n} imported but expected ${b.expectException}` }
      if (!b.expectException && error !== undefined)
        return { ok: false, reason: `block ${n} rejected: ${(error as Error).message?.split('\n')[0]}` }
    }
    await moveHeadTo(t.lastblockhash)
    const reader = db.reader()
    const headRoot = db.stateRoot()
    if (t.postStateHash && headRoot !== t.postStateHash)
      return { ok: false, reason: `post state root ${headRoot} != ${t.postStateHash}` }
    for (const [address, want] of Object.entries(t.postState ?? {})) {
      const a = address.toLowerCase() as Address
      const got = reader.getAccount(a)
      if (!got) return { ok: false, reason: `${a} missing from post state` }
      if (got.balance !== BigInt(want.balance))
        return { ok: false, reason: `${a} balance ${got.balance} != ${BigInt(want.balance)}` }
      if (got.nonce !== BigInt(want.nonce))
        return { ok: false, reason: `${a} nonce ${got.nonce} != ${BigInt(want.nonce)}` }
      if (bytesToHex(reader.getCode(got.codeHash)) !== want.code.toLowerCase())
        return { ok: false, reason: `${a} code differs` }
      for (const [slot, value] of Object.entries(want.storage))
        if (reader.getStorage(a, BigInt(slot)) !== BigInt(value))
          return {
            ok: false,
            reason: `${a} slot ${slot} ${reader.getStorage(a, BigInt(slot))} != ${BigInt(value)}`,
          }
    }
    return { ok: true }
  } catch (err) {
    return { ok: false, reason: `runner error: ${(err as Error).message?.split('\n')[0]}` }
  } finally {
    db?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
