import type { Address, Hash, Hex } from 'viem'
import { z } from 'zod'
import { type BlobParams, type ChainConfig, type ForkActivation, forkAt } from './config.js'
import { InvalidGenesisError } from './errors.js'
import { type Hardfork, isForkAtLeast } from './hardforks.js'

// geth accepts quantities as JSON numbers, decimal strings or 0x-hex strings.
const quantity = z
  .union([
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/, 'expected a decimal or 0x-hex quantity'),
  ])
  .transform((v) => BigInt(v))
const hexBytes = (size?: number) =>
  z
    .string()
    .regex(size === undefined ? /^0x([0-9a-fA-F]{2})*$/ : new RegExp(`^0x[0-9a-fA-F]{${size * 2}}$`), {
      message:
        size === undefined ? 'expected 0x-prefixed hex bytes' : `expected ${size} bytes of 0x-prefixed hex`,
    })
    .transform((v) => v.toLowerCase() as Hex)
// alloc keys and storage slots may omit 0x and leading zeros (geth accepts both).
const addressKey = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{40}$/, 'expected a 20-byte address')
  .transform((v) => (v.startsWith('0x') ? v : `0x${v}`).toLowerCase() as Address)
const word = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{1,64}$/, 'expected a 32-byte hex word')
  .transform((v) => BigInt(v.startsWith('0x') ? v : `0x${v}`))

const blobParamsSchema = z.object({
  target: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  baseFeeUpdateFraction: quantity,
})

// geth config keys → our fork names. Block-activated forks first, then time-activated ones.
const BLOCK_KEYS: [string, Hardfork][] = [
  ['homesteadBlock', 'Homestead'],
  ['eip150Block', 'EIP150'],
  ['eip158Block', 'EIP158'],
  ['byzantiumBlock', 'Byzantium'],
  ['constantinopleBlock', 'Constantinople'],
  ['petersburgBlock', 'ConstantinopleFix'],
  ['istanbulBlock', 'Istanbul'],
  ['muirGlacierBlock', 'MuirGlacier'],
  ['berlinBlock', 'Berlin'],
  ['londonBlock', 'London'],
  ['arrowGlacierBlock', 'ArrowGlacier'],
  ['grayGlacierBlock', 'GrayGlacier'],
  ['mergeNetsplitBlock', 'Paris'],
]
const TIME_KEYS: [string, Hardfork][] = [
  ['shanghaiTime', 'Shanghai'],
  ['cancunTime', 'Cancun'],
  ['pragueTime', 'Prague'],
  ['osakaTime', 'Osaka'],
]

/**
 * zod schema of a geth-style `config` object (`chainId`, `*Block` and `*Time` activations,
 * `terminalTotalDifficulty`, `blobSchedule`), transformed into a {@link ChainConfig}.
 * Activations must not go backwards in fork order.
 */
