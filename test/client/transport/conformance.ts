import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { AbortError, PayloadTooLargeError, TransportError } from '../../../packages/client/src/errors/errors.js'
import type {
  Envelope,
  QueryPage,
  ReconnectInfo,
  Subscription,
  SubscriptionStatus,
  Transport,
} from '../../../packages/client/src/transport/types.js'

export interface ConformanceSetup {
  transport: Transport
  teardown(): Promise<void>
  /** Restarts the network keeping what it stored (same database); live subscriptions drop. */
  restart?(): Promise<void>
}

const decoder = new TextDecoder()
export const text = (envelope: Envelope) => decoder.decode(envelope.message)
export const envelope = (contentTopic: string, timestampNs: bigint | number, message: string | Uint8Array): Envelope => ({
  contentTopic,
  timestampNs: BigInt(timestampNs),
  message: typeof message === 'string' ? utf8ToBytes(message) : message,
})

let topicCounter = 0
/** A fresh topic per test, so one network serves the whole suite. */
export const freshTopic = (label: string, category = 'test') =>
  `/xmtp/0/${category}-${label}-${Date.now().toString(36)}-${(topicCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}/proto`

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(5)
  }
}

export async function pages(iterable: AsyncIterable<QueryPage>): Promise<QueryPage[]> {
  const out: QueryPage[] = []
  for await (const page of iterable) out.push(page)
  return out
}

export async function all(iterable: AsyncIterable<QueryPage>): Promise<string[]> {
  return (await pages(iterable)).flatMap((page) => page.envelopes.map(text))
}

/** Every distinct status the subscription went through, starting with the current one. */
export function recordStatuses(subscription: Subscription): SubscriptionStatus[] {
  const statuses: SubscriptionStatus[] = [subscription.state.getSnapshot().status]
  subscription.state.subscribe(() => {
    const { status } = subscription.state.getSnapshot()
    if (statuses.at(-1) !== status) statuses.push(status)
  })
  return statuses
}

/** The node's order: `(timestampNs, sha256(utf8(topic) || message))`. */
const sortLikeNode = (envelopes: Envelope[]) => {
  const key = (e: Envelope) => sha256(concatBytes(utf8ToBytes(e.contentTopic), e.message))
  return [...envelopes].sort((a, b) => {
    if (a.timestampNs !== b.timestampNs) return a.timestampNs < b.timestampNs ? -1 : 1
    const [x, y] = [key(a), key(b)]
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!
    return 0
  })
}

/**
 * The behaviour every Transport must share with the XMTP node (protocol §2–§3): run against the real node
 * over HTTP and against the memory network, so the two cannot drift apart.
 */
