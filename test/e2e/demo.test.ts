/**
 * `npm start`, as a visitor meets it: the real command on free ports and a temporary data folder, its three pages
 * in Chromium, the reply bot answering within 2 s, the holders broadcast against the local chain, an injected
 * wallet through wagmi, Ctrl-C, and a second start that keeps the data. Screenshots go to test-results/demo/;
 * with XMTP_KIT_DEMO_SCREENSHOT=1 the destination's is also copied to docs/demo.png for the README.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../support/browser.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const artifacts = join(root, 'test-results', 'demo')

interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | string>
  urls: { destination: string; dapp: string; widget: string; node: string }
}

/** Runs `npm start`'s script with `args` and waits for its "Ready" line (and for the widget, when it builds). */
async function start(dataDir: string, args: string[] = []): Promise<Running> {
  // Free ports, except for the README's screenshot, which shows the default ones (or free ones if they are busy).
  const ports = process.env.XMTP_KIT_DEMO_SCREENSHOT === '1' ? [] : ['--port', '0', '--node-port', '0']
  const child = spawn(process.execPath, ['scripts/start.mjs', ...ports, '--data-dir', dataDir, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  const deadline = Date.now() + 90_000
  const url = (label: string) => out.match(new RegExp(`${label}\\s+(http://\\S+)`))?.[1]
  const widgetSettled = () => /Widget (up to date|built|not in this checkout)/.test(out)
  while (!(/Ready in/.test(out) && widgetSettled())) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${out}`)
    if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${out}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, output: () => out, exited, urls: { destination: url('Destination')!, dapp: url('Dapp')!, widget: url('Script tag')!, node: out.match(/XMTP node (http:\/\/\S+)/)![1]! } }
}

/** Ctrl-C: resolves with the exit code. */
async function interrupt(running: Running): Promise<number | string> {
  running.child.kill('SIGINT')
  return running.exited
}

const dataDir = mkdtempSync(join(tmpdir(), 'xmtp-kit-demo-'))
let demo: Running
let browser: Awaited<ReturnType<typeof launchBrowser>>
const errors: string[] = []

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true })
  demo = await start(dataDir)
  browser = await launchBrowser()
  const { page } = browser
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())))
  await page.setViewportSize({ width: 1280, height: 800 })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (demo && demo.child.exitCode === null) await interrupt(demo)
  rmSync(dataDir, { recursive: true, force: true })
})

const thread = (page: Page) => page.getByRole('list', { name: 'Messages' })

/** Sends `text` from the open thread's composer and resolves with how long the bot's answer took to show. */
async function messageTheBot(page: Page, text: string, scope = page.locator('body')): Promise<number> {
  const box = scope.getByRole('textbox', { name: 'Message' })
  await expect.poll(() => box.isEnabled(), { timeout: 15_000 }).toBe(true)
  await box.fill(text)
  const sent = Date.now()
  await box.press('Enter')
  // The acceptance bar: the answer is on screen within 2 s of pressing Enter.
  await scope.getByRole('list', { name: 'Messages' }).getByText(`Got “${text}”`, { exact: false }).waitFor({ timeout: 2_000 })
  return Date.now() - sent
}

describe('npm start', () => {
  test('behavior: the destination shows the seeded inbox, holders first, and the bot answers within 2 s', async () => {
    const { page } = browser
    await page.goto(demo.urls.destination)

    // The burner was seeded by the server: views with counts, the reply bot on top.
    const tabs = page.getByRole('tablist', { name: 'Conversations' })
    await tabs.getByRole('tab', { name: /Primary\s*4/ }).waitFor({ timeout: 30_000 })
    await tabs.getByRole('tab', { name: /Requests\s*2/ }).waitFor()
    await tabs.getByRole('tab', { name: /Blocked\s*1/ }).waitFor()
    await page.getByText('100 DEMO', { exact: true }).waitFor()

    // The custom filter read the balances on the local chain: holders from Primary and Requests, no one else.
    const holders = page.getByRole('list', { name: 'Conversations with DEMO holders' })
    await holders.getByText('dave.eth').waitFor({ timeout: 15_000 })
    await expect.poll(async () => (await holders.getByRole('listitem').allTextContents()).map((t) => t.replace(/[\d,]+ DEMO.*/, '').replace('Request', '').trim())).toEqual([
      'Reply bot',
      'alice.eth',
      'bob.eth',
      'dave.eth',
    ])
    // The same filter is a tab of the Inbox (`views`): its count matches, and it lists the same conversations.
    const holdersTab = tabs.getByRole('tab', { name: /Holders\s*4/ })
    await holdersTab.waitFor({ timeout: 15_000 })
    await holdersTab.click()
    const holdersList = page.getByRole('listbox', { name: 'Holders' })
    await expect.poll(async () => (await holdersList.getByRole('option').count())).toBe(4)
    await expect.poll(async () => holdersList.getByRole('option', { name: /dave\.eth/ }).count()).toBe(1)
    await tabs.getByRole('tab', { name: /Primary/ }).click()

    await page.getByRole('button', { name: 'Message the reply bot' }).click()
    const took = await messageTheBot(page, 'ping from the smoke test')
    expect(took).toBeLessThan(2_000)

    // Alice's thread: a reply quoting the visitor, reactions both ways, a photo.
    await page.getByRole('listbox').getByRole('option', { name: /alice\.eth/ }).click()
    const photo = thread(page).getByRole('img', { name: 'launch-party.png' })
    await photo.waitFor({ timeout: 15_000 })
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320)
    await thread(page).getByText('Welcome aboard! Holders see new proposals first.').waitFor()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(artifacts, 'destination.png') })
    if (process.env.XMTP_KIT_DEMO_SCREENSHOT === '1') copyFileSync(join(artifacts, 'destination.png'), join(root, 'docs/demo.png'))

    // The theme switch reaches the kit's components.
    const inboxBackground = () => page.evaluate(() => getComputedStyle(document.querySelector('.xk-inbox')!).backgroundColor)
    const light = await inboxBackground()
    await page.getByRole('radio', { name: 'Dark' }).click()
    await expect.poll(inboxBackground).not.toBe(light)
    await page.screenshot({ path: join(artifacts, 'destination-dark.png') })
    await page.getByRole('radio', { name: 'Light' }).click()
    expect(errors).toEqual([])
  })

  test('behavior: the dapp opens a conversation from a profile and reaches every DEMO holder on the local chain', async () => {
    const { page } = browser
    await page.goto(demo.urls.dapp)

    // The holders table comes from the token's Transfer logs.
    await page.getByRole('row', { name: /alice\.eth\s+2,500 DEMO/ }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: join(artifacts, 'dapp.png'), fullPage: true })

    await page.getByRole('button', { name: 'Message alice.eth' }).click()
    const dialog = page.getByRole('dialog', { name: 'Messages' })
    await dialog.getByRole('heading', { name: 'alice.eth' }).waitFor({ timeout: 15_000 })
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => dialog.count()).toBe(0)

    await page.getByRole('button', { name: 'Message DEMO holders' }).click()
    const holders = page.getByRole('dialog', { name: 'Message holders' })
    // alice, bob, dave, the bot and the waiting seeded burner are on XMTP; the treasury is not. The visitor is skipped.
    await holders.getByText('5 holders on XMTP · 1 not yet').waitFor({ timeout: 30_000 })
    await holders.getByRole('textbox', { name: 'Message' }).fill('The DEMO community call moves to Friday.')
    await holders.getByRole('button', { name: 'Send to 5 holders' }).click()
    await holders.getByRole('heading', { name: 'Sent' }).waitFor({ timeout: 30_000 })
    await holders.getByText('Reached').waitFor()
    await page.screenshot({ path: join(artifacts, 'dapp-holders.png') })
    await holders.getByRole('button', { name: 'Done' }).click()
    expect(errors).toEqual([])
  })

  test('behavior: the plain HTML page runs the widget from one script tag, with the same wallet, and the bot answers within 2 s', async () => {
    const { page } = browser
    const response = await page.goto(demo.urls.widget)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    expect(await page.locator('script').count()).toBe(1)
    await page.getByRole('button', { name: /Open messages/ }).click()
    // The burner the destination page was given is the widget's temporary wallet too.
    await page.getByRole('button', { name: 'Use a temporary wallet' }).click({ timeout: 30_000 })
    await thread(page).getByText('ping from the smoke test', { exact: true }).waitFor({ timeout: 30_000 })
    const took = await messageTheBot(page, 'hello from the widget')
    expect(took).toBeLessThan(2_000)
    await page.screenshot({ path: join(artifacts, 'widget.png') })
    expect(errors).toEqual([])
  })

  test('behavior: with an injected wallet, wagmi connects it; the faucet pays once and the demo wallets write to it', async () => {
    const account = privateKeyToAccount(generatePrivateKey())
    const injected = await launchBrowser()
    try {
      const { page } = injected
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.setViewportSize({ width: 1280, height: 800 })
      // An EIP-1193 wallet in the page, as an extension injects it; a viem account in this process signs.
      await page.exposeFunction('walletRequest', async (method: string, params: unknown[]) => {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account.address]
        if (method === 'eth_chainId') return '0x539'
        if (method === 'personal_sign') return account.signMessage({ message: { raw: params[0] as Hex } })
        throw Object.assign(new Error(`${method} is not supported by the test wallet`), { code: 4200 })
      })
      await page.addInitScript(() => {
        const w = window as unknown as { ethereum: unknown; walletRequest(method: string, params: unknown[]): Promise<unknown> }
        w.ethereum = { request: ({ method, params }: { method: string; params?: unknown[] }) => w.walletRequest(method, params ?? []), on() {}, removeListener() {} }
      })
      await page.goto(demo.urls.destination)
      await page.getByText('Connect your browser wallet').waitFor({ timeout: 30_000 })
      await page.getByRole('button', { name: 'Connect wallet' }).click()
      await page.getByText('100 DEMO', { exact: true }).waitFor({ timeout: 30_000 })
      // Alice, Dave, the spammer and the bot wrote first: requests, until the visitor answers.
      await page.getByRole('tablist', { name: 'Conversations' }).getByRole('tab', { name: /Requests\s*4/ }).waitFor({ timeout: 30_000 })
      expect(pageErrors).toEqual([])
      // Asked again (another page load), the faucet sends nothing more.
      const again = await fetch(`${demo.urls.destination}api/faucet`, { method: 'POST', body: JSON.stringify({ address: account.address }) })
      expect(await again.json()).toEqual({ sent: 0, balance: (100n * 10n ** 18n).toString() })
    } finally {
      await injected.close()
    }
  })

  test('behavior: Ctrl-C stops everything; a second start keeps the data; --reset wipes it', async () => {
    const firstOutput = demo.output()
    const token = firstOutput.match(/DEMO token deployed\s+\S+ s\s+(0x[0-9a-fA-F]{40})/)?.[1]
    expect(token).toBeDefined()
    // A page of another site whose name was rebound to 127.0.0.1 is refused (it would read a burner's key).
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(`${demo.urls.destination}api/burner`, { method: 'POST', headers: { Host: 'attacker.example' } }, (res) => {
        res.resume()
        resolve(res.statusCode)
      })
        .on('error', reject)
        .end(),
    )
    expect(rebound).toBe(421)

    // The pages would keep reconnecting to a stopped node.
    await browser.page.goto('about:blank')
    expect(await interrupt(demo)).toBe(0)
    // Nothing is left listening.
    await expect(fetch(`${demo.urls.node}/healthz`)).rejects.toThrow()
    await expect(fetch(demo.urls.destination)).rejects.toThrow()

    const again = await start(dataDir)
    try {
      expect(again.output()).toMatch(new RegExp(`DEMO token\\s+\\S+ s\\s+${token}`))
      expect(again.output()).not.toMatch(/deployed|seeded/)
      const config = (await (await fetch(`${again.urls.destination}api/config`)).json()) as { token: { address: string } }
      expect(config.token.address).toBe(token)
    } finally {
      expect(await interrupt(again)).toBe(0)
    }

    const reset = await start(dataDir, ['--reset'])
    try {
      expect(reset.output()).toMatch(/DEMO token deployed/)
      expect(reset.output()).not.toContain(token)
    } finally {
      expect(await interrupt(reset)).toBe(0)
    }
  }, 120_000)
})
