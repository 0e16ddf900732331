import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const SOURCE = join(here, 'fixtures/TestToken.sol')
const CACHE = join(here, 'fixtures/TestToken.json')

export type Artifact = {
  abi: unknown[]
  bytecode: `0x${string}`
  deployedBytecode: `0x${string}`
  sourceHash: string
  solc: string
}

/**
 * Compiles the OpenZeppelin ERC-20 test token with solc-js (0.8.30, cancun, optimizer 200),
 * offline, with a cache keyed by the source hash so tests and the benchmark compile only once.
 */
export function loadTestToken(): Artifact {
  const source = readFileSync(SOURCE, 'utf8')
  const ozPkg = require.resolve('@openzeppelin/contracts/package.json')
  const ozVersion = JSON.parse(readFileSync(ozPkg, 'utf8')).version as string
  const sourceHash = createHash('sha256').update(source).update(ozVersion).digest('hex')
  if (existsSync(CACHE)) {
    const cached = JSON.parse(readFileSync(CACHE, 'utf8')) as Artifact
    if (cached.sourceHash === sourceHash) return cached
  }
  const solc = require('solc')
  const input = {
    language: 'Solidity',
    sources: { 'TestToken.sol': { content: source } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  }
  const ozRoot = dirname(dirname(dirname(ozPkg)))
  const findImports = (path: string) => {
    const full = join(ozRoot, path)
    return existsSync(full) ? { contents: readFileSync(full, 'utf8') } : { error: `not found: ${path}` }
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error')
  if (errors.length > 0)
    throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'))
  const c = output.contracts['TestToken.sol'].TestToken
  const artifact: Artifact = {
    abi: c.abi,
    bytecode: `0x${c.evm.bytecode.object}`,
    deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    sourceHash,
    solc: solc.version(),
  }
  writeFileSync(CACHE, `${JSON.stringify(artifact, null, 2)}\n`)
  return artifact
}
