/**
 * The script-tag widget in Chromium, on plain HTML pages (no bundler, no React on the page): the launcher, the
 * inbox chunk, a wallet, a real node and the official SDK as the peer.
 */
import { describe, expect, test } from 'vitest'
import { type CountingWallet, createCountingWallet } from '../support/wallets.js'
import { type WatchedPage, expectOnlyRequestsTo, pageHtml, peerReceives, widgetHost as widget, widgetTestBed } from '../widget/pages.js'

const CSP = "script-src 'self'; style-src 'self'"

const bed = widgetTestBed()
const { site, tab } = bed

/**
 * Launcher → connect → message the peer → the peer replies → the reply shows → closed, the badge counts. All
 * along, the page talks to no one but its own origin (`site`) and the node.
 */
async function messagingFlow(watched: WatchedPage, wallet: CountingWallet, site: string) {
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
  const conversation = await peerReceives(bed.peer, wallet.address, 'gm from the widget')
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
  // Exact: the badged name ("Open messages (2 unread)") contains the plain one.
  await widget(page).getByRole('button', { name: 'Open messages', exact: true }).waitFor({ timeout: 30_000 })
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
  expect(await watched.violations()).toEqual([])
  // The wallet connection (wagmi's injected connector) asked the wallet, never an RPC endpoint, and left nothing
  // in the page's localStorage.
  expectOnlyRequestsTo(watched, [site, bed.node.url])
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([])
}

describe('widget: the messaging flow on a plain page', () => {
  const page = () => pageHtml({ body: `<script src="/xmtp-kit-widget.js" data-node="${bed.node.url}" data-peer="${bed.peer.address}" async></script>` })

  test('behavior: launcher → connect → message the SDK peer → its reply shows; closed, the badge counts unread messages', async () => {
    const wallet = createCountingWallet()
    const server = await site({ '/': page() })
    const watched = await tab(wallet)
    await watched.page.goto(server.url)
    await messagingFlow(watched, wallet, server.url)
  })

  test(`behavior: the same page under "Content-Security-Policy: ${CSP}" works, with no violation`, async () => {
    const wallet = createCountingWallet()
    const server = await site({ '/': page() }, { 'Content-Security-Policy': CSP })
    const watched = await tab(wallet)
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
    await expect.poll(() => watched.violations()).toEqual([expect.stringMatching(/^script-src/)])
    await watched.page.evaluate(() => ((window as unknown as { violations: string[] }).violations = []))
    watched.consoleErrors.length = 0
    // … and the widget needs nothing the policy forbids.
    await messagingFlow(watched, wallet, server.url)
  })
})
