import { readdirSync, existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumPath } from './scripts/chromium.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))

/** Every workspace package resolves to its sources, so tests never need a build. */
const alias = readdirSync(`${root}packages`)
  .filter((name) => existsSync(`${root}packages/${name}/src/index.ts`))
  .flatMap((name) => [
    { find: new RegExp(`^@xmtp-kit/${name}$`), replacement: `${root}packages/${name}/src/index.ts` },
    // Extra entry points, e.g. `@xmtp-kit/client/wasm` → packages/client/src/wasm.ts
    { find: new RegExp(`^@xmtp-kit/${name}/([a-z-]+)$`), replacement: `${root}packages/${name}/src/$1.ts` },
  ])

/**
 * Chromium as scripts/chromium.mjs finds it (CHROMIUM_PATH, Debian's, or the one shipped on npm; never a
 * downloaded browser), looked up when the browser starts, so runs without browser tests never need one.
 * `launch()` makes a fresh temporary profile itself.
 */
const chromium = {
  get executablePath() {
    return chromiumPath()
  },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}

const react18 = `${root}test/react18/node_modules`
/** The hook suites that also run under React 18. */
const react18Tests = ['test/react/useClient.test.tsx', 'test/react/useMessages.test.tsx', 'test/react/wagmi.test.tsx', 'test/react/ssr.hydrate.test.tsx']

export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['./test/support/globalSetup.ts'],
    // Vitest's default is one worker per core less one: a single worker on 2 cores. Most files spend their time
    // waiting on sockets, child processes and Chromium, so two workers overlap those waits (353 s instead of 533 s
    // for `npm test` here; three workers were slower and starved the CPU-bound property tests).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/interop/**', 'test/e2e/**', 'test/react/**'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          // One jsdom and one module graph per worker, not per file: half the time. The hooks keep no
          // global state beyond per-client caches, so files cannot leak into each other.
          isolate: false,
          include: ['test/react/**/*.test.{ts,tsx}', 'test/components/**/*.test.{ts,tsx}'],
          setupFiles: ['./test/react/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // The same hooks under React 18 (installed in test/react18, away from the root's React 19). Modules
        // that import React are inlined so that these aliases reach them; the rest load natively.
        extends: true,
        resolve: {
          alias: [
            { find: /^react(-dom)?(\/.*)?$/, replacement: `${react18}/react$1$2` },
            { find: /^use-sync-external-store(\/.*)$/, replacement: `${react18}/use-sync-external-store$1` },
            // Its ESM build, inlined: the CommonJS one would `require` the root's React.
            { find: /^@testing-library\/react$/, replacement: `${root}node_modules/@testing-library/react/dist/@testing-library/react.esm.js` },
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          isolate: false,
          include: react18Tests,
          setupFiles: ['./test/react/setup.ts', './test/react18/setup.ts'],
          server: { deps: { inline: ['wagmi', '@tanstack/react-query', '@testing-library/react'] } },
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
      {
        // Every story in stories/ as a test in Chromium: it renders, its play function passes, and axe finds
        // no violation (`parameters.a11y.test = 'error'` in .storybook/preview.tsx).
        extends: true,
        plugins: [storybookTest({ configDir: `${root}.storybook` })],
        test: {
          name: 'storybook',
          // The first long-thread story of a run generates its 10,000 messages (about 8 s, see stories/README.md).
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromium }),
            instances: [{ browser: 'chromium' }],
            // A desktop window, as in Storybook; the narrow stories frame themselves at 320 px.
            viewport: { width: 1280, height: 800 },
          },
        },
      },
    ],
  },
})
