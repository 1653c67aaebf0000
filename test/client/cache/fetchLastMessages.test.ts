import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  fetchLastMessages,
  listConversations,
  memoryTransport,
  startConversation,
} from '@xmtp-kit/client'
import { flushCache } from '../../../packages/client/src/cache/flushCache.js'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import { createCountingWallet } from '../../support/wallets.js'
import { BASE, SECOND, countCrypto, countingTransport, publishAt, reopen } from './helpers.js'


/** Me and three peers who each start a conversation with me; peers 0 and 1 send a message (2 sends none). */
async function inbox() {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  const me = await createClient({ signer: createCountingWallet(), transport })
  const peers = await Promise.all([0, 1, 2].map(() => createClient({ signer: createCountingWallet(), transport })))
  const conversations = await Promise.all(peers.map((p) => startConversation(p, { peerAddress: me.address })))
  await publishAt(peers[0]!, conversations[0]!, BASE, 'hello 0')
  await publishAt(peers[1]!, conversations[1]!, BASE + SECOND, 'hello 1')
  return { network, transport, me, peers, conversations, keys: me.exportKeys() }
}

const ids = (previews: Map<string, { id: string } | undefined>) => [...previews].map(([topic, m]) => [topic, m?.id])

describe("fetchLastMessages: source 'cache-then-network'", () => {
  test('behavior: across new messages, junk envelopes and restarts, answers exactly as the network does (property)', async () => {
    // Distinct times: on a tie the node's order (digest) and the cache's (first seen) may differ.
    const event = fc.oneof(
      fc.record({ kind: fc.constant('send' as const), conversation: fc.integer({ min: 0, max: 2 }), at: fc.integer({ min: -30, max: 60 }) }),
      fc.record({ kind: fc.constant('junk' as const), conversation: fc.integer({ min: 0, max: 2 }), at: fc.integer({ min: -30, max: 60 }) }),
      fc.constant({ kind: 'restart' as const }),
      fc.constant({ kind: 'check' as const }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), async (events) => {
        const { network, peers, conversations, keys } = await inbox()
        const persistence = memoryPersistence()
        let client = await reopen(keys, memoryTransport({ network }), persistence)
        // The network's answer, from a client with nothing cached.
        const reference = await reopen(keys, memoryTransport({ network }), undefined)
        const used = new Set<number>([0, 1])
        const time = (at: number) => {
          let t = 2 + at * 2
          while (used.has(t)) t++
          used.add(t)
          return BASE + BigInt(t) * SECOND
        }
        const check = async () => {
          const listed = await listConversations(client)
          const expected = await fetchLastMessages(reference, { conversations: (await listConversations(reference)).map((c) => c.topic) })
          const actual = await fetchLastMessages(client, { conversations: listed, source: 'cache-then-network' })
          expect(ids(actual).sort()).toEqual(ids(expected).sort())
          // What it learned is now the cached answer too.
          expect(ids(await fetchLastMessages(client, { conversations: listed, source: 'cache' })).sort()).toEqual(ids(expected).sort())
        }
        await check()
        for (const e of events) {
          if (e.kind === 'send') await publishAt(peers[e.conversation]!, conversations[e.conversation]!, time(e.at), `m${e.at}`)
          if (e.kind === 'junk') {
            await peers[0]!.publish([{ contentTopic: conversations[e.conversation]!.topic, timestampNs: time(e.at), message: new Uint8Array([1, 2, 3]) }])
          }
          if (e.kind === 'restart') {
            await flushCache(client)
            client = await reopen(keys, memoryTransport({ network }), persistence)
          }
          if (e.kind === 'check') await check()
        }
        await check()
      }),
      { numRuns: 25 },
    )
  })

  test('behavior: on a restart, unchanged conversations cost one empty batch answer each and no crypto', async () => {
    const { network, peers, conversations, keys } = await inbox()
    const persistence = memoryPersistence()
    const warm = await reopen(keys, memoryTransport({ network }), persistence)
    await fetchLastMessages(warm, { conversations: await listConversations(warm) })
    await flushCache(warm)

    const counted = countingTransport(network)
    const client = await reopen(keys, counted.transport, persistence)
    const listed = await listConversations(client)
    counted.reset()
    const crypto = countCrypto()
    const previews = await fetchLastMessages(client, { conversations: listed, source: 'cache-then-network' })
    expect(previews.get(conversations[0]!.topic)?.content).toBe('hello 0')
    expect(previews.get(conversations[1]!.topic)?.content).toBe('hello 1')
    expect(previews.get(conversations[2]!.topic)).toBeUndefined()
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
    // One batch; each topic with a preview asked only for what is newer than it, the other from the start.
    expect(counted.batches).toHaveLength(1)
    const asked = new Map(counted.batches[0]!.map((q) => [q.contentTopic, q.startTimeNs]))
    expect(asked.get(conversations[0]!.topic)).toBe(BASE + 1n)
    expect(asked.get(conversations[1]!.topic)).toBe(BASE + SECOND + 1n)
    expect(asked.get(conversations[2]!.topic)).toBeUndefined()
    // The answer is in the order asked.
    expect([...previews.keys()]).toEqual(listed.map((c) => c.topic))

    // A new message in one conversation: only that one is decrypted and verified.
    await publishAt(peers[1]!, conversations[1]!, BASE + 5n * SECOND, 'news')
    const again = await fetchLastMessages(client, { conversations: listed, source: 'cache-then-network' })
    expect(again.get(conversations[1]!.topic)?.content).toBe('news')
    expect(again.get(conversations[0]!.topic)?.content).toBe('hello 0')
    expect(crypto.ecdh).toBe(0)
    expect(crypto.verify).toBeGreaterThan(0)
    crypto.verify = 0
    crypto.recover = 0
    await fetchLastMessages(client, { conversations: listed, source: 'cache-then-network' })
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
  })

  test('behavior: junk newer than the cached preview is reported and the cached preview stands', async () => {
    const { network, transport, conversations, keys } = await inbox()
    const persistence = memoryPersistence()
    const client = await reopen(keys, memoryTransport({ network }), persistence)
    const listed = await listConversations(client)
    await fetchLastMessages(client, { conversations: listed })
    await transport.publish([{ contentTopic: conversations[0]!.topic, timestampNs: BASE + 9n * SECOND, message: new Uint8Array([9, 9]) }])
    const errors: Error[] = []
    const previews = await fetchLastMessages(client, { conversations: listed, source: 'cache-then-network', onError: (e) => errors.push(e) })
    expect(previews.get(conversations[0]!.topic)?.content).toBe('hello 0')
    // As with `source: 'network'`: once as the newest envelope, once more while reading back past it.
    expect(errors.length).toBeGreaterThan(0)
  })

  test('parameters: source validates its value', async () => {
    const { me, conversations } = await inbox()
    await listConversations(me)
    await expect(fetchLastMessages(me, { conversations, source: 'disk' as never })).rejects.toThrow(TypeError)
  })
})
