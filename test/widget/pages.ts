// Plain HTML pages for the widget's browser tests: the built widget files, a fake EIP-1193 wallet whose requests
// are signed in the test process by a viem account, and a tab that records errors, CSP violations and chunk loads.
import { fileURLToPath } from 'node:url'
import type { Client } from '@xmtp/xmtp-js'
import type { BrowserContext, Page } from 'playwright-core'
import { hexToString } from 'viem'
import { expect } from 'vitest'
import { serveStatic } from '../support/staticServer.js'
import type { CountingWallet } from '../support/wallets.js'

export const widgetDist = (file: string) => fileURLToPath(new URL(`../../packages/widget/dist/${file}`, import.meta.url))

/**
 * The fake wallet: `window.ethereum.request` forwards to `walletRequest`, exposed by the test; `walletEmit`
 * plays the wallet's events (e.g. `accountsChanged`).
 */
const walletScript = `
  const listeners = {}
  window.ethereum = {
    request: ({ method, params }) => window.walletRequest(method, params || []),
    on: (event, listener) => (listeners[event] = listeners[event] || []).push(listener),
    removeListener: (event, listener) => (listeners[event] = (listeners[event] || []).filter((l) => l !== listener)),
  }
  window.walletEmit = (event, payload) => (listeners[event] || []).forEach((listener) => listener(payload))
`

/** A stylesheet that tries everything to break an embedded widget. */
export const hostileCss = `
  * { all: unset; }
  button { display: none; }
  html { font-size: 64px; }
  body { font-size: 3em; line-height: 4; letter-spacing: 6px; text-transform: uppercase; color: red; font-family: serif; }
  div, section, p, h2 { padding: 30px; margin: 20px; border: 5px solid lime; box-sizing: content-box; }
  :root { --xk-color-bg: black; --xk-font-size: 40px; --xkw-accent: lime; }
`

/** A page: optional fake wallet, some host content, then `body` (the widget's script tags). */
export function pageHtml({ wallet = true, head = '', body = '', nonce }: { wallet?: boolean; head?: string; body?: string; nonce?: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}
    ${wallet ? `<script src="/wallet.js"${nonce ? ` nonce="${nonce}"` : ''}></script>` : ''}</head>
    <body><h1 id="host-title">A shop</h1><p id="host-text">Some text on the page.</p><button id="host-button" type="button">Buy</button>
    <div id="host-box">A box</div>${body}</body></html>`
}

/** Serves the widget's files (also under /cdn/, where the chunk is missing), the fake wallet, the hostile CSS and `pages`. */
export async function serveSite(pages: Record<string, string>, headers: Record<string, string> = {}) {
  return serveStatic(
    {
      '/xmtp-kit-widget.js': { file: widgetDist('xmtp-kit-widget.js') },
      '/xmtp-kit-widget-inbox.js': { file: widgetDist('xmtp-kit-widget-inbox.js') },
      '/cdn/xmtp-kit-widget.js': { file: widgetDist('xmtp-kit-widget.js') },
      '/wallet.js': { body: walletScript, type: 'text/javascript' },
      '/hostile.css': { body: hostileCss, type: 'text/css' },
      ...Object.fromEntries(Object.entries(pages).map(([path, body]) => [path, { body, type: 'text/html; charset=utf-8' }])),
    },
    headers,
  )
}

export interface WatchedPage {
  page: Page
  /** Uncaught exceptions and unhandled rejections. */
  errors: string[]
  /** `console.error` lines, except Chromium's own "Failed to load resource" for unreachable URLs. */
  consoleErrors: string[]
  /** Requests for the inbox chunk. */
  chunkRequests: number
  /** `securitypolicyviolation` events so far. */
  violations(): Promise<string[]>
}

/** A new tab, with the fake wallet's signer exposed when `wallet` is given. */
export async function openPage(context: BrowserContext, wallet?: CountingWallet): Promise<WatchedPage> {
  const page = await context.newPage()
  const watched: WatchedPage = {
    page,
    errors: [],
    consoleErrors: [],
    chunkRequests: 0,
    violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations),
  }
  page.on('pageerror', (error) => watched.errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) watched.consoleErrors.push(message.text())
  })
  page.on('request', (request) => {
    if (request.url().endsWith('/xmtp-kit-widget-inbox.js')) watched.chunkRequests++
  })
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (event) =>
      w.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`),
    )
  })
  if (wallet) {
    await page.exposeFunction('walletRequest', async (method: string, params: unknown[]) => {
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [wallet.address]
      if (method === 'personal_sign') return wallet.signMessage(hexToString(params[0] as `0x${string}`))
      throw new Error(`unsupported method ${method}`)
    })
  }
  return watched
}

/** A widget's host element (its shadow root is open, so Playwright's locators reach inside). */
export const widgetHost = (page: Page, id = 'xmtp-kit-widget') => page.locator(`xmtp-kit-widget[data-id="${id}"]`)

type SdkConversation = Awaited<ReturnType<Client['conversations']['list']>>[number]

/** Polls an `@xmtp/xmtp-js` client until `from` has written `text` to it; returns that conversation. */
export async function peerReceives(peer: Client, from: string, text: string): Promise<SdkConversation> {
  let found: SdkConversation | undefined
  await expect
    .poll(
      async () => {
        for (const conversation of (await peer.conversations.list()).filter((c) => c.peerAddress === from)) {
          if ((await conversation.messages()).some((m) => m.content === text)) found = conversation
        }
        return found !== undefined
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true)
  return found!
}
