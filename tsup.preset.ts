import type { Options } from 'tsup'

/**
 * The one build preset every package uses: ESM + CJS + .d.ts/.d.cts, Node 20 target.
 * A package's tsup.config.ts only names its entries (and, rarely, extra externals).
 */
export function preset(options: Partial<Options> = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    outDir: 'dist',
    ...options,
  }
}
