import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

// The first example of docs/createChain.md runs as written (from the repo root, against sources).
it('docs/createChain.md: the example runs', () => {
  const root = fileURLToPath(new URL('../../../../', import.meta.url))
  const doc = readFileSync(`${root}docs/createChain.md`, 'utf8')
  const code = /```ts\n([\s\S]*?)```/.exec(doc)![1]!
  const tsx = `${root}node_modules/.bin/tsx`
  const out = execFileSync(tsx, ['--conditions=@metis-sdk/source', '--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
  })
  expect(out).toContain('0n 0x')
  expect(out).toContain('echo: hello')
}, 120_000)
