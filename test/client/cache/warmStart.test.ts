import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  fetchLastMessages,
  listConversations,
  listMessages,
  memoryTransport,
  sendMessage,
  startConversation,
  type Conversation,
} from '@xmtp-kit/client'
import { CacheError } from '../../../packages/client/src/cache/CacheError.js'
import { clearCache } from '../../../packages/client/src/cache/clearCache.js'
import { flushCache } from '../../../packages/client/src/cache/flushCache.js'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import { createCountingWallet } from '../../support/wallets.js'
import { countCrypto, countingTransport, reopen } from './helpers.js'

afterEach(() => {
  vi.useRealTimers()
})

const texts = (messages: { content: unknown }[]) => messages.map((m) => m.content)
const HOUR_MS = 3_600_000
// sendMessage keeps its timestamps increasing across calls: each warm-up starts after the previous one's.
let warmUps = 0

/** Moves the (faked) clock on by more than the 10 s resync overlap. */
const later = () => vi.setSystemTime(Date.now() + 20_000)

/**
 * Me and three peers, an hour ago, 20 s apart: each peer starts a conversation with me and sends two
 * messages; my client (with a persistence) lists them and reads their messages, so the cache is warm.
 */
async function warmedUp() {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now() - HOUR_MS + warmUps++ * 300_000)
  const network = createMemoryNetwork()
  const counted = countingTransport(network)
  const { transport } = counted
  const persistence = memoryPersistence()
  const me = await createClient({ signer: createCountingWallet(), transport, persistence })
  const peers = await Promise.all([0, 1, 2].map(() => createClient({ signer: createCountingWallet(), transport })))
  const conversations: Conversation[] = []
  for (const [i, peer] of peers.entries()) {
    later()
    const conversation = await startConversation(peer, { peerAddress: me.address })
    conversations.push(conversation)
    later()
    await sendMessage(peer, { conversation, content: `hello ${i}` })
    later()
    await sendMessage(peer, { conversation, content: `again ${i}` })
  }
  expect(await listConversations(me)).toHaveLength(3)
  for (const conversation of conversations) await listMessages(me, { conversation, source: 'cache-then-network' })
  await fetchLastMessages(me, { conversations })
  vi.useRealTimers()
  return { network, counted, transport, persistence, me, peers, conversations, keys: me.exportKeys() }
}

