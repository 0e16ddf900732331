import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Where the ethereum/tests fixtures are: `$ETHEREUM_TESTS_PATH`, else `../shared/fixtures/ethereum-tests`
 * beside the checkout.
 */
export function ethereumTestsPath(): string {
  return process.env.ETHEREUM_TESTS_PATH
    ? resolve(process.env.ETHEREUM_TESTS_PATH)
    : resolve(repoRoot, '../shared/fixtures/ethereum-tests')
}

/** Where the final EIP-2537 vectors are: `$EIP2537_TESTS_PATH`, else `../shared/fixtures/eip-2537`. */
export function eip2537TestsPath(): string {
  return process.env.EIP2537_TESTS_PATH
    ? resolve(process.env.EIP2537_TESTS_PATH)
    : resolve(repoRoot, '../shared/fixtures/eip-2537')
}

export type FixtureLocation =
  | { available: true; path: string }
  | { available: false; path: string; reason: string }

/**
 * Resolves a fixture folder (relative to the ethereum/tests root, or absolute). When it is absent:
 * under `CI=true` this throws (conformance must run in CI); otherwise it prints one line saying how
 * to point the suite at a checkout and returns `available: false` so the suite can skip.
 */
export function locateFixtures(sub: string, root = ethereumTestsPath()): FixtureLocation {
  const path = resolve(root, sub)
  if (existsSync(path)) return { available: true, path }
  const reason = `fixtures not found at ${path}; set ETHEREUM_TESTS_PATH to a checkout of ethereum/tests to run this conformance suite`
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`)
  console.warn(`[conformance] skipping: ${reason}`)
  return { available: false, path, reason }
}

/** All `*.json` files under `dir`, recursively, sorted for stable test order. */
export function listJsonFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.json')) out.push(p)
    }
  }
  walk(dir)
  return out
}

/** Parses a JSON fixture file. */
export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

/** A known-failures list: `id → reason`, loaded from a checked-in JSON file. */
export type KnownFailures = Map<string, string>

/**
 * Loads a checked-in known-failures file: a JSON object `{ "<case id>": "<one-line reason>" }`.
 * Missing file = no known failures.
 */
export function loadKnownFailures(file: string): KnownFailures {
  if (!existsSync(file)) return new Map()
  const data = readJson<Record<string, string>>(file)
  for (const [id, reason] of Object.entries(data))
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new Error(`known failure ${id} in ${file} has no reason`)
  return new Map(Object.entries(data))
}

/** A stable display id of a fixture file relative to a root. */
export function fixtureId(root: string, file: string): string {
  return relative(root, file)
}
