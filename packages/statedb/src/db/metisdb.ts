// MetisDB: flat LMDB tables for the latest state, reverse change sets for history, hash-addressed
// Merkle-Patricia nodes for roots and proofs. One commit = one LMDB write transaction.
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import type { Account, Address, CommitResult, Hash, Hex, StateDiff, StateReader } from '@metis-sdk/primitives'
import { hexToBytes, KECCAK256_EMPTY, keccak256, rlpDecode } from '@metis-sdk/primitives'
import { type Database, open, type RootDatabase } from 'lmdb'
import {
  InvalidStateDiffError,
  StateDBCorruptError,
  StateDBFormatError,
  StateDBOpenError,
  StateDBReadOnlyError,
  StateVersionUnavailableError,
  UnknownCodeError,
} from '../errors/statedb.js'
import {
  be64,
  concat,
  equal,
  parseAddressInto,
  readBe64,
  toBigInt,
  toHex,
  toNibbles,
  writeBe64,
  writeBigInt,
} from '../internal/bytes.js'
import {
  accountAux,
  accountLeaf,
  decodeAccountRecord,
  EMPTY_CODE_HASH,
  encodeAccountRecord,
  recordHasStorage,
  recordStorageRef,
  recordStorageRoot,
  storageLeaf,
  TAG_ACCOUNT,
  TAG_STORAGE,
  withStorageRef,
} from '../internal/codec.js'
import type { AccountProof } from '../proof/types.js'
import { EMPTY_ROOT, Mpt, rootHash } from '../trie/mpt.js'
import { HASH_LEN, LOC_LEN, STUB_LEN } from '../trie/node.js'
import { walkStored } from '../trie/walk.js'
import { allocToDiff, parseSlot } from './genesis.js'
import { chunkKeyOf, NODE_KEY_LEN, NodeChunkWriter, recordInChunk } from './node-chunks.js'
import type { CommitMeta, GenesisAlloc, MetisDB, OpenStateDBOptions } from './types.js'

/**
 * On-disk format version; a database written by another format is refused. 2: trie nodes addressed
 * by location (version ‖ sequence) instead of by hash, account records with the storage root's
 * location. 3: variable-length account records (internal/codec.ts). 4: trie-node records packed into
 * ~4 KB chunks per commit (node-chunks.ts).
 */
export const FORMAT_VERSION = 4
const MAX_U64 = (1n << 64n) - 1n
const MAX_U256 = (1n << 256n) - 1n
const HIST_END = new Uint8Array(8).fill(0xff)
/** Nodes of the account trie kept decoded in memory between commits before the tree is trimmed. */
const MAX_LOADED_NODES = 400_000
/** Change-set entries removed per background pruning step (keeps each write transaction short). */
const PRUNE_CHUNK = 20_000

type Bin = Database<Uint8Array, Uint8Array>
type Tables = {
  meta: Database<unknown, string>
  acct: Bin
  stor: Bin
  code: Bin
  node: Bin
  ver: Bin
  blk: Bin
  chg: Bin
  hidx: Bin
}

/** Version record: stateRoot | blockNumber u64 | hasHash u8 | blockHash | root location (85 bytes). */
const VERSION_RECORD_SIZE = 85
function encodeVersion(root: Uint8Array, blockNumber: number, blockHash: Uint8Array | undefined): Uint8Array {
  const out = new Uint8Array(VERSION_RECORD_SIZE)
  out.set(root.subarray(0, HASH_LEN), 0)
  writeBe64(out, 32, blockNumber)
  if (blockHash) {
    out[40] = 1
    out.set(blockHash, 41)
  }
  if (root.length === STUB_LEN) out.set(root.subarray(HASH_LEN), 73)
  return out
}

/** The root reference (stub, or EMPTY_ROOT) of a version record. */
function versionRootRef(rec: Uint8Array): Uint8Array {
  if (equal(rec.subarray(0, HASH_LEN), EMPTY_ROOT)) return EMPTY_ROOT
  const stub = new Uint8Array(STUB_LEN)
  stub.set(rec.subarray(0, HASH_LEN), 0)
  stub.set(rec.subarray(73, 73 + LOC_LEN), HASH_LEN)
  return stub
}

/** Flat values carry the version that wrote them as an 8-byte suffix. */
function withVersion(value: Uint8Array, v: number): Uint8Array {
  const out = new Uint8Array(value.length + 8)
  out.set(value, 0)
  writeBe64(out, value.length, v)
  return out
}
function stripVersion(raw: Uint8Array): Uint8Array {
  if (raw.length < 8) throw new StateDBCorruptError('Flat state value without a version suffix.')
  return raw.subarray(0, raw.length - 8)
}

/** History value of a key that was absent (shared: LMDB copies values on put). */
const ABSENT = Uint8Array.of(0)
/**
 * History value (`0` absent, `1 ‖ flat value`) of a flat value read with getBinaryFast: copied
 * byte by byte from lmdb-js's reused buffer (its `length` is an own property; `set`/`slice` on it
 * would see the whole buffer or build a Buffer through the species constructor). One allocation per
 * key instead of getBinary's copy plus a prefixed copy (commit profile: both showed up).
 */
function histValue(fast: Uint8Array | undefined): Uint8Array {
  if (fast === undefined) return ABSENT
  const n = fast.length
  const out = new Uint8Array(n + 1)
  out[0] = 1
  for (let i = 0; i < n; i++) out[i + 1] = fast[i]!
  return out
}
function fromPrev(p: Uint8Array): Uint8Array | undefined {
  return p[0] === 0 ? undefined : p.subarray(1)
}

function addressBytes(address: string): Uint8Array {
  let b: Uint8Array
  try {
    b = hexToBytes(address)
  } catch (cause) {
    throw new InvalidStateDiffError(`Invalid address ${String(address).slice(0, 50)}.`, { cause })
  }
  if (b.length !== 20) throw new InvalidStateDiffError(`Invalid address ${address}: expected 20 bytes.`)
  return b
}

function slotBytes(slot: bigint): Uint8Array {
  const out = new Uint8Array(32)
  if (!writeBigInt(out, 0, 32, slot)) throw new InvalidStateDiffError(`Storage slot out of range: ${slot}.`)
  return out
}

function storKey(addr: Uint8Array, slot: Uint8Array): Uint8Array {
  const k = new Uint8Array(52)
  k.set(addr, 0)
  k.set(slot, 20)
  return k
}

