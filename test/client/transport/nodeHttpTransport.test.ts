import { nodeFetch, nodeHttpTransport } from '@xmtp-kit/client/node'
import { startNode } from '@xmtp-kit/node'
import { describe, expect, test } from 'vitest'
import { AbortError, TransportError } from '../../../packages/client/src/errors/errors.js'
import { describeTransportConformance, envelope, freshTopic } from './conformance.js'
import { fast, quiet, realNodeSetup } from './realNode.js'

// The same suite as `httpTransport` over the global fetch: the Node transport must behave identically.
describeTransportConformance('nodeHttpTransport', () => realNodeSetup((url) => nodeHttpTransport({ url, ...fast })))

describe('nodeHttpTransport', () => {
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
