import { defineConfig } from 'tsup'
import { preset } from '../../tsup.preset'

// Two entries: the library (no commander) and the metis-evm CLI.
export default defineConfig(preset({ entry: ['src/index.ts', 'src/cli.ts'] }))