function histKey(tag: number, key: Uint8Array, version: number): Uint8Array {
  const k = new Uint8Array(1 + key.length + 8)
  k[0] = tag
  k.set(key, 1)
  writeBe64(k, 1 + key.length, version)
  return k
}

/**
 * The change set of one version, stored as one value (one LMDB put per commit instead of one per
 * key: lmdb-js spends ~2-5 µs per put, measured in the 10k-update profile): `tag | key` entries,
 * appended into one growing buffer as the commit goes.
 */
class ChangeSetBuilder {
  private buf = new Uint8Array(4096)
  private n = 0
  add(tag: number, key: Uint8Array): void {
    const need = this.n + 1 + key.length
    if (need > this.buf.length) {
      const next = new Uint8Array(Math.max(need, this.buf.length * 2))
      next.set(this.buf.subarray(0, this.n))
      this.buf = next
    }
    this.buf[this.n] = tag
    this.buf.set(key, this.n + 1)
    this.n = need
  }
  finish(): Uint8Array {
    return this.buf.subarray(0, this.n)
  }
}

function* changeSetEntries(blob: Uint8Array): Generator<[number, Uint8Array]> {
  let o = 0
  while (o < blob.length) {
    const tag = blob[o]!
    const len = tag === TAG_ACCOUNT ? 20 : tag === TAG_STORAGE ? 52 : -1
    if (len < 0 || o + 1 + len > blob.length) throw new StateDBCorruptError('Malformed change set.')
    yield [tag, blob.subarray(o + 1, o + 1 + len)]
    o += 1 + len
  }
}

function toVersionNumber(v: bigint): number {
  if (typeof v !== 'bigint' || v < -1n || v > BigInt(Number.MAX_SAFE_INTEGER))
    throw new StateVersionUnavailableError(`Invalid version ${String(v)}.`)
  return Number(v)
}

export class MetisDBImpl implements MetisDB {
  private readonly env: RootDatabase
  private readonly t: Tables
  readonly readOnly: boolean
  private closed = false
  private readonly historyVersions: number
  private readonly cacheSize: number
  /** Latest committed version (-1 = empty database). Authoritative in the writer instance only. */
  latest = -1
  private oldest = 0
  private latestRoot: Uint8Array = EMPTY_ROOT
  /** Bumped by revertTo: readers created before it may cache values of versions that no longer exist. */
  generation = 0
  /** Lowest revertTo target so far: readers of versions above it from an older generation are stale. */
  revertFloor = Number.MAX_SAFE_INTEGER
  private acctTrie: Mpt
  // getBinaryFast: the record lands in lmdb-js's reused buffer; every consumer (Mpt.load, walkStored)
  // decodes or copies it before the next LMDB read.
  private readonly nodeKey = new Uint8Array(NODE_KEY_LEN)
  private readonly nodeSource = (loc: Uint8Array): Uint8Array | undefined => {
    if (loc.length !== LOC_LEN) return undefined
    const off = chunkKeyOf(loc, this.nodeKey)
    const chunk = this.t.node.getBinaryFast(this.nodeKey)
    return chunk === undefined ? undefined : recordInChunk(chunk, off)
  }
  // Head-state cache (writer instance): valid for `latest` only, updated write-through by commit.
  private readonly headAccounts = new Map<string, Account | null>()
  private readonly headStorage = new Map<string, Map<bigint, bigint>>()
  private headStorageEntries = 0
  private readonly codeCache = new Map<string, Uint8Array>()
  /**
   * Code hashes known to be in the `code` table (code is never removed): a commit checks each
   * referenced hash once per process instead of one LMDB get per contract account per commit.
   */
  private readonly knownCode = new Set<string>()
  private pruneScheduled: ReturnType<typeof setImmediate> | undefined
  private readonly scratchStor = new Uint8Array(52)
  private readonly scratchAddr = new Uint8Array(20)

  constructor(options: OpenStateDBOptions) {
    const { path } = options
    this.readOnly = options.readOnly === true
    this.historyVersions = Math.max(1, Math.floor(options.historyVersions ?? 128))
    this.cacheSize = Math.max(0, Math.floor(options.cacheSize ?? 100_000))
    if (typeof path !== 'string' || path === '')
      throw new StateDBOpenError('openStateDB needs a data directory path.')
    if (existsSync(path)) {
      if (!statSync(path).isDirectory())
        throw new StateDBOpenError(`State database path is not a directory: ${path}.`, {
          details: 'expected a MetisDB data directory (LMDB environment)',
        })
    } else if (this.readOnly) {
      throw new StateDBOpenError(`State database not found at ${path}.`, {
        details: 'a read-only open needs an existing data directory',
      })
    } else mkdirSync(path, { recursive: true })
    if (this.readOnly && !existsSync(`${path}/data.mdb`))
      throw new StateDBOpenError(`State database not found at ${path}.`, { details: 'data.mdb is missing' })
    checkLmdbHeader(path)
    try {
      this.env = open({
        path,
        maxDbs: 16,
        readOnly: this.readOnly,
        noSync: options.noSync === true,
        // lmdb-js's default overlappingSync finishes a commit's meta-page flush on a background
        // thread: a SIGKILL right after transactionSync returned lost that commit in our crash test.
        // Synchronous commits make "returned" mean "durable".
        overlappingSync: false,
        // A state DB is opened once per process and thread; lmdb-js shares the environment.
        mapSize: 2 ** 36,
      })
      const bin = { encoding: 'binary', keyEncoding: 'binary' } as const
      this.t = {
        meta: this.env.openDB<unknown, string>({ name: 'meta' }),
        acct: this.env.openDB<Uint8Array, Uint8Array>({ name: 'acct', ...bin }),
        stor: this.env.openDB<Uint8Array, Uint8Array>({ name: 'stor', ...bin }),
        code: this.env.openDB<Uint8Array, Uint8Array>({ name: 'code', ...bin }),
        node: this.env.openDB<Uint8Array, Uint8Array>({ name: 'node', ...bin }),
        ver: this.env.openDB<Uint8Array, Uint8Array>({ name: 'ver', ...bin }),
        blk: this.env.openDB<Uint8Array, Uint8Array>({ name: 'blk', ...bin }),
        chg: this.env.openDB<Uint8Array, Uint8Array>({ name: 'chg', ...bin }),
        hidx: this.env.openDB<Uint8Array, Uint8Array>({ name: 'hidx', ...bin }),
      }
    } catch (cause) {
      throw new StateDBOpenError(`Cannot open the state database at ${path}.`, {
        cause,
        details: `not a valid MetisDB/LMDB environment (${cause instanceof Error ? cause.message : String(cause)})`,
      })
    }
    try {
      this.loadMeta()
    } catch (e) {
      this.env.close()
      throw e
    }
    this.acctTrie = new Mpt(this.nodeSource, this.latestRoot)
    if (!this.readOnly) this.schedulePrune()
  }

