import { existsSync } from 'node:fs'
import { defineConfig } from 'tsup'
import { preset } from '../../tsup.preset'

// The `metis` CLI is a second entry (dist/cli/metis.js, the package's bin).
export default defineConfig(
  preset({
    entry: {
      ...(existsSync('src/index.ts') ? { index: 'src/index.ts' } : {}),
      'cli/metis': 'src/cli/metis.ts',
    },
  }),
)
