/**
 * Official-SDK conformance: real `@xmtp/xmtp-js` 13.0.4 clients against a local node with publish auth on.
 *
 * The SDK is loaded through CommonJS because its ESM build does not load on Node 20 (spec §14).
 */
import { createRequire } from 'node:module'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { post } from '../support/nodeApi.js'

const xmtp = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
const { Client, SortDirection } = xmtp
type XmtpClient = Awaited<ReturnType<typeof Client.create>>
type XmtpConversation = Awaited<ReturnType<XmtpClient['conversations']['newConversation']>>

// ---------------------------------------------------------------------------------------------------------------
// Wallets

interface CountingWallet {
  address: `0x${string}`
  signer: { getAddress(): Promise<string>; signMessage(message: string): Promise<string> }
  /** Wallet signatures requested so far. */
  signatures: number
}

function createWallet(): CountingWallet {
  const account = privateKeyToAccount(generatePrivateKey())
  const wallet: CountingWallet = {
    address: account.address,
    signatures: 0,
    signer: {
      getAddress: async () => account.address,
      signMessage: (message: string) => {
        wallet.signatures++
        return account.signMessage({ message })
      },
    },
  }
  return wallet
}

// ---------------------------------------------------------------------------------------------------------------
// Observing the SDK's HTTP traffic. The SDK calls the global `fetch` at request time, so wrapping it lets the
// tests (1) wait until a stream's subscription is live on the node before publishing (the SDK's `stream()`
// resolves before its subscribe request has been answered) and (2) see the query requests behind paging.

interface ObservedQuery {
  topics: string[]
  limit: number | undefined
  direction: string | undefined
  hasCursor: boolean
  startTimeNs: string | undefined
}

const queries: ObservedQuery[] = []
const subscriptionWaiters: Array<{ topic: string; resolve: () => void }> = []

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  return input.url
}

function observingFetch(realFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = requestUrl(input)
    const body = typeof init?.body === 'string' ? init.body : undefined
    if (body && url.endsWith('/message/v1/query')) {
      const request = JSON.parse(body)
      queries.push({
        topics: request.contentTopics,
        limit: request.pagingInfo?.limit,
        direction: request.pagingInfo?.direction,
        hasCursor: Boolean(request.pagingInfo?.cursor),
        startTimeNs: request.startTimeNs,
      })
    }
    const response = await realFetch(input, init)
    if (body && url.endsWith('/message/v1/subscribe') && response.ok) {
      // The node registers a subscriber before it sends the response headers.
      const topics: string[] = JSON.parse(body).contentTopics
      for (let i = subscriptionWaiters.length - 1; i >= 0; i--) {
        const waiter = subscriptionWaiters[i]!
        if (topics.includes(waiter.topic)) {
          subscriptionWaiters.splice(i, 1)
          waiter.resolve()
        }
      }
    }
    return response
  }
}

/** Arm before opening a stream: resolves once a subscribe request covering `topic` has been answered. */
function subscriptionTo(topic: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no subscription to ${topic} within ${timeoutMs} ms`)), timeoutMs)
    subscriptionWaiters.push({
      topic,
      resolve: () => {
        clearTimeout(timer)
        resolve()
      },
    })
  })
}

/** The next item of an SDK stream, or a rejection after `timeoutMs`. */
async function nextWithin<T>(stream: AsyncIterator<T>, timeoutMs = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const result = await Promise.race([
      stream.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`stream yielded nothing within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    if (result.done) throw new Error('stream ended')
    return result.value
  } finally {
    clearTimeout(timer)
  }
}

const identityKeyBytes = (client: XmtpClient) => client.publicKeyBundle.identityKey.secp256k1Uncompressed.bytes
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const contactTopic = (address: string) => `/xmtp/0/contact-${address}/proto`
const inviteTopic = (address: string) => `/xmtp/0/invite-${address}/proto`

// ---------------------------------------------------------------------------------------------------------------

const CONTEXT = { conversationId: 'xmtp-kit/interop', metadata: { k: 'v' } }
const PAGING_CONTEXT = { conversationId: 'xmtp-kit/interop/paging', metadata: {} }
const PAGED_MESSAGES = 250