export function describeTransportConformance(name: string, setup: () => Promise<ConformanceSetup>): void {
  describe(name, () => {
    let ctx: ConformanceSetup
    let transport: Transport
    const subscriptions: Subscription[] = []
    const subscribe: Transport['subscribe'] = (topics, parameters) => {
      const subscription = transport.subscribe(topics, parameters)
      subscriptions.push(subscription)
      return subscription
    }

    beforeAll(async () => {
      ctx = await setup()
      transport = ctx.transport
    })
    afterAll(async () => {
      for (const subscription of subscriptions) subscription.close()
      await ctx?.teardown()
    })

    test('behavior: a published envelope comes back from query byte for byte', async () => {
      const topic = freshTopic('roundtrip-é')
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
      await transport.publish([envelope(topic, 1_700_000_000_000_000_000n, bytes)])
      const [page, ...rest] = await pages(transport.query({ contentTopic: topic }))
      expect(rest).toEqual([])
      expect(page!.envelopes).toEqual([{ contentTopic: topic, timestampNs: 1_700_000_000_000_000_000n, message: bytes }])
      expect(page!.cursor).toBeUndefined()
    })

    test('behavior: orders by timestamp then digest, in both directions (ascending by default)', async () => {
      const topic = freshTopic('order')
      // Several equal timestamps: only the digest tiebreak orders them.
      const published = [5, 1, 3, 3, 3, 2, 5, 3, 3].map((ts, i) => envelope(topic, ts, `m${i}`))
      await transport.publish(published)
      const ascending = sortLikeNode(published).map(text)
      expect(ascending).not.toEqual(published.map(text))
      expect(await all(transport.query({ contentTopic: topic }))).toEqual(ascending)
      expect(await all(transport.query({ contentTopic: topic, direction: 'ascending' }))).toEqual(ascending)
      expect(await all(transport.query({ contentTopic: topic, direction: 'descending' }))).toEqual([...ascending].reverse())
    })

    test('behavior: pages follow cursors across pages, a cursor only on full pages', async () => {
      const topic = freshTopic('paging')
      const published = Array.from({ length: 7 }, (_, i) => envelope(topic, 100 + (i % 3), `p${i}`))
      await transport.publish(published)
      const ascending = sortLikeNode(published).map(text)
      for (const direction of ['ascending', 'descending'] as const) {
        const result = await pages(transport.query({ contentTopic: topic, pageSize: 3, direction }))
        expect(result.map((page) => page.envelopes.length)).toEqual([3, 3, 1])
        expect(result.map((page) => page.cursor !== undefined)).toEqual([true, true, false])
        const expected = direction === 'ascending' ? ascending : [...ascending].reverse()
        expect(result.flatMap((page) => page.envelopes.map(text))).toEqual(expected)
      }
      // A last page that is exactly full: the empty page after it is not yielded.
      const six = await pages(transport.query({ contentTopic: topic, pageSize: 3, limit: 6 }))
      expect(six.map((page) => page.envelopes.length)).toEqual([3, 3])
    })

    test('parameters: cursor', async () => {
      const topic = freshTopic('cursor')
      const published = Array.from({ length: 5 }, (_, i) => envelope(topic, 7, `c${i}`))
      await transport.publish(published)
      const ascending = sortLikeNode(published).map(text)
      const [first] = await pages(transport.query({ contentTopic: topic, pageSize: 2, limit: 2 }))
      expect(first!.envelopes.map(text)).toEqual(ascending.slice(0, 2))
      expect(first!.cursor).toBeDefined()
      expect(await all(transport.query({ contentTopic: topic, cursor: first!.cursor }))).toEqual(ascending.slice(2))
      const [back] = await pages(transport.query({ contentTopic: topic, limit: 2, pageSize: 2, direction: 'descending' }))
      expect(await all(transport.query({ contentTopic: topic, cursor: back!.cursor, direction: 'descending' }))).toEqual(
        [...ascending].reverse().slice(2),
      )
    })

    test('parameters: limit', async () => {
      const topic = freshTopic('limit')
      await transport.publish(Array.from({ length: 8 }, (_, i) => envelope(topic, i + 1, `l${i}`)))
      const result = await pages(transport.query({ contentTopic: topic, pageSize: 3, limit: 5 }))
      expect(result.map((page) => page.envelopes.map(text))).toEqual([
        ['l0', 'l1', 'l2'],
        ['l3', 'l4'],
      ])
      expect(await all(transport.query({ contentTopic: topic, limit: 2, direction: 'descending' }))).toEqual(['l7', 'l6'])
      expect(await pages(transport.query({ contentTopic: topic, limit: 0 }))).toEqual([])
    })

    test('parameters: startTimeNs, endTimeNs (inclusive)', async () => {
      const topic = freshTopic('time')
      await transport.publish([10, 20, 30, 40, 50].map((ts) => envelope(topic, ts, `t${ts}`)))
      expect(await all(transport.query({ contentTopic: topic, startTimeNs: 20n, endTimeNs: 40n }))).toEqual(['t20', 't30', 't40'])
      expect(await all(transport.query({ contentTopic: topic, startTimeNs: 40n }))).toEqual(['t40', 't50'])
      expect(await all(transport.query({ contentTopic: topic, endTimeNs: 10n, direction: 'descending' }))).toEqual(['t10'])
    })

    test('behavior: batchQuery answers first pages in input order, over chunks of 50', async () => {
      const topics = Array.from({ length: 120 }, (_, i) => freshTopic(`batch${i}`))
      // Topic i holds i % 4 envelopes (none for every fourth).
      const published = topics.flatMap((topic, i) =>
        Array.from({ length: i % 4 }, (_, j) => envelope(topic, 1000 + j, `b${i}.${j}`)),
      )
      await transport.publish(published)
      const queries = topics.map((contentTopic, i) => ({
        contentTopic,
        direction: i % 2 === 0 ? ('ascending' as const) : ('descending' as const),
        pageSize: 2,
      }))
      const results = await transport.batchQuery(queries)
      expect(results).toHaveLength(120)
      results.forEach((result, i) => {
        const all = Array.from({ length: i % 4 }, (_, j) => `b${i}.${j}`)
        const expected = i % 2 === 0 ? all.slice(0, 2) : all.reverse().slice(0, 2)
        expect(result.map(text), `query ${i}`).toEqual(expected)
        for (const e of result) expect(e.contentTopic).toBe(topics[i])
      })
      expect(await transport.batchQuery([])).toEqual([])
    })

    test('behavior: ephemeral topics are relayed to subscribers but not stored', async () => {
      const topic = freshTopic('ephemeral', 'mE')
      const dmTopic = freshTopic('ephemeral', 'dmE')
      const received: string[] = []
      const subscription = subscribe([topic, dmTopic], { onEnvelope: (e) => received.push(text(e)) })
      await subscription.ready
      await transport.publish([envelope(topic, 1, 'typing'), envelope(dmTopic, 2, 'dm-typing')])
      await waitFor(() => received.length === 2, 'ephemeral envelopes')
      expect(received).toEqual(['typing', 'dm-typing'])
      expect(await all(transport.query({ contentTopic: topic }))).toEqual([])
      expect(await all(transport.query({ contentTopic: dmTopic }))).toEqual([])
      subscription.close()
    })

    test('behavior: a duplicate (same topic and message) is stored once and still relayed', async () => {
      const topic = freshTopic('dedupe')
      const received: Envelope[] = []
      const subscription = subscribe([topic], { onEnvelope: (e) => received.push(e) })
      await subscription.ready
      await transport.publish([envelope(topic, 5, 'same')])
      // The digest leaves the timestamp out: a different timestamp is still the same envelope.
      await transport.publish([envelope(topic, 5, 'same'), envelope(topic, 9, 'same')])
      await waitFor(() => received.length === 3, 'relayed duplicates')
      expect(received.map((e) => e.timestampNs)).toEqual([5n, 5n, 9n])
      const [page] = await pages(transport.query({ contentTopic: topic }))
      expect(page!.envelopes).toEqual([envelope(topic, 5, 'same')])
      subscription.close()
    })

    test('behavior: subscribe delivers only what is published on its topics after it is live', async () => {
      const topic = freshTopic('live')
      const other = freshTopic('other')
      await transport.publish([envelope(topic, 1, 'before')])
      const received: string[] = []
      const subscription = subscribe([topic], { onEnvelope: (e) => received.push(text(e)) })
      expect(subscription.state.getSnapshot().status).toBe('connecting')
      expect(subscription.topics).toEqual([topic])
      await subscription.ready
      expect(subscription.state.getSnapshot()).toMatchObject({ status: 'live', reconnects: 0 })
      await transport.publish([envelope(other, 2, 'elsewhere'), envelope(topic, 3, 'after-1')])
      await transport.publish([envelope(topic, 4, 'after-2')])
      await waitFor(() => received.length >= 2, 'live envelopes')
      await delay(20)
      expect(received).toEqual(['after-1', 'after-2'])
      subscription.close()
    })

    test('behavior: updateTopics keeps delivering kept topics, without loss or duplicates', async () => {
      const kept = freshTopic('kept')
      const removed = freshTopic('removed')
      const added = freshTopic('added')
      const received: Envelope[] = []
      const subscription = subscribe([kept, removed], { onEnvelope: (e) => received.push(e) })
      await subscription.ready

      // Publish on the kept topic without pause while the topic set changes underneath.
      const published: string[] = []
      let publishing = true
      const publisher = (async () => {
        for (let i = 0; publishing || i < 20; i++) {
          await transport.publish([envelope(kept, 1000 + i, `k${i}`)])
          published.push(`k${i}`)
          // Yield to timers and I/O (the memory network answers in microtasks only).
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      await delay(10)
      const update = subscription.updateTopics([kept, added])
      expect(subscription.topics).toEqual([kept, added])
      await update
      await delay(10)
      publishing = false
      await publisher
      await transport.publish([envelope(removed, 1, 'removed-after'), envelope(added, 1, 'added-after')])
      await transport.publish([envelope(kept, 9999, 'kept-last')])
      await waitFor(() => received.some((e) => text(e) === 'kept-last'), 'the last kept envelope')
      // Let a draining old connection deliver whatever it still would, then stop everything.
      await delay(50)
      subscription.close()

      const keptReceived = received.filter((e) => e.contentTopic === kept).map(text)
      expect(keptReceived.length).toBe(published.length + 1)
      expect([...keptReceived].sort()).toEqual([...published, 'kept-last'].sort())
      expect(received.filter((e) => e.contentTopic === added).map(text)).toEqual(['added-after'])
      expect(received.some((e) => text(e) === 'removed-after')).toBe(false)
    })

    test('behavior: updateTopics to the same set resolves without a new connection', async () => {
      const topic = freshTopic('same')
      const statuses: string[] = []
      const subscription = subscribe([topic], { onEnvelope: () => {} })
      subscription.state.subscribe(() => statuses.push(subscription.state.getSnapshot().status))
      await subscription.ready
      await subscription.updateTopics([topic, topic])
      expect(subscription.topics).toEqual([topic])
      expect(statuses).toEqual(['live'])
      subscription.close()
    })

    test('behavior: an empty topic list is live without a connection, until topics are added', async () => {
      const topic = freshTopic('empty')
      const received: string[] = []
      const subscription = subscribe([], { onEnvelope: (e) => received.push(text(e)) })
      expect(subscription.state.getSnapshot().status).toBe('live')
      await subscription.ready
      await subscription.updateTopics([topic])
      await transport.publish([envelope(topic, 1, 'first')])
      await waitFor(() => received.length === 1, 'an envelope after adding a topic')
      await subscription.updateTopics([])
      expect(subscription.state.getSnapshot().status).toBe('live')
      await transport.publish([envelope(topic, 2, 'second')])
      await delay(30)
      expect(received).toEqual(['first'])
      subscription.close()
    })

    test('behavior: close stops delivery and rejects what waits on the subscription', async () => {
      const topic = freshTopic('close')
      const received: string[] = []
      const subscription = subscribe([topic], { onEnvelope: (e) => received.push(text(e)) })
      await subscription.ready
      subscription.close()
      expect(subscription.state.getSnapshot().status).toBe('closed')
      await transport.publish([envelope(topic, 1, 'after-close')])
      await delay(30)
      expect(received).toEqual([])
      await expect(subscription.updateTopics([topic])).rejects.toBeInstanceOf(AbortError)

      const early = subscribe([topic], { onEnvelope: () => {} })
      early.close()
      await expect(early.ready).rejects.toBeInstanceOf(AbortError)
    })

    test('errors: a page size over 100 is refused with gRPC InvalidArgument (500 on a userpreferences topic)', async () => {
      const topic = freshTopic('errors')
      const error = await pages(transport.query({ contentTopic: topic, pageSize: 101 })).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportError)
      expect(error).toMatchObject({ grpcCode: 3, status: 400 })
      const preferences = freshTopic('prefs', 'userpreferences')
      await expect(pages(transport.query({ contentTopic: preferences, pageSize: 500 }))).resolves.toEqual([])
      await expect(pages(transport.query({ contentTopic: preferences, pageSize: 501 }))).rejects.toMatchObject({ grpcCode: 3 })
    })

    test('errors: one failing query fails the whole batch', async () => {
      const good = { contentTopic: freshTopic('batch-ok') }
      const bad = { contentTopic: freshTopic('batch-bad'), pageSize: 101 }
      const error = await transport.batchQuery([good, bad]).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportError)
      expect(error).toMatchObject({ grpcCode: 13 })
    })

    test('errors: oversized or empty payloads are refused before sending', async () => {
      const topic = freshTopic('size')
      await expect(transport.publish([envelope(topic, 1, new Uint8Array(1_048_215))])).rejects.toBeInstanceOf(
        PayloadTooLargeError,
      )
      await expect(transport.publish([envelope(`/xmtp/0/${'x'.repeat(290)}/proto`, 1, 'x')])).rejects.toBeInstanceOf(
        PayloadTooLargeError,
      )
      await expect(transport.publish([envelope(topic, 1, new Uint8Array(0))])).rejects.toBeInstanceOf(TypeError)
      await expect(transport.publish([envelope('', 1, 'x')])).rejects.toBeInstanceOf(TypeError)
      await expect(pages(transport.query({ contentTopic: `/${'x'.repeat(300)}` }))).rejects.toBeInstanceOf(PayloadTooLargeError)
      expect(() => transport.subscribe([`/${'é'.repeat(150)}`], { onEnvelope: () => {} })).toThrow(PayloadTooLargeError)
      // The largest message the node accepts goes through.
      await transport.publish([envelope(topic, 2, new Uint8Array(1_048_214).fill(7))])
      const [page] = await pages(transport.query({ contentTopic: topic }))
      expect(page!.envelopes.map((e) => e.message.length)).toEqual([1_048_214])
    })

    test('errors: an aborted signal rejects with AbortError', async () => {
      const topic = freshTopic('abort')
      const aborted = AbortSignal.abort()
      await expect(transport.publish([envelope(topic, 1, 'x')], { signal: aborted })).rejects.toBeInstanceOf(AbortError)
      await expect(pages(transport.query({ contentTopic: topic, signal: aborted }))).rejects.toBeInstanceOf(AbortError)
      await expect(transport.batchQuery([{ contentTopic: topic }], { signal: aborted })).rejects.toBeInstanceOf(AbortError)

      // Aborted while in flight.
      const controller = new AbortController()
      const publishing = transport.publish([envelope(topic, 2, 'y')], { signal: controller.signal })
      const querying = pages(transport.query({ contentTopic: topic, signal: controller.signal }))
      const batching = transport.batchQuery([{ contentTopic: topic }], { signal: controller.signal })
      controller.abort()
      await expect(publishing).rejects.toBeInstanceOf(AbortError)
      await expect(querying).rejects.toBeInstanceOf(AbortError)
      await expect(batching).rejects.toBeInstanceOf(AbortError)
    })

    test('behavior: after a restart, the subscription reconnects and reports what to backfill', async (context) => {
      if (!ctx.restart) return context.skip()
      const topic = freshTopic('restart')
      const received: Envelope[] = []
      const infos: ReconnectInfo[] = []
      const subscription = subscribe([topic], { onEnvelope: (e) => received.push(e), onReconnect: (i) => infos.push(i) })
      const statuses = recordStatuses(subscription)
      await subscription.ready
      await transport.publish([envelope(topic, 41, 'before-1'), envelope(topic, 42, 'before-2')])
      await waitFor(() => received.length === 2, 'envelopes before the restart')

      const restartedAt = Date.now()
      await ctx.restart()
      await waitFor(() => statuses.at(-1) === 'live' && statuses.includes('reconnecting'), 'the reconnection')
      expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
      expect(subscription.state.getSnapshot()).toMatchObject({ status: 'live', reconnects: 1 })
      expect(subscription.state.getSnapshot().error).toBeInstanceOf(Error)
      expect(infos).toHaveLength(1)
      expect(infos[0]).toMatchObject({ lastEnvelopeTimestampNs: 42n, topics: [topic] })
      expect(infos[0]!.disconnectedAt).toBeGreaterThanOrEqual(restartedAt - 1)
      expect(infos[0]!.reconnectedAt).toBeGreaterThanOrEqual(infos[0]!.disconnectedAt)

      await transport.publish([envelope(topic, 43, 'after')])
      await waitFor(() => received.length === 3, 'an envelope after the restart')
      expect(received.map(text)).toEqual(['before-1', 'before-2', 'after'])
      // Stored envelopes survive the restart.
      expect(await all(transport.query({ contentTopic: topic }))).toEqual(['before-1', 'before-2', 'after'])
      subscription.close()
    })
  })
}