  private loadMeta(): void {
    let format: unknown
    let latest: unknown
    let oldest: unknown
    try {
      format = this.t.meta.get('format')
      latest = this.t.meta.get('latest')
      oldest = this.t.meta.get('oldest')
    } catch (cause) {
      throw new StateDBCorruptError('Cannot read the state database metadata.', { cause })
    }
    if (format === undefined) {
      const empty =
        this.t.ver.getKeysCount({ limit: 1 }) === 0 && this.t.acct.getKeysCount({ limit: 1 }) === 0
      if (!empty) throw new StateDBCorruptError('State database has data but no format record.')
      if (!this.readOnly) this.t.meta.putSync('format', FORMAT_VERSION)
      return
    }
    if (typeof format !== 'number')
      throw new StateDBCorruptError('State database format record is malformed.')
    if (format > FORMAT_VERSION)
      throw new StateDBFormatError(
        `State database format ${format} is newer than this MetisDB (${FORMAT_VERSION}).`,
        {
          details: 'upgrade @metis-sdk/statedb to open it',
        },
      )
    if (format < FORMAT_VERSION)
      throw new StateDBFormatError(
        `State database format ${format} is older than this MetisDB (${FORMAT_VERSION}).`,
        {
          details:
            'format 1 stored trie nodes by hash, 2 fixed-size account records, 3 one LMDB value per trie node; re-create the state (dumpState with the old version, loadState with this one)',
        },
      )
    if (latest === undefined) return
    if (typeof latest !== 'number' || typeof oldest !== 'number')
      throw new StateDBCorruptError('State database version records are malformed.')
    this.latest = latest
    this.oldest = oldest
    const rec = this.t.ver.getBinary(be64(latest))
    if (rec?.length !== VERSION_RECORD_SIZE)
      throw new StateDBCorruptError(`Version ${latest} has no version record.`)
    this.latestRoot = versionRootRef(rec)
    if (
      this.latestRoot.length === STUB_LEN &&
      this.nodeSource(this.latestRoot.subarray(HASH_LEN)) === undefined
    )
      throw new StateDBCorruptError(`The state root node of version ${latest} is missing.`)
  }

  // ---------------------------------------------------------------- versions

  private refreshLatest(): void {
    // Another process or thread is the writer: read the committed head from its metadata.
    if (!this.readOnly) return
    this.env.resetReadTxn()
    const latest = this.t.meta.get('latest')
    const oldest = this.t.meta.get('oldest')
    if (typeof latest === 'number') this.latest = latest
    if (typeof oldest === 'number') this.oldest = oldest
  }

  latestVersion(): bigint {
    this.assertOpen()
    this.refreshLatest()
    return BigInt(this.latest)
  }

  oldestVersion(): bigint {
    this.assertOpen()
    this.refreshLatest()
    return BigInt(this.latest < 0 ? -1 : this.oldest)
  }

  private versionRecord(v: number): Uint8Array {
    const rec = this.t.ver.getBinary(be64(v))
    if (!rec)
      throw new StateVersionUnavailableError(`Version ${v} does not exist (latest is ${this.latest}).`)
    return rec
  }

  private rootAt(v: number): Uint8Array {
    if (v === -1) return EMPTY_ROOT
    return this.versionRecord(v).subarray(0, 32)
  }

  /** The root reference (stub hash ‖ location, or EMPTY_ROOT) of version `v`. */
  private rootRefAt(v: number): Uint8Array {
    if (v === -1) return EMPTY_ROOT
    return versionRootRef(this.versionRecord(v))
  }

  stateRoot(version?: bigint): Hash {
    this.assertOpen()
    this.refreshLatest()
    const v = version === undefined ? this.latest : toVersionNumber(version)
    if (v > this.latest)
      throw new StateVersionUnavailableError(`Version ${v} does not exist (latest is ${this.latest}).`)
    return toHex(this.rootAt(v)) as Hash
  }

  /** Resolves a version a reader may serve (history still present). */
  private readableVersion(version: bigint | undefined): number {
    this.assertOpen()
    if (version === undefined) {
      this.refreshLatest()
      return this.latest
    }
    const v = toVersionNumber(version)
    if (v > this.latest) this.refreshLatest()
    if (v > this.latest)
      throw new StateVersionUnavailableError(`Version ${v} does not exist (latest is ${this.latest}).`)
    if (v < this.oldest && v !== this.latest)
      throw new StateVersionUnavailableError(
        `History of version ${v} has been pruned (oldest is ${this.oldest}).`,
        {
          details: 'raise historyVersions to keep more history',
        },
      )
    if (v === -1 && this.latest !== -1)
      throw new StateVersionUnavailableError('Version -1 is only the empty database.')
    return v
  }

  reader(version?: bigint): StateReader {
    const v = this.readableVersion(version)
    return new VersionReader(this, v, this.generation)
  }

  // ---------------------------------------------------------------- reads

  private assertOpen(): void {
    if (this.closed) throw new StateDBReadOnlyError('The state database is closed.')
  }

  /** Latest record of `key` in `table`, or its value as of `v` through the reverse change sets. */
  private valueAt(table: Bin, tag: number, key: Uint8Array, v: number): Uint8Array | undefined {
    // Flat first, history second: if a commit lands in between (another thread), its change set
    // holds the value we need, so the pair is consistent without a shared read transaction.
    // Every flat value ends with the version that last wrote it: when that is ≤ v, the flat value
    // is the value at v and the history probe (an LMDB range cursor, several µs) is skipped.
    const flat = table.getBinary(key)
    if (flat !== undefined && (readBe64(flat, flat.length - 8) <= v || this.isHead(v)))
      return stripVersion(flat)
    if (flat === undefined && this.isHead(v)) return undefined
    for (const { value } of this.t.hidx.getRange({
      start: histKey(tag, key, v + 1),
      end: concat(concat(Uint8Array.of(tag), key), HIST_END),
      limit: 1,
    })) {
      const prev = fromPrev(value)
      return prev === undefined ? undefined : stripVersion(prev)
    }
    return flat === undefined ? undefined : stripVersion(flat)
  }

