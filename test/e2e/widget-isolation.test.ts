/**
 * The widget's shadow root in Chromium: a hostile page stylesheet does not break it, it changes no computed style
 * of the page, and without constructable stylesheets its styles go through `<style nonce>` under a nonce CSP.
 */
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { pageHtml, peerReceives, widgetHost, widgetTestBed } from '../widget/pages.js'

const bed = widgetTestBed()

async function tabOn(pages: Record<string, string>, headers?: Record<string, string>) {
  const server = await bed.site(pages, headers)
  const watched = await bed.tab()
  return { server, watched }
}

/** Every computed property of some page elements (and of their ::before/::after). */
function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const out: Record<string, Record<string, string>> = {}
    for (const selector of ['html', 'body', '#host-title', '#host-text', '#host-button', '#host-box']) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(document.querySelector(selector)!, pseudo)
        const values: Record<string, string> = {}
        for (let i = 0; i < style.length; i++) values[style[i]!] = style.getPropertyValue(style[i]!)
        out[`${selector}${pseudo ?? ''}`] = values
      }
    }
    return out
  })
}

/** Adds the launcher's script tag to the page, as a tag manager would (an async, dynamically inserted script). */
function addLauncher(page: Page, attributes: Record<string, string>) {
  return page.evaluate((attributes) => {
    const script = document.createElement('script')
    script.src = '/xmtp-kit-widget.js'
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value)
    document.body.append(script)
  }, attributes)
}

describe('widget isolation', () => {
  test('behavior: a hostile page stylesheet does not break the widget, and the widget changes no computed style of the page', async () => {
    const { server, watched } = await tabOn({ '/': pageHtml({ wallet: false, head: '<link rel="stylesheet" href="/hostile.css">' }) })
    const { page } = watched
    await page.goto(server.url)
    await page.evaluate(() => localStorage.clear())
    const before = await hostStyles(page)
    expect(before['#host-button']!.display).toBe('none') // the hostile sheet is in force

    await addLauncher(page, { 'data-node': bed.node.url, 'data-peer': bed.peer.address, 'data-allow-burner': '' })
    const launcher = widgetHost(page).getByRole('button', { name: 'Open messages' })
    await launcher.waitFor()
    const box = (await launcher.boundingBox())!
    expect([box.width, box.height]).toEqual([56, 56])
    const viewport = page.viewportSize()!
    expect(box.x + box.width).toBe(viewport.width - 20)
    expect(box.y + box.height).toBe(viewport.height - 20)

    await launcher.click()
    const panel = widgetHost(page).getByRole('dialog', { name: 'Messages' })
    await panel.waitFor()
    const panelBox = (await panel.boundingBox())!
    expect(panelBox.width).toBe(400)
    await panel.getByRole('button', { name: 'Use a temporary wallet' }).click()
    const composer = panel.getByRole('textbox', { name: 'Message' })
    await composer.waitFor({ timeout: 30_000 })
    await panel.getByText('Temporary wallet', { exact: true }).waitFor()

    // The page's fonts, colours and tokens stop at the shadow root.
    const inside = await page.evaluate(() => {
      const root = document.querySelector('xmtp-kit-widget')!.shadowRoot!
      const pick = (selector: string) => {
        const style = getComputedStyle(root.querySelector(selector)!)
        return {
          fontSize: style.fontSize,
          letterSpacing: style.letterSpacing,
          textTransform: style.textTransform,
          fontFamily: style.fontFamily,
          background: style.backgroundColor,
          padding: style.padding,
        }
      }
      return { title: pick('.xkw-title'), inbox: pick('.xk-root'), send: pick('.xk-composer__send') }
    })
    expect(inside.title).toMatchObject({ fontSize: '16px', letterSpacing: 'normal', textTransform: 'none', padding: '0px' })
    expect(inside.title.fontFamily).not.toMatch(/^serif$/)
    expect(inside.inbox).toMatchObject({ fontSize: '14px', letterSpacing: 'normal', textTransform: 'none', background: 'rgb(255, 255, 255)' })
    expect(await panel.getByRole('button', { name: 'Send' }).isVisible()).toBe(true)

    // And it works: a message typed in it reaches the peer.
    await composer.fill('gm despite the styles')
    await composer.press('Enter')
    const address = await page.evaluate(() => {
      const root = document.querySelector('xmtp-kit-widget')!.shadowRoot!
      return root.querySelector('.xk-connect-button__wallet')!.getAttribute('title')!
    })
    await peerReceives(bed.peer, address, 'gm despite the styles')

    expect(await hostStyles(page)).toEqual(before)
    expect(await page.evaluate(() => [document.documentElement.getAttribute('style'), document.body.getAttribute('style')])).toEqual([null, null])
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
  })

  test('behavior: without constructable stylesheets, the styles go in through <style nonce> under a nonce-only style-src', async () => {
    const csp = "script-src 'self'; style-src 'nonce-w1dget'"
    const { server, watched } = await tabOn(
      { '/': pageHtml({ wallet: false, body: `<script src="/xmtp-kit-widget.js" data-node="${bed.node.url}" data-nonce="w1dget" async></script>` }) },
      { 'Content-Security-Policy': csp },
    )
    const { page } = watched
    await page.addInitScript(() => {
      // An engine without constructable stylesheets (Safari before 16.4).
      delete (CSSStyleSheet.prototype as { replaceSync?: unknown }).replaceSync
    })
    await page.goto(server.url)
    const launcher = widgetHost(page).getByRole('button', { name: 'Open messages' })
    await launcher.waitFor()
    await launcher.click()
    const panel = widgetHost(page).getByRole('dialog', { name: 'Messages' })
    await panel.getByText('No wallet found in this browser.', { exact: false }).waitFor({ timeout: 30_000 })

    const styles = await page.evaluate(() => {
      const root = document.querySelector('xmtp-kit-widget')!.shadowRoot!
      return {
        sheets: root.adoptedStyleSheets.length,
        nonces: [...root.querySelectorAll('style')].map((style) => style.nonce),
        launcherRadius: getComputedStyle(root.querySelector('.xkw-launcher')!).borderRadius,
        connectHeight: getComputedStyle(root.querySelector('.xk-connect-button__connect')!).minHeight,
      }
    })
    expect(styles).toEqual({ sheets: 0, nonces: ['w1dget', 'w1dget'], launcherRadius: '50%', connectHeight: '36px' })
    expect(await watched.violations()).toEqual([])
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
  })
  test("behavior: under a nonce-based script-src, the launcher's nonce is passed to the inbox script it adds", async () => {
    const csp = "script-src 'nonce-l4uncher'; style-src 'self'"
    const wallet = createCountingWallet()
    const server = await bed.site(
      {
        '/': pageHtml({
          nonce: 'l4uncher',
          body: `<script src="/xmtp-kit-widget.js" nonce="l4uncher" data-node="${bed.node.url}" data-peer="${bed.peer.address}" async></script>`,
        }),
      },
      { 'Content-Security-Policy': csp },
    )
    const watched = await bed.tab(wallet)
    const { page } = watched
    await page.goto(server.url)
    await widgetHost(page).getByRole('button', { name: 'Open messages' }).click()
    const panel = widgetHost(page).getByRole('dialog', { name: 'Messages' })
    await panel.getByRole('button', { name: 'Connect wallet' }).click()
    await panel.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 })
    expect(watched.chunkRequests).toBe(1)
    expect(await watched.violations()).toEqual([])
    expect(watched.errors).toEqual([])
    expect(watched.consoleErrors).toEqual([])
  })
})
