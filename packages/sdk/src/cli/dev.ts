import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Hardfork, normalizeHardfork, useFastKeccak256 } from '@metis-sdk/primitives'
import type { NodeVm } from '@metis-sdk/sequencer'
import {
  createNode,
  DEFAULT_MNEMONIC,
  deriveDevAccounts,
  type Node,
  type RpcServer,
} from '@metis-sdk/sequencer'
import { z } from 'zod'
import { aiStackGenesisAlloc, aiStackPresetAddresses } from '../chain/genesis-preset.js'
import { AI_INFERENCE_ADDRESS, aiInferencePrecompile, withPrecompiles } from '../chain/precompiles.js'
import { loadInferenceHandler } from './inference-handler.js'

/** Parsed, validated options of `metis dev`. */
export type DevOptions = {
  port: number
  host: string
  chainId: bigint
  blockTime: number | undefined
  gasLimit: bigint
  fork: Hardfork
  workers: number
  dataDir: string | undefined
  accounts: number
  balance: bigint
  mnemonic: string
  silent: boolean
  /** Predeploy the AI contract stack in genesis (default true; `--no-ai-stack`). */
  aiStack: boolean
  /** Module whose default export is the AI inference handler (enables the 0x…0999 precompile). */
  aiInference: string | undefined
}

const intString = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a non-negative integer`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`)

/** The raw flags commander hands over (strings), validated with zod. */
export const devFlagsSchema = z.object({
  port: intString('--port', 0, 65535).default(8545),
  host: z.string().min(1).default('127.0.0.1'),
  chainId: z
    .string()
    .regex(/^\d+$/, '--chain-id must be a positive integer')
    .transform(BigInt)
    .default(31337n),
  blockTime: z
    .string()
    .regex(/^\d+(\.\d+)?$/, '--block-time must be a positive number of seconds')
    .transform(Number)
    .refine((n) => n > 0, '--block-time must be a positive number of seconds')
    .optional(),
  gasLimit: z
    .string()
    .regex(/^\d+$/, '--gas-limit must be an integer')
    .transform(BigInt)
    .default(30_000_000n),
  fork: z
    .string()
    .transform((s, ctx) => {
      const f = normalizeHardfork(s)
      if (!f) {
        ctx.addIssue({ code: 'custom', message: `unknown fork ${s}` })
        return z.NEVER
      }
      return f
    })
    .default('Prague'),
  workers: intString('--workers', 0, 64).default(0),
  dataDir: z.string().default('./.metis'),
  ephemeral: z.boolean().default(false),
  accounts: intString('--accounts', 0, 1000).default(10),
  balance: z
    .string()
    .regex(/^\d+$/, '--balance must be whole ether')
    .transform((s) => BigInt(s) * 10n ** 18n)
    .default(10_000n * 10n ** 18n),
  mnemonic: z.string().default(DEFAULT_MNEMONIC),
  silent: z.boolean().default(false),
  aiStack: z.boolean().default(true),
  aiInference: z.string().min(1, '--ai-inference needs a module path').optional(),
})

/** Validates commander's flags; throws a readable error for bad input. */
export function parseDevFlags(flags: Record<string, unknown>): DevOptions {
  const r = devFlagsSchema.safeParse(flags)
  if (!r.success) throw new Error(r.error.issues.map((i) => i.message).join('; '))
  const f = r.data
  return {
    port: f.port,
    host: f.host,
    chainId: f.chainId,
    blockTime: f.blockTime,
    gasLimit: f.gasLimit,
    fork: f.fork as Hardfork,
    workers: f.workers,
    dataDir: f.ephemeral ? undefined : resolve(f.dataDir),
    accounts: f.accounts,
    balance: f.balance,
    mnemonic: f.mnemonic,
    silent: f.silent,
    aiStack: f.aiStack,
    aiInference: f.aiInference === undefined ? undefined : resolve(f.aiInference),
  }
}

/**
 * The module the Block-STM workers import their VM from when `--ai-inference` is set: the SDK's
 * built `ai-inference-vm.js`, with the handler's file URL in its query string.
 */
function aiInferenceVmModule(handlerPath: string): string {
  const built = import.meta.url.endsWith('.ts') ? '../../dist/cli/ai-inference-vm.js' : './ai-inference-vm.js'
  const url = new URL(built, import.meta.url)
  url.searchParams.set('handler', pathToFileURL(handlerPath).href)
  return url.href
}

