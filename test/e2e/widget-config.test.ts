/**
 * The widget's configuration and JS API in Chromium: bad settings show a clear message inside the widget (never
 * a blank box or an uncaught error), several widgets share a page without colliding, and `window.XMTPKit`
 * drives them.
 */
import { createServer } from 'node:net'
import { beforeAll, describe, expect, test } from 'vitest'
import '../../packages/widget/src/types.js'
import { type CountingWallet, createCountingWallet } from '../support/wallets.js'
import { expectOnlyRequestsTo, pageHtml, widgetHost, widgetTestBed } from '../widget/pages.js'

const bed = widgetTestBed()
let closedPort: number

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

beforeAll(async () => {
  closedPort = await freePort()
})

async function visit(html: string, wallet?: CountingWallet) {
  const server = await bed.site({ '/': html })
  const watched = await bed.tab(wallet)
  await watched.page.goto(server.url)
  return watched
}

const tag = (attributes: string, src = '/xmtp-kit-widget.js') => `<script src="${src}" ${attributes} async></script>`

describe('widget: bad configuration says so inside the widget', () => {
  const cases: Array<{ name: string; html: () => string; connect?: boolean; message: () => RegExp }> = [
    {
      name: 'an invalid data-peer',
      html: () => pageHtml({ body: tag(`data-node="${bed.node.url}" data-peer="0x1234"`) }),
      message: () => /This messaging widget is not set up correctly\.\s*"0x1234" is not a wallet address/,
    },
    {
      name: 'a data-peer with a wrong checksum',
      html: () => pageHtml({ body: tag(`data-node="${bed.node.url}" data-peer="0xD2431CA38735C2fd438e2cAa23F094191D89675b"`) }),
      message: () => /has a wrong checksum/,
    },
    {
      name: 'no data-node',
      html: () => pageHtml({ body: tag(`data-peer="${bed.peer.address}"`) }),
      message: () => /data-node is missing/,
    },
    {
      name: 'a data-node that is not a URL',
      html: () => pageHtml({ body: tag(`data-node="localhost:5555"`) }),
      message: () => /data-node "localhost:5555" is not an http\(s\) URL/,
    },
    {
      name: 'an unreachable node',
      html: () => pageHtml({ body: tag(`data-node="http://127.0.0.1:${closedPort}" data-peer="${bed.peer.address}"`) }),
      connect: true,
      message: () => new RegExp(`Cannot reach the messaging server at http://127\\.0\\.0\\.1:${closedPort}`),
    },
    {
      name: 'no wallet in the browser',
      html: () => pageHtml({ wallet: false, body: tag(`data-node="${bed.node.url}" data-peer="${bed.peer.address}"`) }),
      message: () => /No wallet found in this browser\. Install a wallet extension/,
    },
    {
      name: 'an inline widget whose data-target matches nothing',
      html: () => pageHtml({ body: tag(`data-node="${bed.node.url}" data-mode="inline" data-target="#nowhere"`) }),
      message: () => /set up inline, but data-target "#nowhere" matches no element/,
    },
    {
      name: 'an inbox chunk that cannot be loaded',
      html: () => pageHtml({ body: tag(`data-node="${bed.node.url}"`, '/cdn/xmtp-kit-widget.js') }),
      message: () => /The inbox could not load\. Check your connection and try again\./,
    },
  ]

  test.each(cases)('behavior: $name', async ({ html, connect, message }) => {
    const watched = await visit(html(), createCountingWallet())
    const launcher = widgetHost(watched.page).getByRole('button', { name: 'Open messages' })
    await launcher.click()
    const panel = widgetHost(watched.page).getByRole('dialog', { name: 'Messages' })
    if (connect) await panel.getByRole('button', { name: 'Connect wallet' }).click()
    const alert = panel.getByRole('alert').filter({ hasText: message() })
    await alert.waitFor({ timeout: 30_000 })
    expect(await alert.isVisible()).toBe(true)
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
  })

  test('behavior: with no wallet, the connect button is disabled; a failed chunk load offers Try again', async () => {
    const noWallet = await visit(pageHtml({ wallet: false, body: tag(`data-node="${bed.node.url}"`) }))
    await widgetHost(noWallet.page).getByRole('button', { name: 'Open messages' }).click()
    expect(await widgetHost(noWallet.page).getByRole('button', { name: 'Connect wallet' }).isDisabled()).toBe(true)

    const noChunk = await visit(pageHtml({ body: tag(`data-node="${bed.node.url}"`, '/cdn/xmtp-kit-widget.js') }))
    await widgetHost(noChunk.page).getByRole('button', { name: 'Open messages' }).click()
    await widgetHost(noChunk.page).getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => noChunk.page.evaluate(() => document.querySelectorAll('script[src$="/cdn/xmtp-kit-widget-inbox.js"]').length)).toBe(2)
    expect(noChunk.errors).toEqual([])
  })
})