describe('createClient: persistence', () => {
  test('behavior: a warm start lists known conversations with no ECDH and reads only envelopes since the last sync', async () => {
    const { counted, transport, persistence, conversations, keys } = await warmedUp()
    counted.reset()
    const errors: CacheError[] = []
    const me = await reopen(keys, transport, persistence, errors)
    const crypto = countCrypto()
    const listed = await listConversations(me)
    expect(listed.map((c) => c.topic).sort()).toEqual(conversations.map((c) => c.topic).sort())
    expect(crypto.ecdh).toBe(0)
    // Listing resumed at the last sync less the 10 s overlap: of the old invitations only the newest
    // (inside the overlap) was read again, and none was opened.
    const inviteQueries = counted.queries.filter((q) => q.query.contentTopic.includes('/invite-'))
    expect(inviteQueries).toHaveLength(1)
    expect(inviteQueries[0]!.query.startTimeNs).toBeGreaterThan(0n)
    expect(counted.envelopesOn('/invite-')).toBe(1)

    // Previews and messages come from the cache: no request, no decryption.
    const previews = await fetchLastMessages(me, { conversations: listed, source: 'cache' })
    expect([...previews.values()].map((m) => m?.content).sort()).toEqual(['again 0', 'again 1', 'again 2'])
    const cached = await listMessages(me, { conversation: conversations[0]!, source: 'cache' })
    expect(texts(cached)).toEqual(['hello 0', 'again 0'])
    expect(counted.queries.filter((q) => q.query.contentTopic.includes('/m-'))).toHaveLength(0)
    expect(counted.batches).toHaveLength(0)
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
    expect(errors).toEqual([])
  })

  test('behavior: after a warm start, only new envelopes are fetched and decrypted; a new invitation is found', async () => {
    const { counted, transport, persistence, peers, conversations, keys } = await warmedUp()
    const me = await reopen(keys, transport, persistence)
    // New since the warm-up: one message in conversation 0 and a new conversation from a new peer.
    await sendMessage(peers[0]!, { conversation: conversations[0]!, content: 'new 0' })
    const newcomer = await createClient({ signer: createCountingWallet(), transport })
    const fresh = await startConversation(newcomer, { peerAddress: me.address })
    await sendMessage(newcomer, { conversation: fresh, content: 'hi, new here' })

    counted.reset()
    const crypto = countCrypto()
    const listed = await listConversations(me)
    expect(listed.map((c) => c.topic)).toContain(fresh.topic)
    expect(listed).toHaveLength(4)
    expect(crypto.ecdh).toBe(3) // one invitation opened: three ECDH (§8.3)
    expect(counted.envelopesOn('/invite-')).toBe(2) // the new one and the newest old one (overlap)

    crypto.ecdh = 0
    crypto.verify = 0
    counted.reset()
    const messages = await listMessages(me, { conversation: conversations[0]!, source: 'cache-then-network' })
    expect(texts(messages)).toEqual(['hello 0', 'again 0', 'new 0'])
    // What is new, plus the newest cached one (the overlap), which is not decrypted again.
    expect(counted.envelopesOn('/m-')).toBe(2)
    expect(counted.queries[0]!.query.startTimeNs).toBeGreaterThan(0n)
    expect(crypto.ecdh).toBe(0)

    // The network path agrees and, with the cache, decrypts nothing it already verified.
    crypto.verify = 0
    const fromNetwork = await listMessages(me, { conversation: conversations[0]! })
    expect(fromNetwork.map((m) => m.id)).toEqual(messages.map((m) => m.id))
    expect(crypto.verify).toBe(0)

    // Previews from the network reuse verified messages and learn the new ones.
    const previews = await fetchLastMessages(me, { conversations: listed })
    expect(previews.get(fresh.topic)?.content).toBe('hi, new here')
    expect(previews.get(conversations[0]!.topic)?.content).toBe('new 0')

    // And all of it is there for the next start.
    const again = await reopen(keys, transport, persistence)
    const crypto2 = countCrypto()
    const relisted = await listConversations(again)
    expect(relisted).toHaveLength(4)
    const cachedPreviews = await fetchLastMessages(again, { conversations: relisted, source: 'cache' })
    expect(cachedPreviews.get(fresh.topic)?.content).toBe('hi, new here')
    expect(cachedPreviews.get(conversations[0]!.topic)?.content).toBe('new 0')
    expect(crypto2.ecdh).toBe(0)
  })

  test('behavior: the 10 s listing overlap re-reads envelopes but opens none again', async () => {
    const network = createMemoryNetwork()
    const counted = countingTransport(network)
    const persistence = memoryPersistence()
    const me = await createClient({ signer: createCountingWallet(), transport: counted.transport, persistence })
    const peer = await createClient({ signer: createCountingWallet(), transport: counted.transport })
    await startConversation(peer, { peerAddress: me.address })
    await listConversations(me)

    const crypto = countCrypto()
    counted.reset()
    const warm = await reopen(me.exportKeys(), counted.transport, persistence)
    expect(await listConversations(warm)).toHaveLength(1)
    expect(counted.envelopesOn('/invite-')).toBe(1) // within the overlap
    expect(crypto.ecdh).toBe(0)
    // Without a persistence too, relisting in one session does not reopen them.
    await listConversations(me)
    expect(crypto.ecdh).toBe(0)
  })

  test('behavior: wallets sharing a persistence never see each other’s data', async () => {
    const network = createMemoryNetwork()
    const { transport } = countingTransport(network)
    const persistence = memoryPersistence()
    const a = await createClient({ signer: createCountingWallet(), transport, persistence })
    const b = await createClient({ signer: createCountingWallet(), transport, persistence })
    const peer = await createClient({ signer: createCountingWallet(), transport })
    const withA = await startConversation(peer, { peerAddress: a.address })
    await sendMessage(peer, { conversation: withA, content: 'for A only' })
    await listConversations(a)
    await listMessages(a, { conversation: withA, source: 'cache-then-network' })
    expect(await listConversations(b)).toEqual([])

    const keys = await persistence.keys('')
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.every((k) => k.startsWith(`xmtp-kit/${a.address}/`) || k.startsWith(`xmtp-kit/${b.address}/`))).toBe(true)

    // B's warm start does not see A's conversation, even with A's entries copied under B's names.
    for (const key of keys.filter((k) => k.startsWith(`xmtp-kit/${a.address}/`))) {
      await persistence.set(key.replace(a.address, b.address), (await persistence.get(key))!)
    }
    const errors: CacheError[] = []
    const bAgain = await reopen(b.exportKeys(), transport, persistence, errors)
    expect(await listConversations(bAgain)).toEqual([])
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((e) => e instanceof CacheError && e.reason === 'unreadable')).toBe(true)

    // Values are sealed: no address, topic or text appears in the stored bytes.
    const decoder = new TextDecoder('latin1')
    for (const key of await persistence.keys(`xmtp-kit/${a.address}/`)) {
      const text = decoder.decode((await persistence.get(key))!)
      expect(text).not.toContain('for A only')
      expect(text).not.toContain(withA.topic)
      expect(text.toLowerCase()).not.toContain(peer.address.slice(2).toLowerCase())
    }
    expect((await persistence.keys('')).some((k) => k.includes(withA.topic))).toBe(false)
  })

  test('behavior: corrupt cache bytes are reported as CacheError and rebuilt from the network', async () => {
    const { transport, persistence, conversations, keys, me: original } = await warmedUp()
    const entries = await persistence.keys(`xmtp-kit/${original.address}/`)
    // Flip a byte in every entry: the index, each conversation bucket and each message cache.
    for (const key of entries) {
      const value = (await persistence.get(key))!
      value[value.length - 1]! ^= 1
      await persistence.set(key, value)
    }
    const errors: CacheError[] = []
    const me = await reopen(keys, transport, persistence, errors)
    const listed = await listConversations(me)
    expect(listed.map((c) => c.topic).sort()).toEqual(conversations.map((c) => c.topic).sort())
    const messages = await listMessages(me, { conversation: conversations[1]!, source: 'cache-then-network' })
    expect(texts(messages)).toEqual(['hello 1', 'again 1'])
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((e) => e instanceof CacheError && e.code === 'CACHE_FAILED' && e.reason === 'unreadable')).toBe(true)

    // Rebuilt: the next start is warm and clean.
    const crypto = countCrypto()
    const errors2: CacheError[] = []
    const next = await reopen(keys, transport, persistence, errors2)
    expect(await listConversations(next)).toHaveLength(3)
    expect(crypto.ecdh).toBe(0)
    expect(errors2).toEqual([])
  })

  test('behavior: one corrupt conversation bucket loses only its conversations, found again on the network', async () => {
    const { transport, persistence, conversations, keys, me: original } = await warmedUp()
    const buckets = (await persistence.keys(`xmtp-kit/${original.address}/conversations/`)).sort()
    let damaged = 0
    for (const key of buckets) {
      const value = (await persistence.get(key))!
      // The buckets that hold a conversation (empty ones are tiny).
      if (value.length < 200) continue
      value.fill(7, 1)
      await persistence.set(key, value)
      damaged++
      break
    }
    expect(damaged).toBe(1)
    const errors: CacheError[] = []
    const crypto = countCrypto()
    const me = await reopen(keys, transport, persistence, errors)
    expect(await listConversations(me)).toHaveLength(3)
    expect(errors).toHaveLength(1)
    // Every invitation was read again, but only the lost ones were opened (3 ECDH each).
    expect(crypto.ecdh).toBeGreaterThan(0)
    expect(crypto.ecdh).toBeLessThan(9)
    expect(conversations).toHaveLength(3)
  })

  test('behavior: conversations started or streamed are cached too (written by flushCache at the latest)', async () => {
    const network = createMemoryNetwork()
    const { transport } = countingTransport(network)
    const persistence = memoryPersistence()
    const me = await createClient({ signer: createCountingWallet(), transport, persistence })
    const peer = await createClient({ signer: createCountingWallet(), transport })
    const started = await startConversation(me, { peerAddress: peer.address })
    await sendMessage(me, { conversation: started, content: 'sent before any listing' })
    await flushCache(me)
    const crypto = countCrypto()
    const again = await reopen(me.exportKeys(), memoryTransport({ network: createMemoryNetwork() }), persistence)
    expect((await listConversations(again)).map((c) => c.topic)).toEqual([started.topic])
    expect(crypto.ecdh).toBe(0)
  })

  test('behavior: storage failures are reported, never thrown', async () => {
    const network = createMemoryNetwork()
    const { transport } = countingTransport(network)
    const failing = {
      get: async () => {
        throw new Error('disk on fire')
      },
      set: async () => {
        throw new Error('quota exceeded')
      },
      delete: async () => {},
      keys: async () => [],
    }
    const errors: CacheError[] = []
    const me = await createClient({ signer: createCountingWallet(), transport, persistence: failing, onCacheError: (e) => errors.push(e) })
    const peer = await createClient({ signer: createCountingWallet(), transport })
    const conversation = await startConversation(peer, { peerAddress: me.address })
    await sendMessage(peer, { conversation, content: 'still works' })
    expect(await listConversations(me)).toHaveLength(1)
    expect(texts(await listMessages(me, { conversation, source: 'cache-then-network' }))).toEqual(['still works'])
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((e) => e instanceof CacheError && e.reason === 'unavailable')).toBe(true)
  })
})

describe('clearCache', () => {
  test('default: deletes one wallet’s entries and keeps the others’', async () => {
    const { persistence, me, keys, transport } = await warmedUp()
    const other = await createClient({ signer: createCountingWallet(), transport, persistence })
    await listConversations(other)
    await clearCache({ persistence, address: me.address.toLowerCase() })
    expect(await persistence.keys(`xmtp-kit/${me.address}/`)).toEqual([])
    expect((await persistence.keys(`xmtp-kit/${other.address}/`)).length).toBeGreaterThan(0)
    // A cleared cache is a cold start.
    const crypto = countCrypto()
    expect(await listConversations(await reopen(keys, transport, persistence))).toHaveLength(3)
    expect(crypto.ecdh).toBe(9)
  })
})
