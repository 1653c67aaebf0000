import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { shortAddress, startInboxSite, threadOf } from '../support/inboxPage.js'
import { createCountingWallet, type CountingWallet } from '../support/wallets.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
/** Screenshots of each run, kept as test artifacts. */
const artifacts = join(root, 'test-results', 'inbox-two-wallets')

/** A PNG of `width`×`height` pixels: a diagonal gradient, sent as an inline attachment. */
function gradientPng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) rows.set([(255 * x) / width, (255 * y) / height, 200], row + 1 + x * 3)
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}
const PNG = gradientPng(240, 160)

let node: StartNodeReturnType
let site: Awaited<ReturnType<typeof startInboxSite>>

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  site = await startInboxSite()
  mkdirSync(artifacts, { recursive: true })
}, 120_000)

afterAll(async () => {
  await site?.close()
  await node?.close()
})

const person = (wallet: CountingWallet, theme: 'light' | 'dark' = 'light') => site.open(wallet, node.url, theme)
const short = shortAddress
const thread = threadOf

describe('two people, two browsers, one node', () => {
  test('behavior: they exchange messages, a reaction, a reply and an image; light and dark screenshots are saved', async () => {
    const alice = await person(createCountingWallet())
    const bob = await person(createCountingWallet(), 'dark')

    // Alice starts the conversation from the address and sends the first message.
    await alice.page.getByRole('textbox', { name: 'Address or ENS name' }).fill(bob.wallet.address)
    await alice.page.getByRole('button', { name: 'Start conversation' }).click()
    const aliceBox = alice.page.getByRole('textbox', { name: 'Message' })
    await expect.poll(() => aliceBox.isEnabled(), { timeout: 15_000 }).toBe(true)
    await aliceBox.fill('hello from alice')
    await aliceBox.press('Enter')

    // Bob finds it among his requests, accepts it, reads it and answers.
    await bob.page.getByRole('tab', { name: /Requests/ }).click()
    await bob.page.getByRole('option', { name: new RegExp(short(alice.wallet.address)) }).click({ timeout: 15_000 })
    await thread(bob.page).getByText('hello from alice').waitFor({ timeout: 15_000 })
    await bob.page.getByRole('button', { name: 'Accept' }).click()
    const bobBox = bob.page.getByRole('textbox', { name: 'Message' })
    await bobBox.fill('hi alice, bob here')
    await bobBox.press('Enter')
    await thread(alice.page).getByText('hi alice, bob here').waitFor({ timeout: 15_000 })

    // Alice reacts to Bob's message; Bob sees the reaction.
    const bobsMessage = thread(alice.page).getByRole('listitem').filter({ hasText: 'hi alice, bob here' }).last()
    await bobsMessage.hover()
    await bobsMessage.getByRole('button', { name: 'Add reaction' }).click()
    await alice.page.getByRole('button', { name: 'React with 👍' }).click()
    await thread(bob.page).getByRole('button', { name: /👍/ }).waitFor({ timeout: 15_000 })

    // Bob replies to Alice's first message; Alice sees the quote.
    const alicesMessage = thread(bob.page).getByRole('listitem').filter({ hasText: 'hello from alice' }).last()
    await alicesMessage.hover()
    await alicesMessage.getByRole('button', { name: 'Reply' }).click()
    await bobBox.fill('replying to your hello')
    await bobBox.press('Enter')
    const reply = thread(alice.page).getByRole('listitem').filter({ hasText: 'replying to your hello' }).last()
    await reply.waitFor({ timeout: 15_000 })
    await expect.poll(() => reply.textContent()).toContain('hello from alice')

    // Alice sends an image; Bob sees it inline, decoded from the attachment.
    await alice.page.locator('input[type="file"]').setInputFiles({ name: 'pixels.png', mimeType: 'image/png', buffer: PNG })
    const image = thread(bob.page).getByRole('img', { name: 'pixels.png' })
    await image.waitFor({ timeout: 15_000 })
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240)

    await alice.page.screenshot({ path: join(artifacts, 'light.png'), fullPage: true })
    await bob.page.screenshot({ path: join(artifacts, 'dark.png'), fullPage: true })
    await expect.poll(() => bob.page.evaluate(() => getComputedStyle(document.querySelector('.xk-inbox')!).backgroundColor)).not.toBe(
      await alice.page.evaluate(() => getComputedStyle(document.querySelector('.xk-inbox')!).backgroundColor),
    )
    expect(alice.errors).toEqual([])
    expect(bob.errors).toEqual([])
  }, 180_000)
})