describe('official SDK (@xmtp/xmtp-js 13.0.4) against the node', () => {
  let node: StartNodeReturnType
  const walletA = createWallet()
  const walletB = createWallet()
  let a: XmtpClient
  let b: XmtpClient
  let signaturesOnFirstCreate: number
  const closers: Array<() => Promise<unknown>> = []

  // Shared between tests that build on each other (same order as the acceptance list).
  let conversationA: XmtpConversation | undefined
  let pagingB: XmtpConversation | undefined
  /** Timestamp (ms) of paged message i is `pagingBaseMs + i`. */
  let pagingBaseMs = 0

  beforeAll(async () => {
    vi.stubGlobal('fetch', observingFetch(globalThis.fetch))
    node = await startNode({ port: 0, db: ':memory:', auth: true })
    const options = { apiUrl: node.url, env: 'local' as const }
    ;[a, b] = await Promise.all([Client.create(walletA.signer, options), Client.create(walletB.signer, options)])
    signaturesOnFirstCreate = walletA.signatures
  })

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await Promise.all([a?.close(), b?.close()])
    await node?.close()
    vi.unstubAllGlobals()
  })

  test('1. identity creation publishes contact bundles that other clients can look up', async () => {
    expect(a.address).toBe(walletA.address)
    expect(b.address).toBe(walletB.address)
    // A fresh wallet signs "Create Identity" and "Enable Identity".
    expect(signaturesOnFirstCreate).toBe(2)

    const { status, body } = await post(node.url, '/message/v1/query', {
      contentTopics: [contactTopic(walletA.address)],
      pagingInfo: { limit: 100, direction: 'SORT_DIRECTION_ASCENDING' },
    })
    expect(status).toBe(200)
    // One legacy (v1) and one signed (v2) contact bundle, in two publishes.
    expect(body.envelopes.length).toBeGreaterThanOrEqual(1)
    expect(body.envelopes).toHaveLength(2)
    for (const envelope of body.envelopes) {
      expect(envelope.contentTopic).toBe(contactTopic(walletA.address))
      expect(Buffer.from(envelope.message, 'base64').length).toBeGreaterThan(0)
    }

    const contact = await a.getUserContact(b.address)
    expect(contact).toBeDefined()
    expect(await contact!.walletSignatureAddress()).toBe(walletB.address)
    expect(hex(contact!.identityKey.secp256k1Uncompressed.bytes)).toBe(hex(identityKeyBytes(b)))

    // Batch lookup (batch-query), with a wallet that never registered.
    const unknown = privateKeyToAccount(generatePrivateKey()).address
    a.forgetContact(b.address)
    const contacts = await a.getUserContacts([b.address, unknown])
    expect(contacts).toHaveLength(2)
    expect(await contacts[0]!.walletSignatureAddress()).toBe(walletB.address)
    expect(contacts[1]).toBeUndefined()
  })

  test('2. canMessage is true for a registered wallet and false for an unknown one', async () => {
    const unknown = privateKeyToAccount(generatePrivateKey()).address
    expect(await a.canMessage(b.address)).toBe(true)
    expect(await a.canMessage(unknown)).toBe(false)
    expect(await Client.canMessage(b.address, { apiUrl: node.url })).toBe(true)
    expect(await Client.canMessage(a.address.toLowerCase(), { apiUrl: node.url })).toBe(true)
    expect(await Client.canMessage(unknown, { apiUrl: node.url })).toBe(false)
  })

  test('3. a new conversation with a context arrives on the peer’s conversation stream', async () => {
    const subscribed = subscriptionTo(inviteTopic(walletB.address))
    const stream = await b.conversations.stream()
    closers.push(() => stream.return())
    await subscribed

    conversationA = await a.conversations.newConversation(b.address, CONTEXT)
    expect(conversationA.topic).toMatch(/^\/xmtp\/0\/m-[0-9a-f]{64}\/proto$/)
    expect(conversationA.context).toEqual(CONTEXT)

    const received = await nextWithin(stream)
    expect(received.topic).toBe(conversationA.topic)
    expect(received.peerAddress).toBe(walletA.address)
    expect(received.context?.conversationId).toBe(CONTEXT.conversationId)
    expect(received.context?.metadata).toEqual(CONTEXT.metadata)
  })

  test('4. a message sent by A arrives on B’s message stream', async () => {
    expect(conversationA).toBeDefined()
    const conversationB = (await b.conversations.list()).find((c) => c.topic === conversationA!.topic)
    expect(conversationB).toBeDefined()

    const subscribed = subscriptionTo(conversationA!.topic)
    const stream = await conversationB!.streamMessages()
    closers.push(() => stream.return())
    await subscribed

    const sent = await conversationA!.send('gm from A')
    const received = await nextWithin(stream)
    expect(received.content).toBe('gm from A')
    expect(received.senderAddress).toBe(walletA.address)
    expect(received.id).toBe(sent.id)
    expect(received.contentTopic).toBe(conversationA!.topic)
  })

  test(`5. ${PAGED_MESSAGES} messages are read back complete and in order through paging`, async () => {
    const pagingA = await a.conversations.newConversation(b.address, PAGING_CONTEXT)
    // Distinct, increasing timestamps: the order the node returns is fixed whatever order the publishes land in.
    pagingBaseMs = Date.now()
    const started = performance.now()
    for (let batch = 0; batch < PAGED_MESSAGES; batch += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, PAGED_MESSAGES - batch) }, (_, j) => {
          const i = batch + j
          return pagingA.send(`msg-${i}`, { timestamp: new Date(pagingBaseMs + i) })
        }),
      )
    }
    const sendMs = performance.now() - started
    expect(sendMs).toBeLessThan(30_000)

    pagingB = (await b.conversations.list()).find((c) => c.topic === pagingA.topic)
    expect(pagingB).toBeDefined()
    const expected = Array.from({ length: PAGED_MESSAGES }, (_, i) => `msg-${i}`)

    queries.length = 0
    const all = await pagingB!.messages()
    expect(all.map((m) => m.content)).toEqual(expected)
    expect(all.every((m) => m.senderAddress === walletA.address)).toBe(true)
    expect(all.map((m) => m.sent.getTime())).toEqual(expected.map((_, i) => pagingBaseMs + i))
    // 100 per request: 100 + 100 + 50, following the node's cursors.
    const pageQueries = queries.filter((q) => q.topics.includes(pagingA.topic))
    expect(pageQueries.map((q) => q.limit)).toEqual([100, 100, 100])
    expect(pageQueries.map((q) => q.hasCursor)).toEqual([false, true, true])
    expect(pageQueries.every((q) => q.direction === 'SORT_DIRECTION_ASCENDING')).toBe(true)

    queries.length = 0
    const pages: string[][] = []
    for await (const page of pagingB!.messagesPaginated({
      pageSize: 40,
      direction: SortDirection.SORT_DIRECTION_ASCENDING,
    })) {
      pages.push(page.map((m) => m.content as string))
    }
    expect(pages.map((p) => p.length)).toEqual([40, 40, 40, 40, 40, 40, 10])
    expect(pages.flat()).toEqual(expected)
    expect(queries.filter((q) => q.topics.includes(pagingA.topic)).every((q) => q.limit === 40)).toBe(true)
  })

  test('6. descending with a limit returns the newest first', async () => {
    expect(pagingB).toBeDefined()
    const newest = await pagingB!.messages({ direction: SortDirection.SORT_DIRECTION_DESCENDING, limit: 5 })
    expect(newest.map((m) => m.content)).toEqual(['msg-249', 'msg-248', 'msg-247', 'msg-246', 'msg-245'])

    // messagesPaginated sends no direction when none is given: the node's default is descending.
    const pages = pagingB!.messagesPaginated({ pageSize: 3 })
    const firstPage = await pages.next()
    await pages.return(undefined)
    if (firstPage.done) throw new Error('messagesPaginated yielded no page')
    expect(firstPage.value.map((m) => m.content)).toEqual(['msg-249', 'msg-248', 'msg-247'])
  })

  test('7. startTime returns only messages sent at or after that time', async () => {
    expect(pagingB).toBeDefined()
    const from = 200
    const startTime = new Date(pagingBaseMs + from)
    queries.length = 0
    const later = await pagingB!.messages({ startTime })
    expect(queries[0]?.startTimeNs).toBe(`${BigInt(startTime.getTime()) * 1_000_000n}`)
    // Inclusive: the message sent exactly at startTime is there.
    expect(later.map((m) => m.content)).toEqual(
      Array.from({ length: PAGED_MESSAGES - from }, (_, i) => `msg-${from + i}`),
    )
    expect(later.every((m) => m.sent.getTime() >= startTime.getTime())).toBe(true)

    const window = await pagingB!.messages({ startTime, endTime: new Date(pagingBaseMs + from + 9) })
    expect(window.map((m) => m.content)).toEqual(Array.from({ length: 10 }, (_, i) => `msg-${from + i}`))
  })

  test('8. the peer’s newConversation with the same context reuses the topic', async () => {
    expect(conversationA).toBeDefined()
    const conversationB = await b.conversations.newConversation(a.address, CONTEXT)
    expect(conversationB.topic).toBe(conversationA!.topic)
    expect(conversationB.peerAddress).toBe(walletA.address)
    expect(conversationB.context?.conversationId).toBe(CONTEXT.conversationId)

    // And it is the same conversation: B sees A's message and A sees B's reply.
    const history = await conversationB.messages()
    expect(history.map((m) => m.content)).toContain('gm from A')
    await conversationB.send('gm from B')
    const replies = await conversationA!.messages()
    expect(replies.map((m) => [m.senderAddress, m.content])).toEqual([
      [walletA.address, 'gm from A'],
      [walletB.address, 'gm from B'],
    ])
  })

  test('9. a second Client.create with the same wallet reloads its keys from the private store', async () => {
    const before = walletA.signatures
    const again = await Client.create(walletA.signer, { apiUrl: node.url, env: 'local' })
    closers.push(() => again.close())
    // Only "Enable Identity" (to decrypt the stored bundle); no new identity.
    expect(walletA.signatures - before).toBe(1)
    expect(again.address).toBe(walletA.address)
    expect(hex(identityKeyBytes(again))).toBe(hex(identityKeyBytes(a)))
    expect(again.signedPublicKeyBundle.equals(a.signedPublicKeyBundle)).toBe(true)

    // The reloaded client sees A's conversations (the invites on the node) and can read them.
    const conversation = (await again.conversations.list()).find((c) => c.topic === conversationA?.topic)
    expect(conversation).toBeDefined()
    expect((await conversation!.messages()).map((m) => m.content)).toEqual(['gm from A', 'gm from B'])
  })
})
