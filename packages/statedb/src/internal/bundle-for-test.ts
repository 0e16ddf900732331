// Tests run TypeScript sources; child processes and worker threads need plain JavaScript. This
// bundles an entry (and the workspace sources it imports) with esbuild into node_modules/.cache,
// leaving lmdb (native) external so it resolves from the repository's node_modules.
import { mkdirSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')

export async function bundleForTest(entry: string): Promise<string> {
  const outDir = join(repoRoot, 'node_modules/.cache/metis-statedb-test')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, `${basename(entry, '.ts')}-${process.pid}.mjs`)
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@metis-sdk/source'],
    external: ['lmdb', 'hash-wasm'],
    logLevel: 'error',
  })
  return outfile
}
