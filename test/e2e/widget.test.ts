/**
 * The script-tag widget in Chromium, on plain HTML pages (no bundler, no React on the page): the launcher, the
 * inbox chunk, a wallet, a real node and the official SDK as the peer.
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import type { Page } from 'playwright-core'
import { hexToString } from 'viem'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../support/browser.js'
import { serveStatic } from '../support/staticServer.js'
import { type CountingWallet, createCountingWallet } from '../support/wallets.js'

const { Client } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
type SdkClient = Awaited<ReturnType<typeof Client.create>>

const dist = (file: string) => fileURLToPath(new URL(`../../packages/widget/dist/${file}`, import.meta.url))
const CSP = "script-src 'self'; style-src 'self'"

let node: StartNodeReturnType
let peer: SdkClient
let browser: Awaited<ReturnType<typeof launchBrowser>>
const servers: Array<{ close(): Promise<void> }> = []
const pages: Page[] = []

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  peer = await Client.create(createCountingWallet(), { apiUrl: node.url })
  browser = await launchBrowser()
})
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close()
})
afterAll(async () => {
  await browser?.close()
  for (const server of servers) await server.close()
  await peer?.close()
  await node?.close()
})

/** A page's HTML: the fake wallet's script (if any), host content, then the given script tags. */
function html({ wallet = true, head = '', body = '' }: { wallet?: boolean; head?: string; body?: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}
    ${wallet ? '<script src="/wallet.js"></script>' : ''}</head>
    <body><h1 id="host-title">A shop</h1><p id="host-text">Some text on the page.</p><button id="host-button" type="button">Buy</button>
    <div id="host-box">A box</div>${body}</body></html>`
}

/** A fake EIP-1193 wallet for the page: every request goes to the test process, where a viem account signs. */
const walletScript = `window.ethereum = { request: ({ method, params }) => window.walletRequest(method, params || []) }`

const hostileCss = `
  * { all: unset; }
  button { display: none; }
  html { font-size: 64px; }
  body { font-size: 3em; line-height: 4; letter-spacing: 6px; text-transform: uppercase; color: red; font-family: serif; }
  div, section, p { padding: 30px; margin: 20px; border: 5px solid lime; box-sizing: content-box; }
  :root { --xk-color-bg: black; --xk-font-size: 40px; }
`

/** Serves the widget's files, the fake wallet, the hostile stylesheet and the given pages. */
async function site(pagesHtml: Record<string, string>, headers: Record<string, string> = {}) {
  const server = await serveStatic(
    {
      '/xmtp-kit-widget.js': { file: dist('xmtp-kit-widget.js') },
      '/xmtp-kit-widget-inbox.js': { file: dist('xmtp-kit-widget-inbox.js') },
      '/wallet.js': { body: walletScript, type: 'text/javascript' },
      '/hostile.css': { body: hostileCss, type: 'text/css' },
      ...Object.fromEntries(Object.entries(pagesHtml).map(([path, body]) => [path, { body, type: 'text/html; charset=utf-8' }])),
    },
    headers,
  )
  servers.push(server)
  return server
}

interface Watched {
  page: Page
  errors: string[]
  consoleErrors: string[]
  chunkRequests: number
}

/** A new tab with the fake wallet's signer exposed, watching errors, CSP violations and chunk loads. */
async function openPage(wallet: CountingWallet | undefined): Promise<Watched> {
  const page = await browser.context.newPage()
  pages.push(page)
  const watched: Watched = { page, errors: [], consoleErrors: [], chunkRequests: 0 }
  page.on('pageerror', (error) => watched.errors.push(error.message))
  page.on('console', (message) => {
    // Chromium itself logs failed requests (the unreachable-node case); those are not the page's errors.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) watched.consoleErrors.push(message.text())
  })
  page.on('request', (request) => {
    if (request.url().endsWith('/xmtp-kit-widget-inbox.js')) watched.chunkRequests++
  })
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (event) => w.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`))
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

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations)
const widget = (page: Page, id = 'xmtp-kit-widget') => page.locator(`xmtp-kit-widget[data-id="${id}"]`)

