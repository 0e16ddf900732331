import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@metis-sdk/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@metis-sdk/source', 'import', 'module', 'node', 'default'] } },
  test: { name: 'example-ai-data-market', include: ['*.test.ts'], testTimeout: 120_000 },
})
