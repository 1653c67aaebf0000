// Plain HTML pages for the widget's browser tests: the built widget files, a fake EIP-1193 wallet whose requests
// are signed in the test process by a viem account, and a tab that records errors, CSP violations and requests.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import type { Client } from '@xmtp/xmtp-js'
import type { BrowserContext, Page } from 'playwright-core'
import { hexToString } from 'viem'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { launchBrowser } from '../support/browser.js'
import { serveStatic } from '../support/staticServer.js'
import { type CountingWallet, createCountingWallet } from '../support/wallets.js'

const { Client: SdkClient } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
type SdkClient = Awaited<ReturnType<typeof SdkClient.create>>

export const widgetDist = (file: string) => fileURLToPath(new URL(`../../packages/widget/dist/${file}`, import.meta.url))

/**
 * The fake wallet, as an extension injects it: `request` forwards to `walletRequest`, exposed by the test, and
 * rejects with the wallet's EIP-1193 error (`code`, `message`); `walletEmit` plays the wallet's events (e.g.
 * `accountsChanged`). It is `window.ethereum`, or (`eip6963`) only announced through EIP-6963, as a wallet does
 * when another extension holds `window.ethereum`.
 */
const walletScript = (discovery: 'window.ethereum' | 'eip6963') => `
  const listeners = {}
  const provider = {
    request: ({ method, params }) =>
      window.walletRequest(method, params || []).then((answer) =>
        answer.error ? Promise.reject(Object.assign(new Error(answer.error.message), { code: answer.error.code })) : answer.result,
      ),
    on: (event, listener) => (listeners[event] = listeners[event] || []).push(listener),
    removeListener: (event, listener) => (listeners[event] = (listeners[event] || []).filter((l) => l !== listener)),
  }
  window.walletEmit = (event, payload) => (listeners[event] || []).forEach((listener) => listener(payload))
  ${
    discovery === 'eip6963'
      ? `const detail = Object.freeze({
    info: { uuid: '0b5e2d7c-5a55-4a3e-9a5e-6f1c2b3d4e5f', name: 'Test Wallet', icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E', rdns: 'org.example.testwallet' },
    provider,
  })
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }))
  window.addEventListener('eip6963:requestProvider', announce)
  announce()`
      : 'window.ethereum = provider'
  }
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

/** A page: optional fake wallet (`window.ethereum`, or `'eip6963'`: announced only), some host content, then `body` (the widget's script tags). */
export function pageHtml({
  wallet = true,
  head = '',
  body = '',
  nonce,
}: {
  wallet?: boolean | 'eip6963'
  head?: string
  body?: string
  nonce?: string
}): string {
  const src = wallet === 'eip6963' ? '/wallet-eip6963.js' : '/wallet.js'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}
    ${wallet ? `<script src="${src}"${nonce ? ` nonce="${nonce}"` : ''}></script>` : ''}</head>
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
      '/wallet.js': { body: walletScript('window.ethereum'), type: 'text/javascript' },
      '/wallet-eip6963.js': { body: walletScript('eip6963'), type: 'text/javascript' },
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
  /** Every URL the page requested (documents, scripts, fetches, WebSockets). */
  requests: string[]
  /** `securitypolicyviolation` events so far. */
  violations(): Promise<string[]>
  /** The fake wallet's accounts change (another account chosen; `[]`: locked), and it says so (`accountsChanged`). */
  setWalletAccounts(accounts: string[]): Promise<void>
}

/** A new tab, with the fake wallet's signer exposed when `wallet` is given. */
export async function openPage(context: BrowserContext, wallet?: CountingWallet): Promise<WatchedPage> {
  const page = await context.newPage()
  const watched: WatchedPage = {
    page,
    errors: [],
    consoleErrors: [],
    chunkRequests: 0,
    requests: [],
    violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    setWalletAccounts: () => Promise.reject(new Error('This page has no wallet.')),
  }
  page.on('pageerror', (error) => watched.errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) watched.consoleErrors.push(message.text())
  })
  page.on('request', (request) => {
    watched.requests.push(request.url())
    if (request.url().endsWith('/xmtp-kit-widget-inbox.js')) watched.chunkRequests++
  })
  page.on('websocket', (socket) => watched.requests.push(socket.url()))
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (event) =>
      w.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`),
    )
  })
  if (wallet) {
    // What the wallet answers: its accounts (the visitor approves the connect prompt), its chain (Ethereum
    // mainnet), signatures by its account, and EIP-1193's "unsupported method" (4200) for everything else.
    let accounts: string[] = [wallet.address]
    type Answer = { result: unknown } | { error: { code: number; message: string } }
    await page.exposeFunction('walletRequest', async (method: string, params: unknown[]): Promise<Answer> => {
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return { result: accounts }
        case 'eth_chainId':
          return { result: '0x1' }
        case 'personal_sign':
          if (!accounts.some((account) => account.toLowerCase() === String(params[1]).toLowerCase())) {
            return { error: { code: 4100, message: 'The requested account has not been authorized by the user.' } }
          }
          return { result: await wallet.signMessage(hexToString(params[0] as `0x${string}`)) }
        default:
          return { error: { code: 4200, message: `The wallet does not support ${method}.` } }
      }
    })
    watched.setWalletAccounts = async (next) => {
      accounts = next
      await page.evaluate((next) => (window as unknown as { walletEmit(event: string, payload: unknown): void }).walletEmit('accountsChanged', next), next)
    }
  }
  return watched
}

/**
 * The page talked to its own origin and the XMTP node, and to nothing else: no RPC endpoint, no wallet SDK's
 * servers, no CDN (`data:` URLs are not requests on the network).
 */
export function expectOnlyRequestsTo(watched: WatchedPage, urls: string[]): void {
  const allowed = urls.map((url) => new URL(url).host)
  const network = watched.requests.filter((url) => !url.startsWith('data:'))
  expect(network.filter((url) => !allowed.includes(new URL(url).host))).toEqual([])
  expect(new Set(network.map((url) => new URL(url).host))).toEqual(new Set(allowed))
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

/**
 * The setup the widget's browser tests share: a node, an `@xmtp/xmtp-js` peer on it and one Chromium, started
 * before the file's tests; sites and tabs a test opens are closed after it (tabs) or after the file (sites).
 */
export function widgetTestBed() {
  let node: StartNodeReturnType | undefined
  let peer: SdkClient | undefined
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined
  const servers: Array<{ close(): Promise<void> }> = []
  const tabs: WatchedPage[] = []
  beforeAll(async () => {
    node = await startNode({ port: 0, db: ':memory:' })
    peer = await SdkClient.create(createCountingWallet(), { apiUrl: node.url })
    browser = await launchBrowser()
  })
  afterEach(async () => {
    for (const tab of tabs.splice(0)) await tab.page.close()
  })
  afterAll(async () => {
    await browser?.close()
    for (const server of servers) await server.close()
    await peer?.close()
    await node?.close()
  })
  return {
    get node() {
      return node!
    },
    get peer() {
      return peer!
    },
    get browser() {
      return browser!
    },
    /** Serves `pages` (with the widget's files) until the end of the file. */
    async site(pages: Record<string, string>, headers?: Record<string, string>) {
      const server = await serveSite(pages, headers)
      servers.push(server)
      return server
    },
    /** A new tab (closed after the test), its wallet answered by `wallet` when given. */
    async tab(wallet?: CountingWallet) {
      const watched = await openPage(browser!.context, wallet)
      tabs.push(watched)
      return watched
    },
  }
}
