import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Stories import the workspace packages by name; they resolve to their sources, so no build is needed. */
const alias = readdirSync(`${root}packages`)
  .filter((name) => existsSync(`${root}packages/${name}/src/index.ts`))
  .flatMap((name) => [
    { find: new RegExp(`^@xmtp-kit/${name}$`), replacement: `${root}packages/${name}/src/index.ts` },
    { find: new RegExp(`^@xmtp-kit/${name}/([a-z-]+)$`), replacement: `${root}packages/${name}/src/$1.ts` },
  ])

/**
 * Pre-bundled up front: a dependency first met in the middle of a test run makes Vite reload the page, which
 * fails the story file being imported at that moment.
 */
const prebundled = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  '@radix-ui/react-dialog',
  '@tanstack/react-virtual',
  '@noble/ciphers/aes.js',
  '@noble/curves/secp256k1.js',
  '@noble/curves/utils.js',
  '@noble/hashes/hkdf.js',
  '@noble/hashes/hmac.js',
  '@noble/hashes/sha2.js',
  '@noble/hashes/sha3.js',
  '@noble/hashes/utils.js',
  '@xmtp/proto',
  'long',
  'viem/accounts',
]

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(config) {
    const { mergeConfig } = await import('vite')
    return mergeConfig(config, {
      resolve: { alias },
      optimizeDeps: { include: prebundled },
      build: {
        // Radix's `"use client"` directives mean nothing in a static bundle, the iframe bundle is big by nature,
        // and plugin timings only say the machine is busy.
        chunkSizeWarningLimit: 4096,
        rollupOptions: {
          onwarn(warning: { code?: string }, warn: (warning: { code?: string }) => void) {
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warning.code !== 'PLUGIN_TIMINGS') warn(warning)
          },
        },
      },
    })
  },
}

export default config
