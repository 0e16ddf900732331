import { defineConfig } from 'tsup'
import { preset } from '../../tsup.preset'

// The worker script uses top-level await and is only ever loaded as ESM by `new Worker(url)`.
export default defineConfig([
  preset(),
  preset({ entry: ['src/parallel/worker.ts'], format: ['esm'], dts: false, clean: false }),
])