describe('widget: several on one page, and the JS API', () => {
  test('behavior: a launcher and an inline widget do not collide; XMTPKit addresses the first, get(id) the others', async () => {
    const wallet = createCountingWallet()
    const html = pageHtml({
      body: `<div id="inbox-box" style="height: 500px"></div>
        ${tag(`data-id="support" data-node="${bed.node.url}" data-peer="${bed.peer.address}" data-theme="light"`)}
        ${tag(`data-id="inline" data-node="${bed.node.url}" data-mode="inline" data-target="#inbox-box"`)}
        ${tag(`data-id="other" data-node="${bed.node.url}" data-title="Other"`)}`,
    })
    const server = await bed.site({ '/': html })
    const watched = await bed.tab(wallet)
    const { page } = watched
    await page.exposeFunction('walletSignMessage', (message: string) => wallet.signMessage(message))
    await page.addInitScript(() => {
      const w = window as unknown as { ready: string[] }
      w.ready = []
      window.addEventListener('xmtp-kit:ready', (event) => w.ready.push((event as CustomEvent<{ id: string }>).detail.id))
    })
    await page.goto(server.url)
    await page.waitForFunction(() => (window as unknown as { ready: string[] }).ready.length === 3)

    expect(await page.evaluate(() => window.XMTPKit!.instances().map((i) => [i.id, i.mode]))).toEqual([
      ['support', 'launcher'],
      ['inline', 'inline'],
      ['other', 'launcher'],
    ])
    // Async scripts run in any order; XMTPKit follows the page order of the tags.
    expect((await page.evaluate(() => (window as unknown as { ready: string[] }).ready)).sort()).toEqual(['inline', 'other', 'support'])
    expect(await page.evaluate(() => [window.XMTPKit!.get('inline')?.id, window.XMTPKit!.get('nope')])).toEqual(['inline', undefined])

    // Two launchers, stacked rather than on top of each other; the inline inbox fills its box.
    const first = (await widgetHost(page, 'support').getByRole('button', { name: 'Open messages' }).boundingBox())!
    const third = (await widgetHost(page, 'other').getByRole('button', { name: 'Open messages' }).boundingBox())!
    expect(first.x).toBe(third.x)
    expect(Math.abs(first.y - third.y)).toBe(68)
    const inline = widgetHost(page, 'inline').getByRole('region', { name: 'Messages' })
    await inline.getByRole('button', { name: 'Connect wallet' }).waitFor({ timeout: 30_000 })
    expect((await inline.boundingBox())!.height).toBe(500)
    expect(watched.chunkRequests).toBe(1) // the inline widget loaded it at once; the launchers will share it

    // XMTPKit.on/open/close address the first widget; unsubscribing stops the calls.
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; stop: () => void }
      w.seen = []
      w.stop = window.XMTPKit!.on('open', () => w.seen.push('open'))
      window.XMTPKit!.on('close', () => w.seen.push('close'))
      window.XMTPKit!.open()
    })
    const support = widgetHost(page, 'support').getByRole('dialog', { name: 'Messages' })
    await support.getByRole('button', { name: 'Connect wallet' }).waitFor({ timeout: 30_000 })
    expect(await widgetHost(page, 'other').getByRole('dialog').isHidden()).toBe(true)
    await page.evaluate(() => {
      const w = window as unknown as { stop: () => void }
      window.XMTPKit!.close()
      w.stop()
      window.XMTPKit!.open()
      window.XMTPKit!.close()
    })
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['open', 'close', 'close'])
    expect(watched.chunkRequests).toBe(1)

    // connect({ signer }) on the inline widget only: a signer from the page (it signs in the test process).
    const address = await page.evaluate(
      (address) =>
        window.XMTPKit!.get('inline')!.connect({
          signer: { getAddress: () => address, signMessage: (message: string) => (window as unknown as { walletSignMessage(m: string): Promise<string> }).walletSignMessage(message) },
        }),
      wallet.address,
    )
    expect(address).toBe(wallet.address)
    await inline.getByRole('button', { name: 'Disconnect' }).waitFor()
    expect(await support.isHidden()).toBe(true)
    await page.evaluate(() => window.XMTPKit!.open())
    expect(await support.getByRole('button', { name: 'Connect wallet' }).isVisible()).toBe(true) // its own client, not connected

    // open({ peer }) on the connected inline widget opens that conversation.
    await page.evaluate((peer) => window.XMTPKit!.get('inline')!.open({ peer }), bed.peer.address)
    await inline.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 })

    // setTheme reaches the launcher's frame and the inbox; destroy removes one widget and nothing else.
    await page.evaluate(() => window.XMTPKit!.setTheme('dark'))
    const themes = await page.evaluate(() => {
      const root = document.querySelector('xmtp-kit-widget[data-id="support"]')!.shadowRoot!
      return [root.querySelector('.xkw')!.getAttribute('data-theme'), root.querySelector('.xk-root')!.getAttribute('data-theme')]
    })
    expect(themes).toEqual(['dark', 'dark'])
    await page.evaluate(() => window.XMTPKit!.get('support')!.destroy())
    expect(await page.evaluate(() => [document.querySelectorAll('xmtp-kit-widget').length, window.XMTPKit!.instances().map((i) => i.id)])).toEqual([
      2,
      ['inline', 'other'],
    ])
    // The others still work.
    await page.evaluate(() => window.XMTPKit!.get('other')!.open())
    await widgetHost(page, 'other').getByRole('dialog', { name: 'Other' }).getByRole('button', { name: 'Connect wallet' }).waitFor()
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
  })

  test('behavior: data-load="idle" loads the inbox chunk without a click', async () => {
    const watched = await visit(pageHtml({ body: tag(`data-node="${bed.node.url}" data-load="idle"`) }))
    await expect.poll(() => watched.chunkRequests, { timeout: 30_000 }).toBe(1)
    await widgetHost(watched.page).getByRole('button', { name: 'Open messages' }).click()
    await widgetHost(watched.page).getByRole('button', { name: 'Connect wallet' }).waitFor()
    expect(watched.errors).toEqual([])
  })
})

