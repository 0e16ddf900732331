import { existsSync } from 'node:fs'
import { defineConfig } from 'tsup'
import { preset } from '../../tsup.preset'

// The `metis` CLI is a second entry (dist/cli/metis.js, the package's bin). The VM module the
// Block-STM workers of `metis dev --ai-inference … --workers N` import is a third, ESM only (it
// uses top-level await and is only ever loaded by `import()` in a worker).
export default defineConfig([
  preset({
    entry: {
      ...(existsSync('src/index.ts') ? { index: 'src/index.ts' } : {}),
      'cli/metis': 'src/cli/metis.ts',
    },
  }),
  preset({
    entry: { 'cli/ai-inference-vm': 'src/cli/ai-inference-vm.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
  }),
])