export const chainConfigSchema = z
  .object({
    chainId: quantity,
    ...Object.fromEntries([...BLOCK_KEYS, ...TIME_KEYS].map(([k]) => [k, quantity.optional()])),
    terminalTotalDifficulty: quantity.optional(),
    terminalTotalDifficultyPassed: z.boolean().optional(),
    blobSchedule: z.record(z.string(), blobParamsSchema).optional(),
  })
  .loose()
  .transform((raw, ctx): ChainConfig => {
    const r = raw as Record<string, unknown>
    const forks: ForkActivation[] = [{ fork: 'Frontier', block: 0n }]
    let lastBlock = 0n
    for (const [key, fork] of BLOCK_KEYS) {
      let block = r[key] as bigint | undefined
      // Paris without a netsplit block: by terminal total difficulty (0 = merged at genesis).
      if (fork === 'Paris' && block === undefined && raw.terminalTotalDifficulty !== undefined) {
        if (raw.terminalTotalDifficulty === 0n) block = 0n
        else {
          forks.push({ fork, totalDifficulty: raw.terminalTotalDifficulty })
          continue
        }
      }
      if (block === undefined) continue
      if (block < lastBlock)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is before an earlier fork` })
      lastBlock = block
      forks.push({ fork, block })
    }
    let lastTime = 0n
    for (const [key, fork] of TIME_KEYS) {
      const timestamp = r[key] as bigint | undefined
      if (timestamp === undefined) continue
      if (!forks.some((f) => f.fork === 'Paris'))
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} needs the Merge (terminalTotalDifficulty)`,
        })
      if (timestamp < lastTime)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is before an earlier fork` })
      lastTime = timestamp
      forks.push({ fork, timestamp })
    }
    const config: ChainConfig = { chainId: raw.chainId, forks }
    if (raw.blobSchedule) {
      const schedule: Partial<Record<Hardfork, BlobParams>> = {}
      for (const [name, p] of Object.entries(raw.blobSchedule)) {
        const fork = TIME_KEYS.find(([k]) => k === `${name.toLowerCase()}Time`)?.[1]
        if (!fork) {
          ctx.addIssue({
            code: 'custom',
            path: ['blobSchedule', name],
            message: `unsupported blob schedule fork "${name}"`,
          })
          continue
        }
        schedule[fork] = p
      }
      config.blobSchedule = schedule
    }
    return config
  })

const accountSchema = z.object({
  balance: quantity,
  nonce: quantity.optional(),
  code: hexBytes().optional(),
  storage: z.record(z.string(), z.string()).optional(),
})

const genesisSchema = z.object({
  config: chainConfigSchema,
  nonce: quantity.optional(),
  timestamp: quantity.optional(),
  extraData: hexBytes().optional(),
  gasLimit: quantity,
  difficulty: quantity.optional(),
  mixHash: hexBytes(32).optional(),
  coinbase: hexBytes(20).optional(),
  alloc: z.record(z.string(), accountSchema),
  number: quantity.optional(),
  gasUsed: quantity.optional(),
  parentHash: hexBytes(32).optional(),
  baseFeePerGas: quantity.optional(),
  excessBlobGas: quantity.optional(),
  blobGasUsed: quantity.optional(),
})

/** One pre-funded account of a genesis file. */
export type GenesisAccount = {
  balance: bigint
  nonce: bigint
  code: Hex
  /** slot → value (zero values dropped). */
  storage: Map<bigint, bigint>
}

/** A parsed genesis file. Missing header fields take geth's defaults (zero / empty). */
export type Genesis = {
  config: ChainConfig
  nonce: bigint
  timestamp: bigint
  extraData: Hex
  gasLimit: bigint
  difficulty: bigint
  mixHash: Hash
  coinbase: Address
  number: bigint
  gasUsed: bigint
  parentHash: Hash
  baseFeePerGas?: bigint | undefined
  excessBlobGas?: bigint | undefined
  blobGasUsed?: bigint | undefined
  alloc: Map<Address, GenesisAccount>
}

const ZERO32 = `0x${'00'.repeat(32)}` as Hash
const ZERO20 = `0x${'00'.repeat(20)}` as Address

/**
 * Parses and validates a geth-style genesis file (object or JSON text).
 * @throws InvalidGenesisError listing every problem with its JSON path.
 * @example parseGenesis(readFileSync('genesis.json', 'utf8')).config.chainId
 */
export function parseGenesis(json: unknown): Genesis {
  let input = json
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json)
    } catch (err) {
      throw new InvalidGenesisError(
        [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`],
        err,
      )
    }
  }
  const parsed = genesisSchema.safeParse(input)
  if (!parsed.success)
    throw new InvalidGenesisError(
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
      parsed.error,
    )
  const g = parsed.data
  const issues: string[] = []
  const alloc = new Map<Address, GenesisAccount>()
  for (const [key, a] of Object.entries(g.alloc)) {
    const address = addressKey.safeParse(key)
    if (!address.success) {
      issues.push(`alloc.${key}: expected a 20-byte address`)
      continue
    }
    const storage = new Map<bigint, bigint>()
    for (const [slot, value] of Object.entries(a.storage ?? {})) {
      const s = word.safeParse(slot)
      const v = word.safeParse(value)
      if (!s.success || !v.success) {
        issues.push(`alloc.${key}.storage.${slot}: expected 32-byte hex words`)
        continue
      }
      if (v.data !== 0n) storage.set(s.data, v.data)
    }
    alloc.set(address.data, { balance: a.balance, nonce: a.nonce ?? 0n, code: a.code ?? '0x', storage })
  }
  if (issues.length) throw new InvalidGenesisError(issues)
  if (g.nonce !== undefined && g.nonce >= 1n << 64n)
    throw new InvalidGenesisError(['nonce: must fit in 8 bytes'])
  const number = g.number ?? 0n
  const timestamp = g.timestamp ?? 0n
  // geth's default genesis difficulty is 131072 for proof-of-work chains, 0 once merged.
  const merged = isForkAtLeast(forkAt(g.config, number, timestamp), 'Paris')
  return {
    config: g.config,
    nonce: g.nonce ?? 0n,
    timestamp,
    extraData: g.extraData ?? '0x',
    gasLimit: g.gasLimit,
    difficulty: g.difficulty ?? (merged ? 0n : 131_072n),
    mixHash: (g.mixHash ?? ZERO32) as Hash,
    coinbase: (g.coinbase ?? ZERO20) as Address,
    number,
    gasUsed: g.gasUsed ?? 0n,
    parentHash: (g.parentHash ?? ZERO32) as Hash,
    baseFeePerGas: g.baseFeePerGas,
    excessBlobGas: g.excessBlobGas,
    blobGasUsed: g.blobGasUsed,
    alloc,
  }
}
