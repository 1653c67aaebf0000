import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, describe, expect, test } from 'vitest'
import { TransportError } from '../../../packages/client/src/errors/errors.js'
import { httpTransport } from '../../../packages/client/src/transport/httpTransport.js'
import type { Envelope, ReconnectInfo } from '../../../packages/client/src/transport/types.js'
import { all, delay, describeTransportConformance, envelope, freshTopic, recordStatuses, text, waitFor } from './conformance.js'
import { fast, quiet, realNodeSetup } from './realNode.js'

const dirs: string[] = []
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-http-transport-'))
  dirs.push(dir)
  return join(dir, 'node.db')
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describeTransportConformance('httpTransport', () => realNodeSetup((url) => httpTransport({ url, ...fast })))

/** A fetch that records each call and can answer for the node. */
function scriptedFetch(script: (call: number, url: string, init: RequestInit) => Promise<Response> | undefined) {
  const calls: { url: string; init: RequestInit }[] = []
  const fetchFn: typeof fetch = async (input, init = {}) => {
    const url = String(input)
    calls.push({ url, init })
    return (await script(calls.length, url, init)) ?? fetch(input, init)
  }
  return { fetch: fetchFn, calls }
}

const nodeError = (status: number, code: number, message: string) =>
  new Response(JSON.stringify({ code, message, details: [] }), { status, headers: { 'Content-Type': 'application/json' } })