/** Polls the SDK peer until the widget's wallet has written `text` to it; returns that conversation. */
async function peerReceives(from: string, text: string) {
  let found: Awaited<ReturnType<SdkClient['conversations']['list']>>[number] | undefined
  await expect
    .poll(
      async () => {
        const conversations = await peer.conversations.list()
        for (const conversation of conversations.filter((c) => c.peerAddress === from)) {
          const messages = await conversation.messages()
          if (messages.some((m) => m.content === text)) found = conversation
        }
        return found !== undefined
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true)
  return found!
}

/** Launcher → connect → message the peer → the peer replies → the reply shows → closed, the badge counts. */
async function messagingFlow(watched: Watched, wallet: CountingWallet) {
  const { page } = watched
  const launcher = widget(page).getByRole('button', { name: 'Open messages' })
  await launcher.waitFor()
  // Nothing but the launcher loads before the first click.
  expect(watched.chunkRequests).toBe(0)
  await page.evaluate(() => {
    const w = window as unknown as { events: unknown[]; XMTPKit: import('../../packages/widget/src/types.js').XMTPKitAPI }
    w.events = []
    for (const event of ['open', 'close', 'unread', 'message'] as const) {
      w.XMTPKit.on(event, (payload: unknown) => w.events.push([event, event === 'message' ? (payload as { text: string }).text : payload]))
    }
  })

  await launcher.click()
  const panel = widget(page).getByRole('dialog', { name: 'Messages' })
  await panel.waitFor()
  await panel.getByRole('button', { name: 'Connect wallet' }).click()
  const composer = panel.getByRole('textbox', { name: 'Message' })
  await composer.waitFor({ timeout: 30_000 })
  expect(watched.chunkRequests).toBe(1)
  expect(wallet.signatures).toBe(2) // creating the identity: the identity key, then the key bundle's storage

  await composer.fill('gm from the widget')
  await composer.press('Enter')
  const conversation = await peerReceives(wallet.address, 'gm from the widget')
  await conversation.send('gm from the SDK')
  const thread = panel.getByRole('list', { name: 'Messages' })
  await thread.getByText('gm from the SDK').waitFor({ timeout: 30_000 })

  // Closed, the inbox keeps listening: the badge counts what arrives.
  await panel.getByRole('button', { name: 'Close messages' }).click()
  await expect.poll(() => panel.isVisible()).toBe(false)
  await conversation.send('are you there?')
  await conversation.send('one more')
  const badged = widget(page).getByRole('button', { name: 'Open messages (2 unread)' })
  await badged.waitFor({ timeout: 30_000 })
  expect(await widget(page).locator('.xkw-badge').textContent()).toBe('2')

  // Opened again, the thread is read and the badge goes.
  await badged.click()
  await thread.getByText('one more').waitFor({ timeout: 30_000 })
  await widget(page).getByRole('button', { name: 'Open messages' }).waitFor({ timeout: 30_000 })
  expect(await widget(page).locator('.xkw-badge').isHidden()).toBe(true)

  const events = await page.evaluate(() => (window as unknown as { events: Array<[string, unknown]> }).events)
  expect(events.filter(([e]) => e === 'open' || e === 'close')).toEqual([['open', undefined], ['close', undefined], ['open', undefined]])
  expect(events.filter(([e]) => e === 'message')).toEqual([
    ['message', 'gm from the widget'],
    ['message', 'gm from the SDK'],
    ['message', 'are you there?'],
    ['message', 'one more'],
  ])
  expect(events.filter(([e]) => e === 'unread').at(-1)).toEqual(['unread', 0])
  expect(events).toContainEqual(['unread', 2])
  expect(watched.errors).toEqual([])
  expect(watched.consoleErrors).toEqual([])
  expect(await violations(page)).toEqual([])
}

describe('widget: the messaging flow on a plain page', () => {
  const page = () => html({ body: `<script src="/xmtp-kit-widget.js" data-node="${node.url}" data-peer="${peer.address}" async></script>` })

  test('behavior: launcher → connect → message the SDK peer → its reply shows; closed, the badge counts unread messages', async () => {
    const wallet = createCountingWallet()
    const server = await site({ '/': page() })
    const watched = await openPage(wallet)
    await watched.page.goto(server.url)
    await messagingFlow(watched, wallet)
  })

  test(`behavior: the same page under "Content-Security-Policy: ${CSP}" works, with no violation`, async () => {
    const wallet = createCountingWallet()
    const server = await site({ '/': page() }, { 'Content-Security-Policy': CSP })
    const watched = await openPage(wallet)
    const response = await watched.page.goto(server.url)
    expect(response?.headers()['content-security-policy']).toBe(CSP)
    // The policy is enforced: an inline script is refused (and reported) …
    const inline = await watched.page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.body.append(script)
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true
    })
    expect(inline).toBe(false)
    await expect.poll(() => violations(watched.page)).toEqual([expect.stringMatching(/^script-src/)])
    await watched.page.evaluate(() => ((window as unknown as { violations: string[] }).violations = []))
    watched.consoleErrors.length = 0
    // … and the widget needs nothing the policy forbids.
    await messagingFlow(watched, wallet)
  })
})