  accountRecordAt(addr: Uint8Array, v: number): Uint8Array | undefined {
    return this.valueAt(this.t.acct, TAG_ACCOUNT, addr, v)
  }

  /** The bytes of the last `valueAtFast` hit (lmdb-js's reused read buffer, or a history copy). */
  private fastVal: Uint8Array = EMPTY_ROOT
  /**
   * `valueAt` for the read hot path: `getBinaryFast` (no Buffer allocation, no subarray). Returns the
   * value's length (-1 when absent); the value is `this.fastVal[0, length)`, valid only until the
   * next LMDB read: decode it at once.
   */
  private valueAtFast(table: Bin, tag: number, key: Uint8Array, v: number): number {
    const flat = table.getBinaryFast(key)
    if (flat !== undefined) {
      const n = flat.length
      if (n < 8) throw new StateDBCorruptError('Flat state value without a version suffix.')
      if (readBe64(flat, n - 8) <= v || this.isHead(v)) {
        this.fastVal = flat
        return n - 8
      }
      // written after v: the history entry after v holds the value (the flat value is not needed)
    } else if (this.isHead(v)) return -1
    const h = this.valueAt(table, tag, Uint8Array.from(key), v)
    if (h === undefined) return -1
    this.fastVal = h
    return h.length
  }

  /** Writes `address` into the reused 20-byte key (the read paths never build a hex round trip). */
  private addrKey(address: string, out: Uint8Array): 1 | 2 {
    const kind = parseAddressInto(address, out, 0)
    if (kind === 0) throw new InvalidStateDiffError(`Invalid address ${String(address).slice(0, 50)}.`)
    return kind
  }

  accountAt(address: Address, v: number): Account | undefined {
    const key = this.scratchAddr
    this.addrKey(address, key)
    const n = this.valueAtFast(this.t.acct, TAG_ACCOUNT, key, v)
    if (n < 0) return undefined
    return decodeAccountRecord(this.fastVal, n)
  }

  storageAt(address: Address, slot: bigint, v: number): bigint {
    const key = this.scratchStor
    this.addrKey(address, key)
    key.fill(0, 20)
    if (!writeBigInt(key, 20, 32, slot))
      throw new InvalidStateDiffError(`Storage slot out of range: ${slot}.`)
    const n = this.valueAtFast(this.t.stor, TAG_STORAGE, key, v)
    return n < 0 ? 0n : toBigInt(this.fastVal, 0, n)
  }

  isHead(v: number): boolean {
    return v === this.latest && !this.readOnly
  }

  headAccount(address: Address): Account | undefined {
    const c = this.headAccounts.get(address)
    if (c !== undefined) return c ?? undefined
    const key = this.scratchAddr
    const kind = this.addrKey(address, key)
    // getBinaryFast: no Buffer allocation; the record is decoded before the next LMDB read.
    const rec = this.t.acct.getBinaryFast(key)
    if (rec !== undefined && rec.length < 8) throw new StateDBCorruptError('Malformed account record.')
    const a = rec === undefined ? null : decodeAccountRecord(rec, rec.length - 8)
    this.cacheAccount(kind === 1 ? address : address.toLowerCase(), a)
    return a ?? undefined
  }

  private cacheAccount(address: string, a: Account | null): void {
    if (this.cacheSize === 0) return
    if (this.headAccounts.size >= this.cacheSize && !this.headAccounts.has(address)) {
      // Insertion-order eviction: cheap, and the head set of a chain changes slowly.
      const first = this.headAccounts.keys().next().value
      if (first !== undefined) this.headAccounts.delete(first)
    }
    this.headAccounts.set(address, a)
  }

  headStorageValue(address: Address, slot: bigint): bigint {
    const m = this.headStorage.get(address)
    if (m !== undefined) {
      const v = m.get(slot)
      if (v !== undefined) return v
    }
    const key = this.scratchStor
    const kind = this.addrKey(address, key)
    const lower = kind === 1 ? address : address.toLowerCase()
    key.fill(0, 20)
    if (!writeBigInt(key, 20, 32, slot))
      throw new InvalidStateDiffError(`Storage slot out of range: ${slot}.`)
    const raw = this.t.stor.getBinaryFast(key)
    const value = raw === undefined ? 0n : toBigInt(raw, 0, raw.length - 8)
    this.cacheSlot(lower, slot, value)
    return value
  }

  private cacheSlot(address: string, slot: bigint, value: bigint): void {
    if (this.cacheSize === 0) return
    if (this.headStorageEntries >= this.cacheSize) {
      this.headStorage.clear()
      this.headStorageEntries = 0
    }
    let m = this.headStorage.get(address)
    if (m === undefined) {
      m = new Map()
      this.headStorage.set(address, m)
    }
    if (!m.has(slot)) this.headStorageEntries++
    m.set(slot, value)
  }

  getCode(codeHash: Hash): Uint8Array {
    if (codeHash === KECCAK256_EMPTY) return new Uint8Array(0)
    const c = this.codeCache.get(codeHash)
    if (c !== undefined) return c
    const code = this.t.code.getBinary(hexToBytes(codeHash))
    if (code === undefined)
      throw new StateDBCorruptError(`Code ${codeHash} is not in the state database.`, {
        details: 'an account refers to code that was never stored',
      })
    if (this.codeCache.size >= 4096) this.codeCache.clear()
    this.codeCache.set(codeHash.toLowerCase(), code)
    return code
  }

  blockHashAt(number: bigint, v: number): Hash | undefined {
    if (v < 0 || number < 0n || number > BigInt(Number.MAX_SAFE_INTEGER)) return undefined
    const rec = this.t.ver.getBinary(be64(v))
    if (!rec) return undefined
    const head = readBe64(rec, 32)
    const n = Number(number)
    if (n > head || n <= head - 256) return undefined
    const b = this.t.blk.getBinary(be64(n))
    if (!b || readBe64(b, 32) > v) return undefined
    return toHex(b.subarray(0, 32)) as Hash
  }

