import { defineProject, type UserWorkspaceConfig } from 'vitest/config'

/** Shared vitest project settings: resolve `@metis-sdk/*` to source via the private condition. */
export function project(name: string, extra: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { conditions: ['@metis-sdk/source', 'import', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@metis-sdk/source', 'import', 'module', 'node', 'default'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...extra,
    },
  })
}