describe('httpTransport', () => {
  let node: StartNodeReturnType
  const nodes: StartNodeReturnType[] = []
  afterAll(async () => {
    for (const n of nodes) await n.close()
  })
  const start = async (parameters: Parameters<typeof startNode>[0] = {}) => {
    const started = await startNode({ port: 0, db: ':memory:', auth: false, ...quiet, ...parameters })
    nodes.push(started)
    return started
  }

  test('behavior: speaks the node JSON (decimal uint64, padded base64, direction enums, Authorization on publish)', async () => {
    node = await start()
    const { fetch, calls } = scriptedFetch(() => undefined)
    const transport = httpTransport({ url: node.url, fetch, headers: { 'X-App-Version': 'test/1' } })
    const topic = freshTopic('wire')
    await transport.publish([envelope(topic, 1_700_000_000_123_456_789n, new Uint8Array([251, 255]))], {
      authorization: 'Bearer abc',
    })
    await all(transport.query({ contentTopic: topic, direction: 'descending', pageSize: 7, startTimeNs: 5n }))
    const [publish, query] = calls
    expect(publish!.url).toBe(`${node.url}/message/v1/publish`)
    expect(JSON.parse(String(publish!.init.body))).toEqual({
      envelopes: [{ contentTopic: topic, timestampNs: '1700000000123456789', message: '+/8=' }],
    })
    expect(publish!.init.headers).toMatchObject({ Authorization: 'Bearer abc', 'X-App-Version': 'test/1' })
    expect(JSON.parse(String(query!.init.body))).toEqual({
      contentTopics: [topic],
      startTimeNs: '5',
      pagingInfo: { limit: 7, direction: 'SORT_DIRECTION_DESCENDING' },
    })
    expect(query!.init.headers).not.toHaveProperty('Authorization')
  })

  test('behavior: a 401 surfaces at once as gRPC Unauthenticated, without retry or the token in the message', async () => {
    const authNode = await start({ auth: true })
    const { fetch, calls } = scriptedFetch(() => undefined)
    const transport = httpTransport({ url: authNode.url, fetch, retry: { baseDelayMs: 1 } })
    const token = 'Bearer c2VjcmV0LXRva2Vu'
    const error = await transport
      .publish([envelope(freshTopic('auth'), 1, 'x')], { authorization: token })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ grpcCode: 16, status: 401, code: 'UNAUTHENTICATED' })
    expect(calls).toHaveLength(1)
    expect(String((error as Error).message)).not.toContain('c2VjcmV0LXRva2Vu')
    await expect(transport.publish([envelope(freshTopic('auth'), 1, 'x')])).rejects.toMatchObject({ grpcCode: 16 })
    expect(calls).toHaveLength(2)
  })

  test('behavior: retries 5xx and network errors with backoff, then passes through', async () => {
    node = await start()
    const topic = freshTopic('retry')
    const unavailable = scriptedFetch((call) => (call <= 2 ? Promise.resolve(nodeError(503, 14, 'unavailable')) : undefined))
    await httpTransport({ url: node.url, fetch: unavailable.fetch, retry: { baseDelayMs: 1 } }).publish([envelope(topic, 1, 'a')])
    expect(unavailable.calls).toHaveLength(3)

    const unreachable = scriptedFetch((call) => (call <= 2 ? Promise.reject(new TypeError('fetch failed')) : undefined))
    const transport = httpTransport({ url: node.url, fetch: unreachable.fetch, retry: { baseDelayMs: 1 } })
    expect(await all(transport.query({ contentTopic: topic }))).toEqual(['a'])
    expect(unreachable.calls).toHaveLength(3)
  })

  test('behavior: gives up after `attempts` with the last error; other 4xx are not retried', async () => {
    node = await start()
    const down = scriptedFetch(() => Promise.resolve(nodeError(503, 14, 'unavailable')))
    const error = await httpTransport({ url: node.url, fetch: down.fetch, retry: { attempts: 3, baseDelayMs: 1 } })
      .publish([envelope(freshTopic('down'), 1, 'x')])
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ grpcCode: 14, status: 503, shortMessage: 'unavailable' })
    expect(down.calls).toHaveLength(3)

    const offline = scriptedFetch(() => Promise.reject(new TypeError('fetch failed')))
    const networkError = await httpTransport({ url: node.url, fetch: offline.fetch, retry: { attempts: 2, baseDelayMs: 1 } })
      .publish([envelope(freshTopic('offline'), 1, 'x')])
      .catch((e: unknown) => e)
    expect(networkError).toMatchObject({ code: 'NETWORK_ERROR', grpcCode: undefined, status: undefined })
    expect(offline.calls).toHaveLength(2)

    const counted = scriptedFetch(() => undefined)
    const transport = httpTransport({ url: node.url, fetch: counted.fetch, retry: { baseDelayMs: 1 } })
    await expect(transport.query({ contentTopic: freshTopic('bad'), pageSize: 101 })[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      grpcCode: 3,
      status: 400,
    })
    expect(counted.calls).toHaveLength(1)
  })

  test('behavior: an error line in the stream ends the connection, which reconnects', async () => {
    node = await start()
    const stream = (lines: string) =>
      new Response(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(lines)), c.close()) }), { status: 200 })
    const scripted = scriptedFetch((call) =>
      call === 1 ? Promise.resolve(stream('{"subscribed":true}\n{"error":{"code":8,"message":"fell behind","details":[]}}\n')) : undefined,
    )
    const transport = httpTransport({ url: node.url, fetch: scripted.fetch, reconnect: { baseDelayMs: 5 } })
    const topic = freshTopic('error-line')
    const received: string[] = []
    const subscription = transport.subscribe([topic], { onEnvelope: (e) => received.push(text(e)) })
    const statuses = recordStatuses(subscription)
    await waitFor(() => subscription.state.getSnapshot().reconnects === 1, 'the reconnection')
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(subscription.state.getSnapshot().error).toMatchObject({ grpcCode: 8, shortMessage: 'fell behind' })
    await transport.publish([envelope(topic, 1, 'after')])
    await waitFor(() => received.length === 1, 'an envelope on the new connection')
    subscription.close()
    expect(scripted.calls.at(-2)!.init.signal!.aborted).toBe(true)
  })

  test('behavior: a node restart on the same port and database: live → reconnecting → live, nothing lost after', async () => {
    const db = tempDb()
    let restartable = await startNode({ port: 0, db, auth: false, ...quiet })
    const { port } = restartable
    try {
      const transport = httpTransport({ url: restartable.url, reconnect: { baseDelayMs: 20, maxDelayMs: 100 } })
      const topic = freshTopic('node-restart')
      const received: Envelope[] = []
      const infos: ReconnectInfo[] = []
      const subscription = transport.subscribe([topic], {
        onEnvelope: (e) => received.push(e),
        onReconnect: (info) => infos.push(info),
      })
      const statuses = recordStatuses(subscription)
      await subscription.ready
      await transport.publish([envelope(topic, 1_000_001n, 'before')])
      await waitFor(() => received.length === 1, 'the envelope before the restart')

      await restartable.close()
      await waitFor(() => statuses.at(-1) === 'reconnecting', 'the drop')
      // Down for a moment: reconnection attempts fail and back off.
      await delay(80)
      restartable = await startNode({ port, db, auth: false, ...quiet })
      await waitFor(() => statuses.at(-1) === 'live' && statuses.length > 2, 'the reconnection')

      expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
      expect(infos).toHaveLength(1)
      expect(infos[0]!.lastEnvelopeTimestampNs).toBe(received.at(-1)!.timestampNs)
      expect(infos[0]!.lastEnvelopeTimestampNs).toBe(1_000_001n)
      expect(infos[0]!.reconnectedAt - infos[0]!.disconnectedAt).toBeGreaterThanOrEqual(70)
      expect(infos[0]!.topics).toEqual([topic])

      await transport.publish([envelope(topic, 1_000_002n, 'after')])
      await waitFor(() => received.length === 2, 'the envelope after the restart')
      expect(received.map(text)).toEqual(['before', 'after'])
      expect(await all(transport.query({ contentTopic: topic }))).toEqual(['before', 'after'])
      subscription.close()
    } finally {
      await restartable.close()
    }
  })
})
