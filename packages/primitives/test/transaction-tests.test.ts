// ethereum/tests TransactionTests: every file, every fork in `result`.
// Valid cases: decoded sender and hash (and intrinsic gas) must match; invalid cases (`exception`)
// must make decode, validate or sender recovery throw a typed (BaseError) error.
import { fileURLToPath } from 'node:url'
import { listJsonFiles, loadKnownFailures, locateFixtures, readJson } from '@metis-sdk/conformance'
import {
  BaseError,
  bytesToHex,
  decodeTransaction,
  decodeTransactionFromBlockItem,
  encodeTransaction,
  type Hardfork,
  hexToBytes,
  intrinsicGas,
  normalizeHardfork,
  privateKeyToAddress,
  type RlpItem,
  recoverSender,
  rlpDecode,
  transactionHash,
  validateTransaction,
} from '@metis-sdk/primitives'
import { describe, expect, it } from 'vitest'

type ForkResult = { exception?: string; hash?: string; sender?: string; intrinsicGas?: string }
type Case = { txbytes: string; result: Record<string, ForkResult> }

const fixtures = locateFixtures('TransactionTests')
const known = loadKnownFailures(fileURLToPath(new URL('../known-failures.json', import.meta.url)))
const CHAIN_ID = 1n // TransactionTests are signed for mainnet

// Which of our error classes may report each fixture exception. Groups, not single classes, because
// a transaction broken in two ways may be rejected by whichever check runs first (e.g. a blob type
// before Cancun with an overflowing fee: "type not supported" there, a decoding error here).
const DECODE = ['TransactionDecodingError', 'TransactionFieldOutOfRangeError']
const SIGNATURE = [
  'InvalidTransactionSignatureError',
  'TransactionChainIdMismatchError',
  'TransactionFieldOutOfRangeError',
]
function expectedErrors(exception: string): string[] | undefined {
  const name = exception.replace(/^TransactionException\./, '')
  if (name.startsWith('RLP_') || name.startsWith('ADDRESS_TOO_')) return DECODE
  if (name === 'TYPE_NOT_SUPPORTED') return ['TransactionTypeNotSupportedError', ...DECODE]
  if (name.endsWith('_OVERFLOW') || name === 'NONCE_TOO_BIG') return DECODE
  if (name === 'INVALID_SIGNATURE_VRS' || name === 'EC_RECOVERY_FAIL' || name === 'INVALID_CHAINID')
    return SIGNATURE
  if (name === 'INTRINSIC_GAS_TOO_LOW') return ['IntrinsicGasTooLowError']
  if (name.startsWith('PRIORITY_GREATER_THAN_MAX_FEE')) return ['TipAboveFeeCapError']
  if (name === 'INITCODE_SIZE_EXCEEDED') return ['InitcodeSizeExceededError']
  return undefined // an exception name new to us: any typed error is accepted
}

type Outcome = { ok: true; sender: string; hash: string } | { ok: false; error: unknown }

function run(raw: string, fork: Hardfork): Outcome {
  try {
    const tx = decodeTransaction(raw as `0x${string}`)
    const sender = recoverSender(tx)
    validateTransaction(tx, { fork, chainId: CHAIN_ID })
    return { ok: true, sender, hash: transactionHash(tx) }
  } catch (error) {
    return { ok: false, error }
  }
}

/** Returns undefined when the case passes, else a one-line failure description. */
function check(c: Case, fork: Hardfork, r: ForkResult): string | undefined {
  const out = run(c.txbytes, fork)
  if (r.exception !== undefined) {
    if (out.ok) return `expected ${r.exception}, but the transaction was accepted`
    if (!(out.error instanceof BaseError)) return `expected a typed error, got ${String(out.error)}`
    const allowed = expectedErrors(r.exception)
    if (allowed && !allowed.includes(out.error.name))
      return `expected ${r.exception}, got ${out.error.name}: ${out.error.shortMessage}`
    return undefined
  }
  if (!out.ok)
    return `unexpected error: ${out.error instanceof Error ? out.error.message.split('\n')[0] : String(out.error)}`
  if (out.sender !== r.sender?.toLowerCase()) return `sender ${out.sender} != ${r.sender}`
  if (out.hash !== r.hash?.toLowerCase()) return `hash ${out.hash} != ${r.hash}`
  if (r.intrinsicGas !== undefined) {
    const tx = decodeTransaction(c.txbytes as `0x${string}`)
    const gas = intrinsicGas(tx as Parameters<typeof intrinsicGas>[0], fork)
    if (gas !== BigInt(r.intrinsicGas)) return `intrinsicGas ${gas} != ${BigInt(r.intrinsicGas)}`
  }
  return undefined
}

