import { defineConfig } from 'tsup'
import { preset } from '../../tsup.preset'

// The sender-recovery worker is its own entry (dist/recover-worker.js), loaded by URL at run time.
export default defineConfig(
  preset({ entry: { index: 'src/index.ts', 'recover-worker': 'src/mempool/recover-worker.ts' } }),
)
