import { defineConfig } from 'vitest/config'

// One `npm test` runs every package: each package (and example) is a vitest project with its own
// vitest.config.ts that resolves workspace dependencies to their `src` through the private
// `@metis-sdk/source` export condition, so tests never wait for a build.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