describe.skipIf(!fixtures.available)('TransactionTests', () => {
  if (!fixtures.available) return
  const root = fixtures.path
  const files = listJsonFiles(root)
  const unknownForks = new Map<string, number>()
  const totals = { valid: 0, invalid: 0 }

  for (const file of files) {
    const rel = file.slice(root.length + 1).replace(/\.json$/, '')
    it(rel, () => {
      const cases = readJson<Record<string, Case>>(file)
      const failures: string[] = []
      let checked = 0
      for (const [name, c] of Object.entries(cases)) {
        for (const [forkName, r] of Object.entries(c.result)) {
          const fork = normalizeHardfork(forkName)
          if (!fork) {
            unknownForks.set(forkName, (unknownForks.get(forkName) ?? 0) + 1)
            continue
          }
          const id = `TransactionTests/${rel}/${name}/${forkName}`
          const failure = check(c, fork, r)
          checked++
          totals[r.exception === undefined ? 'valid' : 'invalid']++
          if (known.has(id)) {
            // A known failure that now passes must be removed from the list.
            expect(failure, `${id} is listed in known-failures.json but passes`).toBeDefined()
            continue
          }
          if (failure) failures.push(`${id}: ${failure}`)
        }
      }
      expect(failures).toEqual([])
      expect(checked).toBeGreaterThan(0)
    })
  }

  it('skips no fork silently', () => {
    console.info(
      `[TransactionTests] ${files.length} files: ${totals.valid} valid and ${totals.invalid} invalid fork cases checked`,
    )
    if (unknownForks.size > 0)
      console.warn(
        `[TransactionTests] skipped forks unknown to HARDFORKS: ${[...unknownForks].map(([f, n]) => `${f} (${n} cases)`).join(', ')}`,
      )
    // Every fork named in today's fixtures is known; a new one must be added to HARDFORKS.
    expect([...unknownForks.keys()]).toEqual([])
  })
})

// The same codec over every transaction embedded in the state and blockchain tests: they are the
// only fixtures with blob (0x03) transactions, and far more numerous. Valid ones must decode,
// re-encode to the same bytes, recover the fixture's sender and pass static validation; ones whose
// expected exception is static (intrinsic gas, blob rules, …) must be rejected by decode/validate.
const STATIC_EXCEPTIONS = new Set([
  'INTRINSIC_GAS_TOO_LOW',
  'INITCODE_SIZE_EXCEEDED',
  'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH',
  'TYPE_3_TX_PRE_FORK',
  'TYPE_3_TX_ZERO_BLOBS',
  'TYPE_3_TX_BLOB_COUNT_EXCEEDED',
  'TYPE_3_TX_CONTRACT_CREATION',
  'NONCE_IS_MAX',
  'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS',
  'RLP_INVALID_VALUE',
  'GASLIMIT_PRICE_PRODUCT_OVERFLOW',
])

type StatePost = { txbytes?: string; expectException?: string }
type StateCase = { transaction: { sender?: string; secretKey?: string }; post: Record<string, StatePost[]> }

function checkEmbedded(
  raw: string,
  sender: string,
  fork: Hardfork,
  exception: string | undefined,
): string | undefined {
  const names = exception?.split('|').map((e) => e.replace(/^TransactionException\./, '')) ?? []
  const staticOnly = names.length > 0 && names.every((n) => STATIC_EXCEPTIONS.has(n))
  try {
    const tx = decodeTransaction(raw as `0x${string}`)
    if (bytesToHex(encodeTransaction(tx)) !== raw.toLowerCase()) return 'does not re-encode to the same bytes'
    const from = recoverSender(tx)
    validateTransaction(tx, { fork, chainId: 1n })
    if (staticOnly) return `expected ${exception}, but the transaction was accepted`
    if (from !== sender) return `sender ${from} != ${sender}`
  } catch (err) {
    if (!(err instanceof BaseError)) return `untyped error ${String(err)}`
    if (names.length === 0) return `unexpected error: ${err.shortMessage}`
    if (!staticOnly && !names.some((n) => STATIC_EXCEPTIONS.has(n)))
      return `rejected statically (${err.shortMessage}) but ${exception} needs state`
  }
  return undefined
}

