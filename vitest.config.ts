import { readdirSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

/** Every workspace package resolves to its sources, so tests never need a build. */
const alias = readdirSync(`${root}packages`)
  .filter((name) => existsSync(`${root}packages/${name}/src/index.ts`))
  .flatMap((name) => [
    { find: new RegExp(`^@xmtp-kit/${name}$`), replacement: `${root}packages/${name}/src/index.ts` },
    // Extra entry points, e.g. `@xmtp-kit/client/wasm` → packages/client/src/wasm.ts
    { find: new RegExp(`^@xmtp-kit/${name}/([a-z-]+)$`), replacement: `${root}packages/${name}/src/$1.ts` },
  ])

export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['./test/support/globalSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/interop/**', 'test/e2e/**'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'interop',
          environment: 'node',
          include: ['test/interop/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