  /**
   * Records the hash of the block whose state is the latest version, once it is known (a block's
   * hash depends on the state root its commit returned). Readers (`getBlockHash`, BLOCKHASH in
   * workers) of that version and later see it; `revertTo` below that version removes it.
   */
  recordBlockHash(blockHash: Hash): void {
    this.assertWritable()
    const v = this.latest
    const h = hexToBytes(blockHash)
    if (h.length !== 32) throw new InvalidStateDiffError('Block hash must be 32 bytes.')
    const rec = v < 0 ? undefined : this.t.ver.getBinary(be64(v))
    if (!rec) throw new InvalidStateDiffError('No committed version to record a block hash for.')
    const bk = new Uint8Array(40)
    bk.set(h, 0)
    writeBe64(bk, 32, v)
    const key = be64(readBe64(rec, 32))
    this.env.transactionSync(() => this.t.blk.put(key, bk))
  }

  getAccountWithRoot(address: Address, version?: bigint): (Account & { storageRoot: Hash }) | undefined {
    const v = this.readableVersion(version)
    const rec = this.accountRecordAt(addressBytes(address.toLowerCase()), v)
    if (rec === undefined) return undefined
    return { ...decodeAccountRecord(rec), storageRoot: toHex(recordStorageRoot(rec)) as Hash }
  }

  // ---------------------------------------------------------------- commit

  commit(diff: StateDiff, meta: CommitMeta = {}): CommitResult {
    this.assertWritable()
    const v = this.latest + 1
    const blockNumber = meta.blockNumber === undefined ? v : Number(meta.blockNumber)
    if (
      meta.blockNumber !== undefined &&
      (meta.blockNumber < 0n || meta.blockNumber > BigInt(Number.MAX_SAFE_INTEGER))
    )
      throw new InvalidStateDiffError(`Block number out of range: ${meta.blockNumber}.`)
    const blockHash = meta.blockHash === undefined ? undefined : hexToBytes(meta.blockHash)
    if (blockHash && blockHash.length !== 32) throw new InvalidStateDiffError('Block hash must be 32 bytes.')

    const codes = this.validateCode(diff)
    // New nodes are packed into chunks keyed version ‖ chunk index (node-chunks.ts).
    const nodeWriter = new NodeChunkWriter(v)
    const sink = (_h: Uint8Array, rec: Uint8Array): Uint8Array => nodeWriter.add(rec)
    const changes = new ChangeSetBuilder()
    const t = this.t
    const oldest = Math.max(this.oldest, v - this.historyVersions)
    let root: Uint8Array = EMPTY_ROOT
    // The whole commit runs inside its write transaction: flat values and history entries are put as
    // they are computed instead of being collected until the end (every collected value stayed alive
    // through the young-generation collections of the commit: in the 10k-update bench ~50,000 small
    // arrays and tuples copied twice per scavenge). A throw anywhere aborts the transaction: nothing
    // of the commit is written. Reads inside it see the state before the commit for every key not
    // yet written, and each key is read before it is written.
    try {
      this.env.transactionSync(() => {
        for (const [address, ad] of diff.accounts) {
          const addr = addressBytes(address.toLowerCase())
          // The history value (absent marker, or 1 ‖ flat value) is built straight from the read.
          const prevHist = histValue(t.acct.getBinaryFast(addr))
          const prevRec = prevHist === ABSENT ? undefined : stripVersion(prevHist.subarray(1))
          const hashedAddr = toNibbles(keccak256(addr))
          const wipe = ad.account === undefined || ad.storageCleared || prevRec === undefined
          // slots already recorded in this version's history (wiped ones), by slot number
          let wiped: Map<bigint, Uint8Array> | undefined
          if (wipe && prevRec !== undefined && recordHasStorage(prevRec)) {
            wiped = new Map()
            const old: Array<[Uint8Array, Uint8Array]> = []
            for (const { key, value } of t.stor.getRange({ start: addr, end: prefixEnd(addr) })) {
              if (key.length !== 52 || !equal(key.subarray(0, 20), addr)) continue
              old.push([Uint8Array.from(key), histValue(value)])
            }
            // Deleted before the diff's own slots are written: a wiped slot rewritten here ends up present.
            for (const [k, h] of old) {
              t.stor.remove(k)
              t.hidx.put(histKey(TAG_STORAGE, k, v), h)
              changes.add(TAG_STORAGE, k)
              wiped.set(toBigInt(k, 20, 32), k)
            }
          }
          if (ad.account === undefined) {
            if (prevRec !== undefined) {
              t.acct.remove(addr)
              t.hidx.put(histKey(TAG_ACCOUNT, addr, v), prevHist)
              changes.add(TAG_ACCOUNT, addr)
              this.acctTrie.del(hashedAddr)
            }
            continue
          }
          const a = ad.account
          if (typeof a.nonce !== 'bigint' || a.nonce < 0n || a.nonce > MAX_U64)
            throw new InvalidStateDiffError(`Nonce of ${address} out of range.`)
          if (typeof a.balance !== 'bigint' || a.balance < 0n || a.balance > MAX_U256)
            throw new InvalidStateDiffError(`Balance of ${address} out of range.`)
          const codeHash = a.codeHash === KECCAK256_EMPTY ? EMPTY_CODE_HASH : hexToBytes(a.codeHash)
          if (codeHash.length !== 32)
            throw new InvalidStateDiffError(`Code hash of ${address} must be 32 bytes.`)
          const storageTrie = new Mpt(this.nodeSource, wipe ? EMPTY_ROOT : recordStorageRef(prevRec!))
          for (const [slot, value] of ad.storage) {
            if (typeof value !== 'bigint' || value < 0n || value > MAX_U256)
              throw new InvalidStateDiffError(`Storage value of ${address} slot ${slot} out of range.`)
            const sb = slotBytes(slot)
            let key = wiped?.get(slot)
            if (key === undefined) {
              key = storKey(addr, sb)
              // With storage wiped, slots not in the old range were already absent.
              const prev = wipe ? ABSENT : histValue(t.stor.getBinaryFast(key))
              t.hidx.put(histKey(TAG_STORAGE, key, v), prev)
              changes.add(TAG_STORAGE, key)
            }
            const hashed = toNibbles(keccak256(sb))
            if (value === 0n) {
              storageTrie.del(hashed)
              t.stor.remove(key)
            } else {
              storageTrie.put(hashed, storageLeaf(value))
              const vb = new Uint8Array(40)
              writeBigInt(vb, 0, 32, value)
              let s = 0
              while (s < 31 && vb[s] === 0) s++
              writeBe64(vb, 32, v)
              t.stor.put(key, vb.subarray(s))
            }
          }
          const storageRoot = storageTrie.commit(sink)
          const rec = encodeAccountRecord(a, codeHash, storageRoot)
          if (prevRec === undefined || !equal(prevRec, rec)) {
            t.acct.put(addr, withVersion(rec, v))
            t.hidx.put(histKey(TAG_ACCOUNT, addr, v), prevHist)
            changes.add(TAG_ACCOUNT, addr)
            this.acctTrie.put(hashedAddr, accountLeaf(rec), accountAux(rec))
          }
        }
        root = this.acctTrie.commit(sink)
        // Chunk keys ascend (version ‖ chunk) and are above every stored key: LMDB appends them
        // to its last pages (hash keys dirtied one random page per node: ~5x the commit cost).
        for (const [key, chunk] of nodeWriter.finish()) t.node.put(key, chunk)
        for (const [h, c] of codes) t.code.put(h, c)
        t.chg.put(be64(v), changes.finish())
        t.ver.put(be64(v), encodeVersion(root, blockNumber, blockHash))
        const bk = new Uint8Array(40)
        if (blockHash) bk.set(blockHash, 0)
        writeBe64(bk, 32, v)
        if (blockHash) t.blk.put(be64(blockNumber), bk)
        t.meta.put('latest', v)
        t.meta.put('oldest', oldest)
      })
    } catch (cause) {
      // The in-memory account trie may hold part of this diff: rebuild it from the committed root.
      this.acctTrie = new Mpt(this.nodeSource, this.latestRoot)
      if (
        cause instanceof InvalidStateDiffError ||
        cause instanceof StateDBCorruptError ||
        cause instanceof UnknownCodeError
      )
        throw cause
      throw new StateDBCorruptError('The commit could not be written; nothing was applied.', { cause })
    }
    this.latest = v
    this.oldest = oldest
    this.latestRoot = root
    this.updateHeadCache(diff)
    if (this.acctTrie.loaded > MAX_LOADED_NODES) {
      this.acctTrie.unload(3)
      this.acctTrie.loaded = 0
    }
    this.schedulePrune()
    return { version: BigInt(v), stateRoot: toHex(rootHash(root)) as Hash }
  }