/** The anvil-style banner: accounts, keys, mnemonic, chain id, endpoint. */
export function devBanner(node: Node, options: DevOptions, server: RpcServer): string {
  const eth = (wei: bigint) => `${wei / 10n ** 18n}.${(wei % 10n ** 18n).toString().padStart(18, '0')}`
  const lines = [
    '',
    '                             _   _',
    '   _ __ ___   ___| |_(_)___',
    "  | '_ ` _ \\ / _ \\ __| / __|",
    '  | | | | | |  __/ |_| \\__ \\',
    '  |_| |_| |_|\\___|\\__|_|___/  dev node',
    '',
  ]
  lines.push('Available Accounts', '==================', '')
  for (const [i, a] of node.accounts.entries())
    lines.push(`(${i}) ${checksum(a.address)} (${eth(options.balance)} ETH)`)
  lines.push('', 'Private Keys', '==================', '')
  for (const [i, a] of node.accounts.entries()) lines.push(`(${i}) ${a.privateKey}`)
  lines.push(
    '',
    'Wallet',
    '==================',
    `Mnemonic:          ${options.mnemonic}`,
    "Derivation path:   m/44'/60'/0'/0/",
    '',
  )
  lines.push('Chain ID', '==================', '', options.chainId.toString(), '')
  lines.push('Block Gas Limit', '==================', '', options.gasLimit.toString(), '')
  if (options.aiInference !== undefined)
    lines.push(
      'AI Inference Precompile',
      '==================',
      '',
      `${AI_INFERENCE_ADDRESS} (${options.aiInference})`,
      '',
    )
  if (options.aiStack) {
    lines.push('AI Contracts (genesis)', '==================', '')
    for (const [name, address] of Object.entries(aiStackPresetAddresses))
      lines.push(`${name.padEnd(20)} ${address}`)
    lines.push('')
  }
  lines.push(
    `Mining: ${options.blockTime === undefined ? 'automine' : `every ${options.blockTime}s`}    Fork: ${options.fork}    Data: ${options.dataDir ?? '(ephemeral)'}`,
  )
  lines.push('', `Listening on ${server.host}:${server.port}`, '')
  return lines.join('\n')
}

let checksumFn: ((a: string) => string) | undefined
function checksum(a: string): string {
  return checksumFn ? checksumFn(a) : a
}

/** Starts a dev node and its JSON-RPC server; resolves once listening. */
export async function startDev(
  options: DevOptions,
  extra: { vm?: NodeVm | undefined } = {},
): Promise<{ node: Node; server: RpcServer; banner: string }> {
  const { getAddress } = await import('viem')
  checksumFn = getAddress
  // The WASM keccak backend is ~2.5x faster than the synchronous default; its set-up is async, so
  // the long-running node opts in here (falls back silently where hash-wasm does not load).
  await useFastKeccak256()
  // The dev accounts come from the mnemonic; account 0 owns the predeployed AI stack.
  const genesisTimestamp = BigInt(Math.floor(Date.now() / 1000))
  const alloc =
    options.aiStack && options.accounts > 0
      ? aiStackGenesisAlloc({
          owner: deriveDevAccounts(options.mnemonic, 1)[0]!.address,
          chainId: options.chainId,
          timestamp: genesisTimestamp,
          fork: options.fork,
        })
      : undefined
  const node = createNode({
    chainId: options.chainId,
    genesisTimestamp,
    alloc,
    fork: options.fork,
    dataDir: options.dataDir,
    mnemonic: options.mnemonic,
    accounts: options.accounts,
    balance: options.balance,
    blockGasLimit: options.gasLimit,
    workers: options.workers,
    // Workers load the same handler through a module of their own (they cannot receive a function).
    vmModule:
      options.aiInference !== undefined && options.workers > 0
        ? aiInferenceVmModule(options.aiInference)
        : undefined,
    mining:
      options.blockTime === undefined
        ? { mode: 'auto' }
        : { mode: 'interval', intervalMs: Math.max(1, Math.round(options.blockTime * 1000)) },
    vm:
      options.aiInference === undefined
        ? extra.vm
        : withPrecompiles(
            {
              [AI_INFERENCE_ADDRESS]: aiInferencePrecompile(await loadInferenceHandler(options.aiInference)),
            },
            extra.vm,
          ),
  })
  let server: RpcServer
  try {
    server = await node.listen({ port: options.port, host: options.host })
  } catch (err) {
    await node.close()
    throw err
  }
  return { node, server, banner: devBanner(node, options, server) }
}
