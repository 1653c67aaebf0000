import { createClient, httpTransport, sendMessage, startConversation } from '@xmtp-kit/client'
import { describe, expect, test } from 'vitest'
import { clientPageBed } from '../support/clientPage.js'
import { createCountingWallet } from '../support/wallets.js'


const bed = clientPageBed('cache')

interface PageResult {
  topics: string[]
  messages: unknown[]
  previews: unknown[]
  ecdh: number
  inviteEnvelopes: number
  messageEnvelopes: number
  cacheErrors: string[]
  storedKeys: string[]
}

/**
 * In the page: a client with IndexedDB persistence (the wallet signs in the test process) lists its
 * conversations and reads the first one through the cache, counting ECDH and envelopes read.
 */
function listInPage(nodeUrl: string, address: string): Promise<PageResult> {
  return bed.browser.page.evaluate(
    async ({ nodeUrl, address }) => {
      const kit = (window as any).kit
      const counts = { ecdh: 0, inviteEnvelopes: 0, messageEnvelopes: 0 }
      kit.setSecp256k1Backend({
        ...kit.nobleSecp256k1Backend,
        name: 'counting',
        getSharedSecret: (a: Uint8Array, b: Uint8Array) => (counts.ecdh++, kit.nobleSecp256k1Backend.getSharedSecret(a, b)),
      })
      const http = kit.httpTransport({ url: nodeUrl })
      const transport = {
        ...http,
        query(query: { contentTopic: string }) {
          const pages = http.query(query)
          return {
            async *[Symbol.asyncIterator]() {
              for await (const page of pages) {
                if (query.contentTopic.includes('/invite-')) counts.inviteEnvelopes += page.envelopes.length
                if (query.contentTopic.includes('/m-')) counts.messageEnvelopes += page.envelopes.length
                yield page
              }
            },
          }
        },
      }
      const signer = { getAddress: () => address, signMessage: (m: string) => (window as any).walletSignMessage(m) }
      const persistence = kit.indexedDbPersistence({ name: 'xmtp-kit-e2e' })
      const cacheErrors: string[] = []
      const client = await kit.createClient({ signer, transport, persistence, onCacheError: (e: Error) => cacheErrors.push(e.message) })
      const conversations = await kit.listConversations(client)
      const messages = await kit.listMessages(client, { conversation: conversations[0], source: 'cache-then-network' })
      const previews = await kit.fetchLastMessages(client, { conversations, source: 'cache' })
      return {
        topics: conversations.map((c: { topic: string }) => c.topic),
        messages: messages.map((m: { content: unknown }) => m.content),
        previews: [...previews.values()].map((m: any) => m?.content),
        ...counts,
        cacheErrors,
        storedKeys: await persistence.keys(''),
      }
    },
    { nodeUrl, address },
  )
}

describe('indexedDbPersistence (Chromium)', () => {
  test('behavior: after a reload, known conversations and messages come from IndexedDB: no ECDH, only new envelopes', async () => {
    const wallet = createCountingWallet()
    const { page } = bed.browser
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.exposeFunction('walletSignMessage', (message: string) => wallet.signMessage(message))
    await page.goto(bed.site.url)
    await page.waitForFunction(() => (window as any).kit !== undefined)
    // The identity is created in the page first, so the peer can invite it.
    await page.evaluate(
      async ({ nodeUrl, address }) => {
        const kit = (window as any).kit
        const signer = { getAddress: () => address, signMessage: (m: string) => (window as any).walletSignMessage(m) }
        await kit.createClient({ signer, transport: kit.httpTransport({ url: nodeUrl }) })
      },
      { nodeUrl: bed.node.url, address: wallet.address },
    )
    const peer = await createClient({ signer: createCountingWallet(), transport: httpTransport({ url: bed.node.url }) })
    const conversation = await startConversation(peer, { peerAddress: wallet.address })
    await sendMessage(peer, { conversation, content: 'hello browser' })

    const cold = await listInPage(bed.node.url, wallet.address)
    expect(cold).toMatchObject({ topics: [conversation.topic], messages: ['hello browser'], previews: ['hello browser'], cacheErrors: [] })
    expect(cold.ecdh).toBeGreaterThanOrEqual(3)
    expect(cold.storedKeys.length).toBeGreaterThan(0)
    expect(cold.storedKeys.every((k) => k.startsWith(`xmtp-kit/${wallet.address}/`))).toBe(true)

    await page.reload()
    await page.waitForFunction(() => (window as any).kit !== undefined)
    const warm = await listInPage(bed.node.url, wallet.address)
    expect(warm).toMatchObject({ topics: [conversation.topic], messages: ['hello browser'], previews: ['hello browser'], cacheErrors: [] })
    expect(warm.ecdh).toBe(0)
    // Listing and syncing resume from the cache: at most the envelopes of the 10 s overlap are read again.
    expect(warm.inviteEnvelopes).toBeLessThanOrEqual(1)
    expect(warm.messageEnvelopes).toBeLessThanOrEqual(1)
    expect(errors).toEqual([])
  })
})