  /** Code to store (hash → code) after checking every referenced hash is known. */
  private validateCode(diff: StateDiff): Array<[Uint8Array, Uint8Array]> {
    const provided = new Map<string, Uint8Array>()
    const out: Array<[Uint8Array, Uint8Array]> = []
    for (const [address, ad] of diff.accounts) {
      if (ad.code === undefined || ad.account === undefined) continue
      const h = keccak256(ad.code)
      const hex = toHex(h)
      if (hex !== ad.account.codeHash.toLowerCase())
        throw new InvalidStateDiffError(`Code of ${address} does not match its code hash.`, {
          details: `codeHash ${ad.account.codeHash}, keccak(code) ${hex}`,
        })
      if (ad.code.length > 0 && !provided.has(hex)) {
        provided.set(hex, ad.code)
        out.push([h, ad.code])
      }
    }
    for (const [address, ad] of diff.accounts) {
      const a = ad.account
      if (a === undefined) continue
      const hex = a.codeHash.toLowerCase()
      if (hex === KECCAK256_EMPTY || provided.has(hex) || this.knownCode.has(hex)) continue
      let hb: Uint8Array
      try {
        hb = hexToBytes(hex)
      } catch (cause) {
        throw new InvalidStateDiffError(`Code hash of ${address} is not hex.`, { cause })
      }
      if (!this.t.code.doesExist(hb))
        throw new UnknownCodeError(`Account ${address} refers to unknown code ${a.codeHash}.`, {
          details: 'the code is neither in the diff nor in the database; nothing was written',
        })
      if (this.knownCode.size >= 65536) this.knownCode.clear()
      this.knownCode.add(hex)
    }
    return out
  }

  private updateHeadCache(diff: StateDiff): void {
    for (const [address, ad] of diff.accounts) {
      const lower = address.toLowerCase()
      if (ad.account === undefined || ad.storageCleared) {
        const m = this.headStorage.get(lower)
        if (m) {
          this.headStorageEntries -= m.size
          this.headStorage.delete(lower)
        }
      }
      if (ad.account === undefined) {
        this.cacheAccount(lower, null)
        continue
      }
      const a = ad.account
      this.cacheAccount(
        lower,
        Object.freeze({ nonce: a.nonce, balance: a.balance, codeHash: a.codeHash.toLowerCase() as Hash }),
      )
      const m = this.headStorage.get(lower)
      if (m) for (const [slot, value] of ad.storage) m.set(slot, value)
    }
  }

  private assertWritable(): void {
    this.assertOpen()
    if (this.readOnly) throw new StateDBReadOnlyError('The state database was opened read-only.')
  }

  // ---------------------------------------------------------------- history pruning

  private schedulePrune(): void {
    if (this.pruneScheduled !== undefined || this.closed) return
    if (this.t.chg.getKeysCount({ start: be64(0), end: be64(this.oldest + 1), limit: 1 }) === 0) return
    this.pruneScheduled = setImmediate(() => {
      this.pruneScheduled = undefined
      if (this.closed) return
      if (this.pruneStep()) this.schedulePrune()
    })
    this.pruneScheduled.unref?.()
  }

  /** Removes the history of versions ≤ oldest, up to ~PRUNE_CHUNK keys per step; true when more remain. */
  pruneStep(): boolean {
    const t = this.t
    const sets: Array<[number, Uint8Array]> = []
    let n = 0
    for (const { key, value } of t.chg.getRange({ start: be64(0), end: be64(this.oldest + 1) })) {
      sets.push([readBe64(key, 0), Uint8Array.from(value)])
      n += value.length / 21
      if (n >= PRUNE_CHUNK) break
    }
    if (sets.length === 0) return false
    this.env.transactionSync(() => {
      for (const [ver, blob] of sets) {
        for (const [tag, key] of changeSetEntries(blob)) t.hidx.remove(histKey(tag, key, ver))
        t.chg.remove(be64(ver))
      }
    })
    return n >= PRUNE_CHUNK
  }

  /** Runs history pruning to completion now (normally it runs in the background). */
  pruneNow(): void {
    while (this.pruneStep()) {}
  }

