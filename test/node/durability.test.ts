import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createTestIdentity } from '../support/authToken.js'
import { envelope, openStream, post } from '../support/nodeApi.js'
import { spawnNode, type NodeProcess } from '../support/nodeProcess.js'

const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-durability-'))
const db = join(dir, 'node.db')
const running: NodeProcess[] = []
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function readTopic(url: string, topic: string): Promise<string[]> {
  const messages: string[] = []
  let cursor: unknown
  do {
    const { body } = await post(url, '/message/v1/query', {
      contentTopics: [topic],
      pagingInfo: { limit: 100, direction: 'SORT_DIRECTION_ASCENDING', cursor },
    })
    messages.push(...body.envelopes.map((e: any) => Buffer.from(e.message, 'base64').toString()))
    cursor = body.pagingInfo.cursor
  } while (cursor)
  return messages
}

describe('node durability', () => {
  test('behavior: SIGKILL mid-load loses no acknowledged envelope; restart keeps serving and streaming', async () => {
    const first = await spawnNode(['--port', '0', '--db', db])
    running.push(first)
    const publishers = await Promise.all(Array.from({ length: 8 }, () => createTestIdentity()))
    const topics = publishers.map((_, i) => `/xmtp/0/m-durability-${i}/proto`)
    const acknowledged = new Map<string, string[]>(topics.map((t) => [t, []]))
    const subscriber = await openStream(first.url, '/message/v1/subscribe', { contentTopics: topics })

    let stop = false
    const load = publishers.map(async (identity, i) => {
      const headers = { Authorization: identity.authorization() }
      const topic = topics[i]!
      for (let n = 0; !stop; n++) {
        const messages = [`${i}:${n}:a`, `${i}:${n}:b`]
        try {
          const response = await post(first.url, '/message/v1/publish', {
            envelopes: messages.map((m, k) => envelope(topic, BigInt(Date.now()) * 1_000_000n + BigInt(k), m)),
          }, headers)
          if (response.status === 200) acknowledged.get(topic)!.push(...messages)
        } catch {
          return // the connection died with the process
        }
      }
    })
    // Let the load run, then kill the process without warning while publishes are in flight.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    stop = true
    await Promise.all(load)
    await subscriber.ended
    const total = [...acknowledged.values()].reduce((n, list) => n + list.length, 0)
    expect(total).toBeGreaterThan(200)

    const second = await spawnNode(['--port', String(first.port), '--db', db])
    running.push(second)
    for (const topic of topics) {
      const stored = await readTopic(second.url, topic)
      const counts = new Map<string, number>()
      for (const m of stored) counts.set(m, (counts.get(m) ?? 0) + 1)
      for (const m of acknowledged.get(topic)!) expect(counts.get(m), `${m} stored once`).toBe(1)
      expect(Math.max(...counts.values())).toBe(1)
    }

    // A subscriber that reconnects receives what is published after.
    const resubscribed = await openStream(second.url, '/message/v1/subscribe', { contentTopics: [topics[0]!] })
    const after = await post(second.url, '/message/v1/publish', { envelopes: [envelope(topics[0]!, 1, 'after-restart')] }, {
      Authorization: publishers[0]!.authorization(),
    })
    expect(after.status).toBe(200)
    const line = await resubscribed.next()
    expect(Buffer.from(line.result.message, 'base64').toString()).toBe('after-restart')
    resubscribed.close()

    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })
})
