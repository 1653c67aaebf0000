/**
 * What an adversarial run found in the node, each reproduced and held (docs/security.md has the figures):
 * the prepared-statement cache, topic counts, connection floods, request bodies in flight, client aborts,
 * and future-dated tokens.
 */
import { request } from 'node:http'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NodeLimits, startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore } from '../../packages/node/src/store.js'
import { createTestIdentity } from '../support/authToken.js'
import { envelope, post } from '../support/nodeApi.js'
import { spawnNode, type NodeProcess } from '../support/nodeProcess.js'

const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-hardening-'))
const running: NodeProcess[] = []
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const topics = (n: number, tag = 't') => Array.from({ length: n }, (_, i) => `/xmtp/0/m-${tag}-${i}/proto`)
const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024

async function healthz(url: string, timeoutMs = 3000): Promise<number> {
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) })
  return response.status
}

describe('node: queries', () => {
  test('behavior: the prepared-statement cache stays bounded whatever the topic counts (one statement shape for many topics)', () => {
    const store = openStore(':memory:')
    for (let n = 2; n < 500; n++) {
      store.query({ topics: topics(n), startTimeNs: BigInt(n % 2), endTimeNs: 0n, ascending: n % 3 === 0, cursor: undefined, limit: 10 })
    }
    expect(store.preparedStatements).toBeLessThanOrEqual(48)
    void store.close()
  })

  test('behavior: 6,000 queries of 2 to 1,000 topics leave the node within +100 MB of resident memory', async () => {
    const node = await spawnNode(['--port', '0', '--db', join(dir, 'rss.db'), '--no-rate-limit'])
    running.push(node)
    const pid = node.child.pid!
    await post(node.url, '/message/v1/query', { contentTopics: topics(2) })
    const before = rssMb(pid)
    let bad = 0
    for (let i = 0; i < 6000; i += 6) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, j) => post(node.url, '/message/v1/query', { contentTopics: topics(2 + ((i + j) * 7) % 999, `q${i + j}`) })),
      )
      bad += answers.filter((a) => a.status !== 200).length
    }
    expect(bad).toBe(0)
    const grown = rssMb(pid) - before
    console.log(`node RSS after 6,000 queries: +${grown.toFixed(1)} MB`)
    expect(grown).toBeLessThanOrEqual(100)
  }, 120_000)
})