  // ---------------------------------------------------------------- revert

  revertTo(version: bigint): void {
    this.assertWritable()
    const target = toVersionNumber(version)
    if (target > this.latest) throw new StateVersionUnavailableError(`Version ${target} does not exist.`)
    if (target === this.latest) return
    if (target < this.oldest || target < 0)
      throw new StateVersionUnavailableError(`Cannot revert to ${target}: its history has been pruned.`, {
        details: `oldest revertible version is ${this.oldest}`,
      })
    const t = this.t
    // Trie nodes written by the dropped versions are unreachable from every remaining version.
    const deadNodes: Uint8Array[] = []
    for (const key of t.node.getKeys({ start: be64(target + 1) })) deadNodes.push(Uint8Array.from(key))
    this.env.transactionSync(() => {
      for (const k of deadNodes) t.node.remove(k)
      for (let u = this.latest; u > target; u--) {
        const blob = t.chg.getBinary(be64(u))
        if (blob === undefined) throw new StateDBCorruptError(`Change set of version ${u} is missing.`)
        for (const [tag, key] of changeSetEntries(blob)) {
          const hk = histKey(tag, key, u)
          const p = t.hidx.getBinary(hk)
          if (p === undefined) throw new StateDBCorruptError(`History entry missing for version ${u}.`)
          const prev = fromPrev(p)
          const table = tag === TAG_ACCOUNT ? t.acct : t.stor
          if (prev === undefined) table.remove(key)
          else table.put(key, prev)
          t.hidx.remove(hk)
        }
        t.chg.remove(be64(u))
        const rec = t.ver.getBinary(be64(u))
        if (rec) {
          const bn = readBe64(rec, 32)
          const b = t.blk.getBinary(be64(bn))
          if (b && readBe64(b, 32) === u) t.blk.remove(be64(bn))
        }
        t.ver.remove(be64(u))
      }
      t.meta.put('latest', target)
    })
    this.latest = target
    this.latestRoot = this.rootRefAt(target)
    this.acctTrie = new Mpt(this.nodeSource, this.latestRoot)
    this.headAccounts.clear()
    this.headStorage.clear()
    this.headStorageEntries = 0
    this.generation++
    this.revertFloor = Math.min(this.revertFloor, target)
  }

  // ---------------------------------------------------------------- proofs

  getProof(address: Address, slots: Hash[], version?: bigint): AccountProof {
    this.assertOpen()
    this.refreshLatest()
    const v = version === undefined ? this.latest : toVersionNumber(version)
    if (v > this.latest) throw new StateVersionUnavailableError(`Version ${v} does not exist.`)
    const root = this.rootRefAt(v)
    const addr = addressBytes(address.toLowerCase())
    const fail = (reason: string): never => {
      throw new StateDBCorruptError('The state trie is incomplete.', { details: reason })
    }
    const accountProof: Uint8Array[] = []
    const leaf = walkStored(this.nodeSource, root, toNibbles(keccak256(addr)), fail, accountProof)
    let nonce = 0n
    let balance = 0n
    let storageRoot = EMPTY_ROOT
    let storageRef = EMPTY_ROOT
    let codeHash = KECCAK256_EMPTY as Hash
    if (leaf !== undefined) {
      const f = rlpDecode(leaf.value) as Uint8Array[]
      nonce = toBigInt(f[0]!)
      balance = toBigInt(f[1]!)
      storageRoot = f[2]!
      codeHash = toHex(f[3]!) as Hash
      if (!equal(storageRoot, EMPTY_ROOT)) {
        if (leaf.aux === null) fail('account leaf without its storage root location')
        storageRef = concat(storageRoot, leaf.aux!)
      }
    }
    const storageProof = slots.map((slot) => {
      const sb = parseSlot(slot)
      const proof: Uint8Array[] = []
      const val = walkStored(this.nodeSource, storageRef, toNibbles(keccak256(sb)), fail, proof)
      const value = val === undefined ? 0n : toBigInt(rlpDecode(val.value) as Uint8Array)
      return { key: slot, value, proof: proof.map(toHex) }
    })
    return {
      address: address.toLowerCase() as Address,
      accountProof: accountProof.map(toHex),
      balance,
      codeHash,
      nonce,
      storageHash: toHex(storageRoot) as Hash,
      storageProof,
    }
  }

  // ---------------------------------------------------------------- genesis and dumps

  importGenesis(alloc: GenesisAlloc): CommitResult {
    this.assertWritable()
    if (this.latest !== -1)
      throw new StateVersionUnavailableError('importGenesis needs an empty database.', {
        details: `the database is at version ${this.latest}; use loadState to replace the state`,
      })
    return this.commit(allocToDiff(alloc, []), { blockNumber: 0n })
  }

  loadState(alloc: GenesisAlloc): CommitResult {
    this.assertWritable()
    const existing: Address[] = []
    for (const key of this.t.acct.getKeys()) existing.push(toHex(Uint8Array.from(key)) as Address)
    return this.commit(allocToDiff(alloc, existing))
  }

