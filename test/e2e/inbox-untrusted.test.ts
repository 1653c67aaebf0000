import {
  type Attachment,
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeReply,
  ContentTypeText,
  createClient,
  httpTransport,
  type Reaction,
  type Reply,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { shortAddress, startInboxSite, threadOf } from '../support/inboxPage.js'
import { createCountingWallet } from '../support/wallets.js'

let node: StartNodeReturnType
let site: Awaited<ReturnType<typeof startInboxSite>>

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  site = await startInboxSite()
}, 120_000)

afterAll(async () => {
  await site?.close()
  await node?.close()
})

/** Each payload, if it ever ran, would set `window.__xss` or open a dialog. */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1">',
  '<svg><script>window.__xss=1</script></svg>',
  '<iframe src="javascript:window.top.__xss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<body onload="window.__xss=1">',
  '<details open ontoggle="window.__xss=1">',
  '<video><source onerror="window.__xss=1"></video>',
  '<audio src=x onerror="window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  '<select autofocus onfocus="window.__xss=1">',
  '<textarea autofocus onfocus="window.__xss=1">',
  '<marquee onstart="window.__xss=1">',
  '<object data="javascript:window.__xss=1">',
  '<embed src="javascript:window.__xss=1">',
  '<a href="javascript:window.__xss=1">click</a>',
  '<form><button formaction="javascript:window.__xss=1">x</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '"><img src=x onerror=window.__xss=1>',
  "'><svg/onload=window.__xss=1>",
  '</textarea><script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '<style>@import "javascript:window.__xss=1";</style>',
  '<link rel=stylesheet href="javascript:window.__xss=1">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="javascript:window.__xss=1//">',
  '<div style="background:url(javascript:window.__xss=1)">',
  '<img src="x" onerror="eval(atob(\'d2luZG93Ll9feHNzPTE=\'))">',
  '<img src=x oNeRrOr=window.__xss=1>',
  '<IMG SRC=JaVaScRiPt:window.__xss=1>',
  '<img src=`x` onerror=window.__xss=1>',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:window.__xss=1"><text y=20>x</text></a></svg>',
  '<isindex type=image src=1 onerror=window.__xss=1>',
  '<keygen autofocus onfocus=window.__xss=1>',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<img src=x:alert(1) onerror=window.__xss=1>',
  'javascript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '${window.__xss=1}',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '<![CDATA[<script>window.__xss=1</script>]]>',
  '<xmp><img src=x onerror=window.__xss=1></xmp>',
  '<plaintext><img src=x onerror=window.__xss=1>',
  '\u202e<img src=x onerror=window.__xss=1>',
  '<img src=x onerror=window.__xss=1>'.repeat(20),
]

describe('untrusted content in a real browser', () => {
  test('error: 50 script-injection payloads in texts, fallbacks, replies, reactions and file names are shown as text and never run', async () => {
    const wallet = createCountingWallet()
    const attacker = await createClient({ signer: createCountingWallet(), transport: httpTransport({ url: node.url }) })
    const victim = await site.open(wallet, node.url)
    let dialogs = 0
    victim.page.on('dialog', (dialog) => {
      dialogs++
      void dialog.dismiss()
    })

    const conversation = await startConversation(attacker, { peerAddress: wallet.address })
    const first = await sendMessage(attacker, { conversation, content: PAYLOADS[0]!, contentType: ContentTypeText })
    for (const payload of PAYLOADS.slice(1)) await sendMessage(attacker, { conversation, content: payload })
    // The same payloads where other parts of the thread show untrusted strings.
    await sendMessage<Reply>(attacker, {
      conversation,
      contentType: ContentTypeReply,
      content: { reference: first.id, contentType: ContentTypeText, content: PAYLOADS[1]! },
    })
    await sendMessage<Reaction>(attacker, {
      conversation,
      contentType: ContentTypeReaction,
      content: { reference: first.id, action: 'added', schema: 'custom', content: PAYLOADS[2]! },
    })
    await sendMessage<Attachment>(attacker, {
      conversation,
      contentType: ContentTypeAttachment,
      content: { filename: PAYLOADS[3]!, mimeType: 'text/html', data: new TextEncoder().encode(PAYLOADS[0]!) },
    })
    await sendMessage<Attachment>(attacker, {
      conversation,
      contentType: ContentTypeAttachment,
      content: { filename: '<img src=x onerror=window.__xss=1>.png', mimeType: 'image/svg+xml', data: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"/>') },
    })

    const { page } = victim
    await page.getByRole('tab', { name: /Requests/ }).click()
    const row = page.getByRole('option', { name: new RegExp(shortAddress(attacker.address)) })
    await row.click({ timeout: 15_000 })
    const thread = threadOf(page)
    // The newest payload is rendered, literally, as the text of a message.
    await thread.getByText(PAYLOADS.at(-1)!, { exact: true }).waitFor({ timeout: 15_000 })
    // Scroll through the whole thread so that every row is rendered once.
    for (let i = 0; i < 40; i++) {
      await page.mouse.move(600, 400)
      await page.mouse.wheel(0, -400)
    }
    await thread.getByText(PAYLOADS[0]!, { exact: true }).waitFor({ timeout: 15_000 })
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 400)
    await page.waitForTimeout(300)

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(dialogs).toBe(0)
    // No element, attribute or URL from a payload made it into the document.
    const injected = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script:not([src])').length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
      iframes: document.querySelectorAll('iframe, object, embed, svg animate, marquee, xmp, plaintext').length,
      jsLinks: [...document.querySelectorAll('a[href], [src]')].filter((el) => /^(javascript|data:text\/html)/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? '')).length,
    }))
    expect(injected).toEqual({ scripts: 0, handlers: 0, iframes: 0, jsLinks: 0 })
    // The SVG "image" is not shown inline (it could carry script), and the HTML file is a plain download.
    expect(await page.locator('img[src^="blob:"]').count()).toBe(0)
    expect(victim.errors).toEqual([])
  }, 180_000)
})
