import { nodeFetch, nodeHttpTransport } from '@xmtp-kit/client/node'
import { startNode } from '@xmtp-kit/node'
import { describe, expect, test } from 'vitest'
import { AbortError, TransportError } from '../../../packages/client/src/errors/errors.js'
import { describeTransportConformance, envelope, freshTopic, text, waitFor } from './conformance.js'
import { fast, quiet, realNodeSetup } from './realNode.js'

// The same suite as `httpTransport` over the global fetch: the Node transport must behave identically.
describeTransportConformance('nodeHttpTransport', () => realNodeSetup((url) => nodeHttpTransport({ url, ...fast })))

describe('nodeHttpTransport', () => {
  test('behavior: more live subscriptions than maxSockets never hold up publishes and queries', async () => {
    const node = await startNode({ port: 0, db: ':memory:', auth: false, ...quiet })
    const transport = nodeHttpTransport({ url: node.url, maxSockets: 2 })
    const topics = Array.from({ length: 5 }, (_, i) => freshTopic(`pool-${i}`))
    const received: string[][] = topics.map(() => [])
    const subscriptions = topics.map((topic, i) => transport.subscribe([topic], { onEnvelope: (e) => received[i]!.push(text(e)) }))
    try {
      await waitFor(() => subscriptions.every((s) => s.state.getSnapshot().status === 'live'), 'five live subscriptions')
      await Promise.all(topics.map((topic, i) => transport.publish([envelope(topic, 1n + BigInt(i), `to ${i}`)])))
      const pages = await Promise.all(topics.map(async (topic) => (await transport.query({ contentTopic: topic })[Symbol.asyncIterator]().next()).value))
      expect(pages.map((page) => page?.envelopes.map(text))).toEqual(topics.map((_, i) => [`to ${i}`]))
      await waitFor(() => received.every((r) => r.length === 1), 'each subscription to get its envelope')
      expect(received).toEqual(topics.map((_, i) => [`to ${i}`]))
    } finally {
      for (const subscription of subscriptions) subscription.close()
      await node.close()
    }
  })

  test('error: an unreachable node is a TransportError after the retries', async () => {
    const node = await startNode({ port: 0, db: ':memory:', auth: false, ...quiet })
    const url = node.url
    await node.close()
    const error = await nodeHttpTransport({ url, retry: { attempts: 2, baseDelayMs: 1 } })
      .publish([envelope(freshTopic('down'), 1n, 'a')])
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).status).toBeUndefined()
  })

  test('error: a 4xx from the node is thrown at once with its gRPC code', async () => {
    const node = await startNode({ port: 0, db: ':memory:', auth: true, ...quiet })
    try {
      const error = await nodeHttpTransport({ url: node.url, retry: { baseDelayMs: 1 } })
        .publish([envelope(`/xmtp/0/m-${'a'.repeat(64)}/proto`, 1n, 'a')])
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportError)
      expect((error as TransportError).status).toBe(401)
      expect((error as TransportError).grpcCode).toBe(16)
    } finally {
      await node.close()
    }
  })

  test('error: an aborted signal rejects with AbortError, before and during a request', async () => {
    const node = await startNode({ port: 0, db: ':memory:', auth: false, ...quiet })
    try {
      const transport = nodeHttpTransport({ url: node.url })
      const aborted = AbortSignal.abort()
      await expect(transport.publish([envelope(freshTopic('abort'), 1n, 'a')], { signal: aborted })).rejects.toBeInstanceOf(AbortError)
      const fetchFn = nodeFetch()
      const controller = new AbortController()
      const pending = fetchFn(`${node.url}/message/v1/subscribe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ contentTopics: [freshTopic('abort')] }),
        signal: controller.signal,
      })
      const response = await pending
      const reader = response.body!.getReader()
      controller.abort()
      await expect(reader.read()).rejects.toBeDefined()
    } finally {
      await node.close()
    }
  })

  test('error: only http and https URLs, string bodies', async () => {
    const fetchFn = nodeFetch()
    await expect(fetchFn('ftp://example.test/')).rejects.toThrow(/Unsupported protocol/)
    await expect(fetchFn('http://127.0.0.1:9/', { method: 'POST', body: new Uint8Array(1) })).rejects.toThrow(/string bodies/)
  })
})