  dumpState(version?: bigint): GenesisAlloc {
    const v = this.readableVersion(version)
    const out: GenesisAlloc = {}
    if (v < 0) return out
    const addresses = new Set<string>()
    for (const key of this.t.acct.getKeys()) addresses.add(toHex(Uint8Array.from(key)))
    if (v !== this.latest || this.readOnly)
      for (const key of this.t.hidx.getKeys({
        start: Uint8Array.of(TAG_ACCOUNT),
        end: Uint8Array.of(TAG_ACCOUNT + 1),
      }))
        if (readBe64(key, 21) > v) addresses.add(toHex(key.subarray(1, 21)))
    for (const address of [...addresses].sort()) {
      const addr = hexToBytes(address)
      const rec = this.accountRecordAt(addr, v)
      if (rec === undefined) continue
      const a = decodeAccountRecord(rec)
      const entry: GenesisAlloc[Address] = {
        balance: `0x${a.balance.toString(16)}`,
        nonce: `0x${a.nonce.toString(16)}`,
      }
      if (a.codeHash !== KECCAK256_EMPTY) entry.code = toHex(this.getCode(a.codeHash))
      if (recordHasStorage(rec)) {
        const slots = new Set<string>()
        const end = prefixEnd(addr)
        for (const key of this.t.stor.getKeys({ start: addr, end }))
          if (key.length === 52 && equal(key.subarray(0, 20), addr)) slots.add(toHex(key.subarray(20)))
        if (v !== this.latest || this.readOnly)
          for (const key of this.t.hidx.getKeys({
            start: concat(Uint8Array.of(TAG_STORAGE), addr),
            end: prefixEnd(concat(Uint8Array.of(TAG_STORAGE), addr)),
          }))
            if (key.length === 61 && readBe64(key, 53) > v) slots.add(toHex(key.subarray(21, 53)))
        const storage: Record<Hex, Hex> = {}
        for (const s of [...slots].sort()) {
          const val = this.valueAt(this.t.stor, TAG_STORAGE, storKey(addr, hexToBytes(s)), v)
          if (val !== undefined) storage[s as Hex] = toHex(pad32(val))
        }
        entry.storage = storage
      }
      out[address as Address] = entry
    }
    return out
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.pruneScheduled !== undefined) clearImmediate(this.pruneScheduled)
    this.env.close()
  }

  /** Recomputes the latest state root from the flat tables alone (consistency checks, tests). */
  computeRootFromScratch(): Hash {
    const mem = new Map<number, Uint8Array>()
    const sink = (_h: Uint8Array, rec: Uint8Array): Uint8Array => {
      const loc = new Uint8Array(LOC_LEN)
      writeBe64(loc, 0, mem.size)
      mem.set(mem.size, rec.slice())
      return loc
    }
    const src = (loc: Uint8Array) => mem.get(readBe64(loc, 0))
    const acct = new Mpt(src)
    for (const { key, value } of this.t.acct.getRange()) {
      const addr = Uint8Array.from(key)
      const st = new Mpt(src)
      for (const e of this.t.stor.getRange({ start: addr, end: prefixEnd(addr) })) {
        if (e.key.length !== 52 || !equal(e.key.subarray(0, 20), addr)) continue
        st.put(
          toNibbles(keccak256(e.key.subarray(20))),
          storageLeaf(toBigInt(e.value, 0, e.value.length - 8)),
        )
      }
      const rec = withStorageRef(stripVersion(value), st.commit(sink))
      acct.put(toNibbles(keccak256(addr)), accountLeaf(rec))
    }
    return toHex(rootHash(acct.commit(sink))) as Hash
  }
}

/**
 * LMDB trusts its pages: opening a garbage data.mdb segfaults the process (measured with lmdb 3.5.6).
 * Check both meta pages (magic 0xBEEFC0DE, format 2, page size) before handing the file to LMDB, so
 * a wrong or damaged directory is a typed error. Damage deeper in the file is not detectable here.
 */
function checkLmdbHeader(path: string): void {
  const file = `${path}/data.mdb`
  if (!existsSync(file)) return
  const bad = (details: string): never => {
    throw new StateDBOpenError(`Cannot open the state database at ${path}: data.mdb is not an LMDB file.`, {
      details,
    })
  }
  const size = statSync(file).size
  if (size === 0) return // created but never written (LMDB initialises it)
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(64)
    if (readSync(fd, head, 0, 64, 0) < 64) bad('file shorter than a meta page')
    if (head.readUInt32LE(24) !== 0xbeefc0de) bad('first meta page has no LMDB magic')
    if (head.readUInt32LE(28) !== 2) bad(`unsupported LMDB data version ${head.readUInt32LE(28)}`)
    const psize = head.readUInt32LE(48)
    if (psize < 512 || psize > 65536 || (psize & (psize - 1)) !== 0) bad(`implausible page size ${psize}`)
    if (size < 2 * psize) bad('file shorter than two meta pages')
    if (readSync(fd, head, 0, 64, psize) < 64 || head.readUInt32LE(24) !== 0xbeefc0de)
      bad('second meta page has no LMDB magic')
  } finally {
    closeSync(fd)
  }
}

/** The smallest key greater than every key starting with `prefix` (exclusive range end). */
function prefixEnd(prefix: Uint8Array): Uint8Array {
  const out = Uint8Array.from(prefix)
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]!++
      return out.subarray(0, i + 1)
    }
  }
  return concat(prefix, new Uint8Array(64).fill(0xff))
}

function pad32(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(32)
  out.set(b, 32 - b.length)
  return out
}

/** A synchronous reader of one version. Values of a fixed version never change, so it caches them. */
class VersionReader implements StateReader {
  private readonly accounts = new Map<string, Account | null>()
  private readonly storage = new Map<string, Map<bigint, bigint>>()
  private storageEntries = 0
  constructor(
    private readonly db: MetisDBImpl,
    readonly version: number,
    private readonly generation: number,
  ) {}

  getAccount(address: Address): Account | undefined {
    const db = this.db
    if (this.generation !== db.generation) this.checkGeneration()
    if (db.isHead(this.version)) return db.headAccount(address)
    const c = this.accounts.get(address)
    if (c !== undefined) return c ?? undefined
    const a = this.version < 0 ? undefined : db.accountAt(address, this.version)
    if (this.accounts.size > 100_000) this.accounts.clear()
    this.accounts.set(address, a ?? null)
    return a
  }

  getCode(codeHash: Hash): Uint8Array {
    return this.db.getCode(codeHash)
  }

  getStorage(address: Address, slot: bigint): bigint {
    const db = this.db
    if (this.generation !== db.generation) this.checkGeneration()
    if (db.isHead(this.version)) return db.headStorageValue(address, slot)
    let m = this.storage.get(address)
    if (m !== undefined) {
      const c = m.get(slot)
      if (c !== undefined) return c
    }
    const v = this.version < 0 ? 0n : db.storageAt(address, slot, this.version)
    if (this.storageEntries++ > 100_000) {
      this.storage.clear()
      this.storageEntries = 0
      m = undefined
    }
    if (m === undefined) {
      m = new Map()
      this.storage.set(address, m)
    }
    m.set(slot, v)
    return v
  }

  hasStorage(address: Address): boolean {
    if (this.version < 0) return false
    const a = this.db.accountRecordAt(addressBytes(address.toLowerCase()), this.version)
    return a !== undefined && recordHasStorage(a)
  }

  getBlockHash(number: bigint): Hash | undefined {
    return this.db.blockHashAt(number, this.version)
  }

  private checkGeneration(): void {
    if (this.version > this.db.revertFloor)
      throw new StateVersionUnavailableError(`Version ${this.version} was reverted.`)
  }
}