describe('node: limits and abuse', () => {
  let node: StartNodeReturnType
  const errors: unknown[] = []
  beforeAll(async () => {
    node = await startNode({ port: 0, db: join(dir, 'limits.db'), rateLimit: false, onError: (e) => errors.push(e), limits: { bodyBudgetBytes: 12 * 1024 * 1024 } })
  })
  afterAll(() => node.close())

  test('behavior: a query or subscription body larger than its topics can need is refused as it is read', async () => {
    const body = JSON.stringify({ contentTopics: topics(300_000, 'x'.repeat(40)) })
    const subscription = await post(node.url, '/message/v1/subscribe', body)
    expect(subscription.status).toBe(400)
    expect(subscription.body.message).toMatch(/^request body larger than \d+ bytes$/)
    expect((await post(node.url, '/message/v1/query', body)).status).toBe(400)
  })

  test('behavior: topic counts over the limits are refused with 400 and a clear message (query, batch, subscription), never a 500', async () => {
    const tooMany = topics(NodeLimits.maxTopicsPerQuery + 1)
    const query = await post(node.url, '/message/v1/query', { contentTopics: tooMany })
    expect(query.status).toBe(400)
    expect(query.body).toEqual({ code: 3, message: `the query has ${tooMany.length} content topics; at most 1000 are allowed`, details: [] })
    // SQLite's variable limit (32,766) used to answer 500 "internal error".
    const huge = await post(node.url, '/message/v1/query', { contentTopics: topics(40_000) })
    expect(huge.status).toBe(400)
    const batch = await post(node.url, '/message/v1/batch-query', { requests: Array.from({ length: 11 }, (_, i) => ({ contentTopics: topics(1000, `b${i}`) })) })
    expect(batch.status).toBe(400)
    expect(batch.body.message).toBe('the batch has 11000 content topics; at most 10000 are allowed')
    const subscription = await post(node.url, '/message/v1/subscribe', { contentTopics: topics(NodeLimits.maxTopicsPerSubscription + 1) })
    expect(subscription.status).toBe(400)
    expect(subscription.body.message).toMatch(/^the subscription has 20001 content topics/)
    // At the limits, all is well.
    expect((await post(node.url, '/message/v1/query', { contentTopics: topics(1000) })).status).toBe(200)
    expect(errors).toEqual([])
  })

  test('behavior: request bodies in flight share a budget: beyond it new bodies get 429, and the budget comes back', async () => {
    // Five 4 MB bodies sent slowly at once against a 12 MB budget: at most three are held, the rest refused.
    const body = Buffer.alloc(4 * 1024 * 1024, 0x20)
    const send = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${node.url}/message/v1/publish`, { method: 'POST', headers: { 'content-length': body.length } }, (res) => {
          res.resume()
          resolve(res.statusCode!)
        })
        req.on('error', () => resolve(-1))
        let offset = 0
        const next = () => {
          if (offset >= body.length) return req.end()
          req.write(body.subarray(offset, (offset += 512 * 1024)))
          setTimeout(next, 40)
        }
        next()
        void reject
      })
    const statuses = await Promise.all(Array.from({ length: 5 }, send))
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2)
    // The held ones were read to the end (then refused for want of a token): the budget is free again.
    expect((await post(node.url, '/message/v1/query', { contentTopics: topics(3) })).status).toBe(200)
    expect(await send()).toBe(401)
  })

  test('behavior: an upload the client abandons is not logged as an internal error', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${node.url}/message/v1/publish`, { method: 'POST', headers: { 'content-length': 1_000_000 } })
      req.on('error', () => resolve())
      req.write(Buffer.alloc(100_000))
      setTimeout(() => {
        req.destroy()
        setTimeout(resolve, 100)
      }, 50)
    })
    expect(errors).toEqual([])
    expect(await healthz(node.url)).toBe(200)
  })
})

describe('node: authentication', () => {
  test('behavior: a token dated in the future is refused; within the clock skew it is accepted', async () => {
    const node = await startNode({ port: 0, db: ':memory:', rateLimit: false })
    try {
      const identity = await createTestIdentity()
      const publish = (authorization: string) =>
        post(node.url, '/message/v1/publish', { envelopes: [envelope('/xmtp/0/m-future/proto', 1, 'hi')] }, { authorization })
      const tenYears = await publish(identity.authorization({ createdAtMs: Date.now() + 10 * 365 * 24 * 3600_000 }))
      expect(tenYears.status).toBe(401)
      expect(tenYears.body.message).toBe('authorization token is dated in the future')
      expect((await publish(identity.authorization({ createdAtMs: Date.now() + 60_000 }))).status).toBe(200)
    } finally {
      await node.close()
    }
  })
})

describe('node: connections', () => {
  test('behavior: a flood of idle connections beyond the file limit: /healthz still answers, and the flood is held to the per-IP cap', async () => {
    // The node may hold 2,048 files here; 3,000 idle connections used to take them all.
    const node = await spawnNode(['--port', '0', '--db', join(dir, 'flood.db')], { wrap: ['prlimit', '--nofile=2048'] })
    running.push(node)
    const { port } = node
    const sockets: Socket[] = []
    let closedByNode = 0
    try {
      for (let i = 0; i < 3000; i++) {
        const socket = connect(port, '127.0.0.1')
        socket.on('error', () => undefined)
        socket.on('close', () => closedByNode++)
        sockets.push(socket)
        if (i % 200 === 199) await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(await healthz(node.url)).toBe(200)
      // The node closes the oldest idle ones as the flood arrives: what it keeps open stays within the cap.
      const open = () => sockets.length - closedByNode
      for (let i = 0; i < 50 && open() > NodeLimits.maxConnectionsPerIp; i++) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(open()).toBeLessThanOrEqual(NodeLimits.maxConnectionsPerIp)
      expect(await healthz(node.url)).toBe(200)
    } finally {
      for (const socket of sockets) socket.destroy()
    }
  }, 60_000)
})
