import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { createTestIdentity, type TestIdentity } from '../support/authToken.js'
import { envelope, openStream, post, tick } from '../support/nodeApi.js'

let node: StartNodeReturnType
let alice: TestIdentity
let bob: TestIdentity
let auth: Record<string, string>
let topicCount = 0
const newTopic = (category = 'm') => `/xmtp/0/${category}-${process.pid}-${++topicCount}/proto`

const publish = (envelopes: unknown[], headers = auth) => post(node.url, '/message/v1/publish', { envelopes }, headers)
const query = (body: unknown) => post(node.url, '/message/v1/query', body)
const digestOf = (topic: string, message: string) => createHash('sha256').update(topic).update(message).digest()

async function expectStillServing() {
  const health = await fetch(`${node.url}/healthz`)
  expect(health.status).toBe(200)
}

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  ;[alice, bob] = await Promise.all([createTestIdentity(), createTestIdentity()])
  auth = { Authorization: alice.authorization() }
})
afterAll(() => node.close())

describe('startNode', () => {
  test('default: resolves a loopback URL on a free port and answers /healthz', async () => {
    expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(node.port).toBeGreaterThan(0)
    const response = await fetch(`${node.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'SERVING' })
  })

  test('behavior: close() resolves once the database files are released: the folder can be removed at once, even right after start', async () => {
    for (let i = 0; i < 5; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-close-'))
      const started = await startNode({ port: 0, db: join(dir, 'node.db'), rateLimit: false })
      await started.close()
      rmSync(dir, { recursive: true })
      expect(existsSync(dir)).toBe(false)
    }
    // A checkpoint thread still starting after close() would fail to open the removed file (an uncaught error).
    await new Promise((resolve) => setTimeout(resolve, 300))
  })

  test('behavior: publish then query returns the envelope in the node JSON form', async () => {
    const topic = newTopic()
    const published = await publish([envelope(topic, 1_700_000_000_000_000_001n, 'hello')])
    expect(published).toMatchObject({ status: 200, body: {} })
    expect(published.headers.get('content-type')).toBe('application/json')

    const { status, body } = await query({ contentTopics: [topic] })
    expect(status).toBe(200)
    expect(body).toEqual({
      envelopes: [{ contentTopic: topic, timestampNs: '1700000000000000001', message: Buffer.from('hello').toString('base64') }],
      pagingInfo: { limit: 0, cursor: null, direction: 'SORT_DIRECTION_UNSPECIFIED' },
    })
  })

  test('behavior: JSON is parsed whatever the Content-Type; proto names and numeric uint64/enums are accepted', async () => {
    const topic = newTopic()
    const body = JSON.stringify({ envelopes: [{ content_topic: topic, timestamp_ns: 42, message: 'AQID' }] })
    for (const contentType of ['text/plain;charset=UTF-8', 'application/octet-stream', 'application/json']) {
      const response = await post(node.url, '/message/v1/publish', body, { ...auth, 'Content-Type': contentType })
      expect(response.status).toBe(200)
    }
    const { body: result } = await query({ content_topics: [topic], paging_info: { direction: 1, limit: '10' } })
    // Three identical publishes are one envelope (dedupe by digest).
    expect(result.envelopes).toEqual([{ contentTopic: topic, timestampNs: '42', message: 'AQID' }])
    expect(result.pagingInfo.direction).toBe('SORT_DIRECTION_ASCENDING')
  })

  test('behavior: URL-safe and unpadded base64 are read like protojson does; invalid base64 is refused', async () => {
    const topic = newTopic()
    expect((await publish([{ contentTopic: topic, timestampNs: '1', message: '-__-' }])).status).toBe(200)
    const { body } = await query({ contentTopics: [topic] })
    expect(Buffer.from(body.envelopes[0].message, 'base64')).toEqual(Buffer.from('-__-', 'base64url'))
    const bad = await publish([{ contentTopic: topic, timestampNs: '1', message: 'not base64!' }])
    expect(bad).toMatchObject({ status: 400, body: { code: 3, message: 'message must be base64', details: [] } })
  })

  test('behavior: order is (timestampNs, digest), descending by default', async () => {
    const topic = newTopic()
    const messages = ['a', 'b', 'c', 'd', 'e', 'f']
    // Two envelopes share each timestamp, so the digest decides between them.
    await publish(messages.map((m, i) => envelope(topic, 1000 + Math.floor(i / 2), m)))
    const expected = messages
      .map((m, i) => ({ m, ts: 1000 + Math.floor(i / 2), digest: digestOf(topic, m) }))
      .sort((x, y) => x.ts - y.ts || Buffer.compare(x.digest, y.digest))
      .map((x) => Buffer.from(x.m).toString('base64'))

    const desc = await query({ contentTopics: [topic] })
    expect(desc.body.envelopes.map((e: any) => e.message)).toEqual([...expected].reverse())
    const asc = await query({ contentTopics: [topic], pagingInfo: { direction: 'SORT_DIRECTION_ASCENDING' } })
    expect(asc.body.envelopes.map((e: any) => e.message)).toEqual(expected)
  })

  test('behavior: a full page carries a cursor, and the page after the last full one is empty (end-of-pages rule)', async () => {
    const topic = newTopic()
    await publish([1, 2, 3, 4].map((i) => envelope(topic, i, `m${i}`)))
    const pagingInfo = { limit: 2, direction: 'SORT_DIRECTION_ASCENDING' }
    const first = await query({ contentTopics: [topic], pagingInfo })
    expect(first.body.envelopes.map((e: any) => e.timestampNs)).toEqual(['1', '2'])
    expect(first.body.pagingInfo).toEqual({
      limit: 2,
      cursor: { index: { digest: digestOf(topic, 'm2').toString('base64'), senderTimeNs: '2' } },
      direction: 'SORT_DIRECTION_ASCENDING',
    })
    const second = await query({ contentTopics: [topic], pagingInfo: { ...pagingInfo, cursor: first.body.pagingInfo.cursor } })
    expect(second.body.envelopes.map((e: any) => e.timestampNs)).toEqual(['3', '4'])
    expect(second.body.pagingInfo.cursor).not.toBeNull()
    const third = await query({ contentTopics: [topic], pagingInfo: { ...pagingInfo, cursor: second.body.pagingInfo.cursor } })
    expect(third.body).toEqual({ envelopes: [], pagingInfo: { limit: 0, cursor: null, direction: 'SORT_DIRECTION_ASCENDING' } })

    const partial = await query({ contentTopics: [topic], pagingInfo: { limit: 3 } })
    expect(partial.body.envelopes).toHaveLength(3)
    expect(partial.body.pagingInfo.cursor).not.toBeNull()
    const last = await query({ contentTopics: [topic], pagingInfo: { limit: 3, cursor: partial.body.pagingInfo.cursor } })
    expect(last.body.envelopes.map((e: any) => e.timestampNs)).toEqual(['1'])
    expect(last.body.pagingInfo).toEqual({ limit: 0, cursor: null, direction: 'SORT_DIRECTION_UNSPECIFIED' })
  })

  test('behavior: cursor continuation across equal timestamps visits every envelope once, both ways', async () => {
    const topic = newTopic()
    const messages = Array.from({ length: 7 }, (_, i) => `same-time-${i}`)
    await publish(messages.map((m) => envelope(topic, 5_000, m)))
    for (const direction of ['SORT_DIRECTION_ASCENDING', 'SORT_DIRECTION_DESCENDING']) {
      const seen: string[] = []
      let cursor: unknown
      for (let page = 0; page < 10; page++) {
        const { body } = await query({ contentTopics: [topic], pagingInfo: { limit: 3, direction, cursor } })
        seen.push(...body.envelopes.map((e: any) => Buffer.from(e.message, 'base64').toString()))
        cursor = body.pagingInfo.cursor
        if (!cursor) break
      }
      expect(seen).toHaveLength(7)
      expect(new Set(seen)).toEqual(new Set(messages))
    }
  })

  test('parameters: startTimeNs and endTimeNs filter inclusively', async () => {
    const topic = newTopic()
    await publish([10, 20, 30, 40].map((t) => envelope(topic, t, `t${t}`)))
    const { body } = await query({
      contentTopics: [topic],
      startTimeNs: '20',
      endTimeNs: '30',
      pagingInfo: { direction: 'SORT_DIRECTION_ASCENDING' },
    })
    expect(body.envelopes.map((e: any) => e.timestampNs)).toEqual(['20', '30'])
  })

  test('parameters: timestamps keep the full uint64 range', async () => {
    const topic = newTopic()
    const max = (1n << 64n) - 1n
    await publish([envelope(topic, max, 'max'), envelope(topic, 0, 'zero'), envelope(topic, 1n << 63n, 'mid')])
    const { body } = await query({ contentTopics: [topic], pagingInfo: { direction: 'SORT_DIRECTION_ASCENDING' } })
    expect(body.envelopes.map((e: any) => e.timestampNs)).toEqual(['0', String(1n << 63n), String(max)])
    const tooBig = await publish([envelope(topic, 1n << 64n, 'overflow')])
    expect(tooBig).toMatchObject({ status: 400, body: { code: 3 } })
  })

  test('behavior: query limits are 100, or 500 for one userpreferences topic', async () => {
    const topic = newTopic()
    const over = await query({ contentTopics: [topic], pagingInfo: { limit: 101 } })
    expect(over).toMatchObject({ status: 400, body: { code: 3, message: 'cannot exceed 100 rows per query', details: [] } })
    const prefs = newTopic('userpreferences')
    expect((await query({ contentTopics: [prefs], pagingInfo: { limit: 500 } })).status).toBe(200)
    expect(await query({ contentTopics: [prefs], pagingInfo: { limit: 501 } })).toMatchObject({
      status: 400,
      body: { code: 3, message: 'cannot exceed 500 rows per query' },
    })
    expect(await query({ contentTopics: [prefs, topic], pagingInfo: { limit: 200 } })).toMatchObject({ status: 400, body: { code: 3 } })
    expect(await query({ contentTopics: [] })).toMatchObject({ status: 400, body: { code: 3, message: 'content topics required' } })
    await expectStillServing()
  })

  test('behavior: limit 0 returns 100 rows, and several topics are queried together', async () => {
    const [t1, t2] = [newTopic(), newTopic()]
    await publish(Array.from({ length: 120 }, (_, i) => envelope(i % 2 ? t1 : t2, i, `x${i}`)))
    const one = await query({ contentTopics: [t1], pagingInfo: { limit: 0 } })
    expect(one.body.envelopes).toHaveLength(60)
    const both = await query({ contentTopics: [t1, t2] })
    expect(both.body.envelopes).toHaveLength(100)
    expect(both.body.envelopes[0].timestampNs).toBe('119')
    expect(both.body.pagingInfo.limit).toBe(100)
  })

  test('behavior: batch-query answers in order, caps at 50 requests, and one failing query fails the batch', async () => {
    const [t1, t2] = [newTopic(), newTopic()]
    await publish([envelope(t1, 1, 'one'), envelope(t2, 2, 'two')])
    const ok = await post(node.url, '/message/v1/batch-query', {
      requests: [{ contentTopics: [t2] }, { contentTopics: [t1] }, { contentTopics: [newTopic()] }],
    })
    expect(ok.status).toBe(200)
    expect(ok.body.responses.map((r: any) => r.envelopes.map((e: any) => e.timestampNs))).toEqual([['2'], ['1'], []])

    const fifty = Array.from({ length: 50 }, () => ({ contentTopics: [t1] }))
    expect((await post(node.url, '/message/v1/batch-query', { requests: fifty })).status).toBe(200)
    const tooMany = await post(node.url, '/message/v1/batch-query', { requests: [...fifty, { contentTopics: [t1] }] })
    expect(tooMany).toMatchObject({ status: 400, body: { code: 3, message: 'cannot exceed 50 requests in single batch' } })
    const failing = await post(node.url, '/message/v1/batch-query', {
      requests: [{ contentTopics: [t1] }, { contentTopics: [t1], pagingInfo: { limit: 101 } }],
    })
    expect(failing).toMatchObject({ status: 500, body: { code: 13 } })
    await expectStillServing()
  })

  test('behavior: size limits: topics over 300 bytes and messages over 1,048,214 bytes are refused', async () => {
    const longTopic = `/xmtp/0/m-${'x'.repeat(300 - 16)}/proto`
    expect(Buffer.byteLength(longTopic)).toBe(300)
    expect((await publish([envelope(longTopic, 1, 'fits')])).status).toBe(200)
    const tooLong = `${longTopic}x`
    const expected = { status: 400, body: { code: 3, message: 'topic length too big', details: [] } }
    expect(await publish([envelope(tooLong, 1, 'x')])).toMatchObject(expected)
    expect(await query({ contentTopics: [tooLong] })).toMatchObject(expected)
    expect(await post(node.url, '/message/v1/subscribe', { contentTopics: [tooLong] })).toMatchObject(expected)

    const topic = newTopic()
    expect((await publish([envelope(topic, 1, new Uint8Array(1_048_214))])).status).toBe(200)
    expect(await publish([envelope(topic, 2, new Uint8Array(1_048_215))])).toMatchObject({
      status: 400,
      body: { code: 3, message: 'message too big' },
    })
    // A refused batch stores none of its envelopes.
    const { body } = await query({ contentTopics: [topic] })
    expect(body.envelopes.map((e: any) => e.timestampNs)).toEqual(['1'])
    await expectStillServing()
  })

  test('behavior: malformed JSON, wrong shapes, unknown paths and methods get gRPC-style errors', async () => {
    expect(await post(node.url, '/message/v1/query', '{"contentTopics":')).toMatchObject({
      status: 400,
      body: { code: 3, message: 'request body is not valid JSON', details: [] },
    })
    expect(await post(node.url, '/message/v1/query', '[1,2]')).toMatchObject({ status: 400, body: { code: 3 } })
    expect(await post(node.url, '/message/v1/query', { contentTopics: 'nope' })).toMatchObject({ status: 400, body: { code: 3 } })
    expect(await post(node.url, '/message/v1/publish', { envelopes: [{ contentTopic: 5 }] }, auth)).toMatchObject({
      status: 400,
      body: { code: 3 },
    })
    expect(await post(node.url, '/message/v1/nope', {})).toMatchObject({ status: 404, body: { code: 5, message: 'Not Found' } })
    const get = await fetch(`${node.url}/message/v1/query`)
    expect(get.status).toBe(501)
    expect(await get.json()).toEqual({ code: 12, message: 'Method Not Allowed', details: [] })
    await expectStillServing()
  })

  test('behavior: CORS headers on answers and errors, and preflight', async () => {
    const ok = await query({ contentTopics: [newTopic()] })
    expect(ok.headers.get('access-control-allow-origin')).toBe('*')
    const error = await post(node.url, '/nope', {})
    expect(error.headers.get('access-control-allow-origin')).toBe('*')
    const preflight = await fetch(`${node.url}/message/v1/publish`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
  })
})

describe('publish authentication', () => {
  const topic = () => newTopic()

  test('behavior: publishing without a token is refused with Unauthenticated', async () => {
    expect(await publish([envelope(topic(), 1, 'x')], {})).toMatchObject({ status: 401, body: { code: 16, details: [] } })
    expect(await publish([envelope(topic(), 1, 'x')], { Authorization: 'Basic abc' })).toMatchObject({
      status: 401,
      body: { code: 16 },
    })
    await expectStillServing()
  })

  test('behavior: a forged token is refused', async () => {
    const token = Buffer.from(alice.authorization().slice('Bearer '.length), 'base64')
    // Flip one bit in each of the last bytes: the auth-data signature no longer verifies.
    const forged = Buffer.from(token)
    forged[forged.length - 3]! ^= 1
    expect(await publish([envelope(topic(), 1, 'x')], { Authorization: `Bearer ${forged.toString('base64')}` })).toMatchObject({
      status: 401,
      body: { code: 16 },
    })
    expect(await publish([envelope(topic(), 1, 'x')], { Authorization: 'Bearer AAAA' })).toMatchObject({ status: 401 })
    expect(await publish([envelope(topic(), 1, 'x')], { Authorization: 'Bearer not-a-token!!' })).toMatchObject({
      status: 401,
    })
    // Auth data naming another wallet than the one that signed the identity key.
    const wrongWallet = alice.authorization({ walletAddress: bob.address })
    expect(await publish([envelope(topic(), 1, 'x')], { Authorization: wrongWallet })).toMatchObject({
      status: 401,
      body: { code: 16, message: 'auth data wallet address does not match the identity key' },
    })
    await expectStillServing()
  })

  test('behavior: a token older than one hour is refused; a younger one is accepted', async () => {
    const expired = alice.authorization({ createdAtMs: Date.now() - 60 * 60 * 1000 - 5_000 })
    expect(await publish([envelope(topic(), 1, 'x')], { Authorization: expired })).toMatchObject({
      status: 401,
      body: { code: 16, message: 'authorization token expired' },
    })
    const young = alice.authorization({ createdAtMs: Date.now() - 59 * 60 * 1000 })
    expect((await publish([envelope(topic(), 1, 'x')], { Authorization: young })).status).toBe(200)
  })

  test('behavior: contact- and privatestore- topics only for their owner', async () => {
    const own = `/xmtp/0/contact-${alice.address}/proto`
    expect((await publish([envelope(own, 1, 'bundle')])).status).toBe(200)
    const ownStore = `/xmtp/0/privatestore-${alice.address}/key_bundle/proto`
    expect((await publish([envelope(ownStore, 1, 'keys')])).status).toBe(200)

    const expected = { status: 403, body: { code: 7, message: 'publishing to restricted topic', details: [] } }
    expect(await publish([envelope(`/xmtp/0/contact-${bob.address}/proto`, 1, 'x')])).toMatchObject(expected)
    expect(await publish([envelope(`/xmtp/0/privatestore-${bob.address}/key_bundle/proto`, 1, 'x')])).toMatchObject(expected)
    // The address must match exactly in its checksummed form.
    expect(await publish([envelope(`/xmtp/0/contact-${alice.address.toLowerCase()}/proto`, 1, 'x')])).toMatchObject(expected)
    // One restricted envelope refuses the whole request: nothing of it is stored.
    const mixed = newTopic()
    expect(
      await publish([envelope(mixed, 1, 'ok'), envelope(`/xmtp/0/contact-${bob.address}/proto`, 1, 'x')]),
    ).toMatchObject(expected)
    expect((await query({ contentTopics: [mixed] })).body.envelopes).toEqual([])
    expect((await query({ contentTopics: [`/xmtp/0/contact-${bob.address}/proto`] })).body.envelopes).toEqual([])
    // Anyone authenticated may publish to another wallet's invite topic.
    expect((await publish([envelope(`/xmtp/0/invite-${bob.address}/proto`, 1, 'x')])).status).toBe(200)
    await expectStillServing()
  })

  test('parameters: auth: false accepts publishes without a token; privileged addresses bypass topic ownership', async () => {
    const open = await startNode({ port: 0, db: ':memory:', auth: false })
    try {
      expect((await post(open.url, '/message/v1/publish', { envelopes: [envelope(`/xmtp/0/contact-${bob.address}/proto`, 1, 'x')] })).status).toBe(200)
    } finally {
      await open.close()
    }
    const privileged = await startNode({ port: 0, db: ':memory:', auth: { privilegedAddresses: [alice.address] } })
    try {
      const body = { envelopes: [envelope(`/xmtp/0/contact-${bob.address}/proto`, 1, 'x')] }
      expect((await post(privileged.url, '/message/v1/publish', body, auth)).status).toBe(200)
      expect((await post(privileged.url, '/message/v1/publish', body, { Authorization: bob.authorization() })).status).toBe(200)
      expect((await post(privileged.url, '/message/v1/publish', body, {})).status).toBe(401)
    } finally {
      await privileged.close()
    }
  })
})

describe('subscribe', () => {
  test('behavior: NDJSON lines {"result": envelope} for envelopes published after subscribing', async () => {
    const topic = newTopic()
    await publish([envelope(topic, 1, 'before')])
    const stream = await openStream(node.url, '/message/v1/subscribe', { contentTopics: [topic] })
    try {
      expect(stream.status).toBe(200)
      expect(stream.headers.get('content-type')).toBe('application/json')
      expect(stream.headers.get('grpc-metadata-subscribed')).toBe('true')
      await publish([envelope(topic, 2, 'after'), envelope(newTopic(), 3, 'elsewhere')])
      expect(await stream.next()).toEqual({ result: { contentTopic: topic, timestampNs: '2', message: Buffer.from('after').toString('base64') } })
      await tick(50)
      expect(stream.pending).toEqual([])
    } finally {
      stream.close()
    }
  })

  test('behavior: duplicates are relayed but stored once', async () => {
    const topic = newTopic()
    const stream = await openStream(node.url, '/message/v1/subscribe', { contentTopics: [topic] })
    try {
      await publish([envelope(topic, 7, 'dup')])
      await publish([envelope(topic, 7, 'dup')])
      expect((await stream.next()).result.timestampNs).toBe('7')
      expect((await stream.next()).result.timestampNs).toBe('7')
      expect((await query({ contentTopics: [topic] })).body.envelopes).toHaveLength(1)
    } finally {
      stream.close()
    }
  })

  test('behavior: ephemeral mE/dmE topics are relayed and never stored', async () => {
    const mE = newTopic('mE')
    const dmE = newTopic('dmE')
    const stream = await openStream(node.url, '/message/v1/subscribe', { contentTopics: [mE, dmE] })
    try {
      await publish([envelope(mE, 1, 'typing'), envelope(dmE, 2, 'typing')])
      expect((await stream.next()).result.contentTopic).toBe(mE)
      expect((await stream.next()).result.contentTopic).toBe(dmE)
      expect((await query({ contentTopics: [mE] })).body.envelopes).toEqual([])
      expect((await query({ contentTopics: [dmE] })).body.envelopes).toEqual([])
    } finally {
      stream.close()
    }
  })

  test('behavior: subscribe-all receives every /xmtp/0/ topic and nothing else', async () => {
    const stream = await openStream(node.url, '/message/v1/subscribe-all', {})
    try {
      const topic = newTopic('invite')
      await publish([envelope('/other/topic', 1, 'outside'), envelope(topic, 2, 'inside')])
      expect((await stream.next()).result.contentTopic).toBe(topic)
      await tick(50)
      expect(stream.pending).toEqual([])
    } finally {
      stream.close()
    }
  })

  test('behavior: an empty topic list is refused', async () => {
    expect(await post(node.url, '/message/v1/subscribe', { contentTopics: [] })).toMatchObject({
      status: 400,
      body: { code: 3, message: 'content topics required' },
    })
  })

  test('behavior: close() ends live streams and frees the port', async () => {
    const local = await startNode({ port: 0, db: ':memory:' })
    const stream = await openStream(local.url, '/message/v1/subscribe', { contentTopics: [newTopic()] })
    await local.close()
    await stream.ended
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow()
    const again = await startNode({ port: local.port, db: ':memory:' })
    await again.close()
  })
})

describe('rate limiting', () => {
  test('behavior: per-IP token buckets answer ResourceExhausted once spent, publish charged per envelope', async () => {
    const limited = await startNode({
      port: 0,
      db: ':memory:',
      rateLimit: { general: { perMinute: 1, burst: 5 }, publish: { perMinute: 1, burst: 3 } },
    })
    try {
      const t = newTopic()
      const headers = { Authorization: alice.authorization() }
      const ok = await post(limited.url, '/message/v1/publish', { envelopes: [envelope(t, 1, 'a'), envelope(t, 2, 'b')] }, headers)
      expect(ok.status).toBe(200)
      const over = await post(limited.url, '/message/v1/publish', { envelopes: [envelope(t, 3, 'c'), envelope(t, 4, 'd')] }, headers)
      expect(over).toMatchObject({ status: 429, body: { code: 8, message: 'rate limit exceeded (publish)' } })
      // The refused publish stored nothing.
      const stored = await post(limited.url, '/message/v1/query', { contentTopics: [t] })
      expect(stored.body.envelopes.map((e: any) => e.timestampNs)).toEqual(['2', '1'])
      // Five general tokens: two publishes and one query spent three.
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await post(limited.url, '/message/v1/query', { contentTopics: [t] })).status)
      expect(statuses).toEqual([200, 200, 429])
    } finally {
      await limited.close()
    }
  })
})