describe('widget: keyboard', () => {
  test('behavior: the opened panel takes the focus; Escape closes it and gives the focus back to the launcher', async () => {
    const watched = await visit(pageHtml({ body: tag(`data-node="${bed.node.url}"`) }))
    const { page } = watched
    const launcher = widgetHost(page).getByRole('button', { name: 'Open messages' })
    await launcher.focus()
    await page.keyboard.press('Enter')
    const panel = widgetHost(page).getByRole('dialog', { name: 'Messages' })
    await panel.getByRole('button', { name: 'Connect wallet' }).waitFor()
    const focused = () => page.evaluate(() => document.querySelector('xmtp-kit-widget')!.shadowRoot!.activeElement?.getAttribute('aria-label'))
    expect(await focused()).toBe('Close messages')
    expect(await launcher.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.isHidden()).toBe(true)
    expect(await focused()).toBe('Open messages')
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
    expect(watched.errors).toEqual([])
  })
})

describe('widget: the injected wallet', () => {
  test('behavior: another account in the wallet, or the wallet locked, disconnects the widget, back to "Connect wallet"; connecting again works', async () => {
    const wallet = createCountingWallet()
    const watched = await visit(pageHtml({ body: tag(`data-node="${bed.node.url}" data-peer="${bed.peer.address}"`) }), wallet)
    const { page } = watched
    await widgetHost(page).getByRole('button', { name: 'Open messages' }).click()
    const panel = widgetHost(page).getByRole('dialog', { name: 'Messages' })
    const connectWallet = panel.getByRole('button', { name: 'Connect wallet' })
    const disconnect = panel.getByRole('button', { name: 'Disconnect' })
    // Messaging is on: the conversation with data-peer is open.
    const messagingOn = () => panel.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 })
    await connectWallet.click()
    await messagingOn()
    expect(wallet.signatures).toBe(2)

    // Another account chosen in the wallet.
    await watched.setWalletAccounts([createCountingWallet().address])
    await connectWallet.waitFor()
    expect(await disconnect.count()).toBe(0)

    // Back to the first account: connecting again signs in with it (its identity exists: one signature).
    await watched.setWalletAccounts([wallet.address])
    await connectWallet.click()
    await messagingOn()
    expect(wallet.signatures).toBe(3)

    // The wallet locked (no account).
    await watched.setWalletAccounts([])
    await connectWallet.waitFor()
    expect(await disconnect.count()).toBe(0)

    // Unlocked, connected; then the widget's own Disconnect, and connect again.
    await watched.setWalletAccounts([wallet.address])
    await connectWallet.click()
    await messagingOn()
    expect(wallet.signatures).toBe(4)
    await disconnect.click()
    await connectWallet.click()
    await messagingOn()
    expect(wallet.signatures).toBe(5)
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
    expectOnlyRequestsTo(watched, [page.url(), bed.node.url])
  })

  test('behavior: a wallet announced only through EIP-6963 (no window.ethereum) connects and signs', async () => {
    const wallet = createCountingWallet()
    const watched = await visit(pageHtml({ wallet: 'eip6963', body: tag(`data-node="${bed.node.url}" data-peer="${bed.peer.address}"`) }), wallet)
    const { page } = watched
    expect(await page.evaluate(() => 'ethereum' in window)).toBe(false)
    await widgetHost(page).getByRole('button', { name: 'Open messages' }).click()
    const panel = widgetHost(page).getByRole('dialog', { name: 'Messages' })
    await panel.getByRole('button', { name: 'Connect wallet' }).click()
    await panel.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 })
    expect(wallet.signatures).toBe(2)
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
    expectOnlyRequestsTo(watched, [page.url(), bed.node.url])
  })
})