const stateTests = locateFixtures('GeneralStateTests')
describe.skipIf(!stateTests.available)('transactions embedded in GeneralStateTests', () => {
  if (!stateTests.available) return
  const root = stateTests.path
  let total = 0
  const groups = new Map<string, string[]>()
  for (const file of listJsonFiles(root)) {
    const group = file.slice(root.length + 1).split('/')[0]!
    groups.set(group, [...(groups.get(group) ?? []), file])
  }
  for (const [group, files] of groups) {
    it(group, () => {
      const failures: string[] = []
      let checked = 0
      for (const file of files) {
        const rel = file.slice(root.length + 1).replace(/\.json$/, '')
        for (const [name, c] of Object.entries(readJson<Record<string, StateCase>>(file))) {
          const sender =
            c.transaction.sender?.toLowerCase() ??
            (c.transaction.secretKey
              ? privateKeyToAddress(c.transaction.secretKey as `0x${string}`)
              : undefined)
          if (!sender) continue
          for (const [forkName, posts] of Object.entries(c.post)) {
            const fork = normalizeHardfork(forkName)
            if (!fork) continue
            posts.forEach((p, i) => {
              if (!p.txbytes) return
              checked++
              const id = `TransactionTests/GeneralStateTests/${rel}/${name}/${forkName}/${i}`
              const failure = checkEmbedded(p.txbytes, sender, fork, p.expectException)
              if (failure && !known.has(id)) failures.push(`${id}: ${failure}`)
            })
          }
        }
      }
      total += checked
      expect(failures).toEqual([])
      expect(checked).toBeGreaterThan(0)
    })
  }
  it('summary', () => {
    console.info(`[TransactionTests] GeneralStateTests: ${total} embedded transactions checked`)
    expect(total).toBeGreaterThan(0)
  })
})

type ChainTx = { sender?: string; type?: string }
type ChainBlock = { rlp: string; transactions?: ChainTx[]; expectException?: string }
type ChainCase = { network: string; blocks: ChainBlock[] }

const chainTests = locateFixtures('BlockchainTests')
describe.skipIf(!chainTests.available)('transactions in BlockchainTests block bodies', () => {
  if (!chainTests.available) return
  const root = chainTests.path
  it('decode from block items, re-encode and recover the listed sender', () => {
    const failures: string[] = []
    let checked = 0
    for (const file of listJsonFiles(root)) {
      const rel = file.slice(root.length + 1).replace(/\.json$/, '')
      for (const [name, c] of Object.entries(readJson<Record<string, ChainCase>>(file))) {
        const fork = normalizeHardfork(c.network)
        if (!fork) continue
        c.blocks.forEach((b, bi) => {
          if (b.expectException || !b.transactions) return
          const id = `TransactionTests/BlockchainTests/${rel}/${name}/block${bi}`
          if (known.has(id)) return
          try {
            const body = rlpDecode(hexToBytes(b.rlp)) as RlpItem[]
            const items = body[1] as RlpItem[]
            if (items.length !== b.transactions.length) {
              failures.push(`${id}: ${items.length} txs in rlp`)
              return
            }
            items.forEach((item, ti) => {
              checked++
              const tx = decodeTransactionFromBlockItem(item)
              validateTransaction(tx, { fork, chainId: 1n })
              const from = recoverSender(tx)
              // A few fixtures omit `sender`; recovery must still succeed.
              const sender = b.transactions![ti]!.sender?.toLowerCase()
              if (sender !== undefined && from !== sender) failures.push(`${id}/tx${ti}: sender ${from}`)
              const expected = Array.isArray(item) ? bytesToHex(encodeTransaction(tx)) : bytesToHex(item)
              if (bytesToHex(encodeTransaction(tx)) !== expected)
                failures.push(`${id}/tx${ti}: re-encoding differs`)
            })
          } catch (err) {
            failures.push(`${id}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
          }
        })
      }
    }
    console.info(`[TransactionTests] BlockchainTests: ${checked} block-body transactions checked`)
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(0)
  })
})
