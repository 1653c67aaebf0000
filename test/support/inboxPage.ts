import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { launchBrowser } from './browser.js'
import { serveStatic } from './staticServer.js'
import type { CountingWallet } from './wallets.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Serves test/e2e/pages/inbox.tsx built as an app would build it (esbuild: components, hooks and client in one
 * bundle, one stylesheet), and opens it in Chromium for a wallet.
 */
export async function startInboxSite() {
  const outdir = mkdtempSync(join(tmpdir(), 'xmtp-kit-inbox-page-'))
  await build({
    entryPoints: { inbox: join(root, 'test/e2e/pages/inbox.tsx'), styles: join(root, 'packages/components/src/styles.css') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    tsconfig: join(root, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    outdir,
    logLevel: 'error',
  })
  const site = await serveStatic({
    '/': {
      body: '<!doctype html><html lang="en"><meta charset="utf-8"><title>Inbox</title><link rel="stylesheet" href="/styles.css"><div id="root"></div><script type="module" src="/inbox.js"></script></html>',
      type: 'text/html',
    },
    '/inbox.js': { file: join(outdir, 'inbox.js') },
    '/styles.css': { file: join(outdir, 'styles.css') },
  })
  const browsers: Awaited<ReturnType<typeof launchBrowser>>[] = []
  return {
    url: site.url,
    /** A person: their own Chromium, their own wallet, the inbox page open on the node. */
    async open(wallet: CountingWallet, nodeUrl: string, theme: 'light' | 'dark' = 'light') {
      const browser = await launchBrowser()
      browsers.push(browser)
      const { page } = browser
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      await page.setViewportSize({ width: 1000, height: 720 })
      await page.exposeFunction('walletAddress', () => wallet.address)
      await page.exposeFunction('walletSignMessage', (message: string) => wallet.signMessage(message))
      await page.goto(`${site.url}/?node=${encodeURIComponent(nodeUrl)}&theme=${theme}`)
      await page.getByRole('tablist', { name: 'Conversations' }).waitFor()
      return { page, errors, wallet }
    },
    async close() {
      for (const browser of browsers) await browser.close()
      await site.close()
      rmSync(outdir, { recursive: true, force: true })
    },
  }
}

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`
export const threadOf = (page: Page) => page.getByRole('list', { name: 'Messages' })
