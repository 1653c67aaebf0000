import { readFileSync } from 'node:fs'
import { describe, expect, test, vi } from 'vitest'
import { createClient, createMemoryNetwork, fetchLastMessages, listConversations, listMessages, memoryTransport } from '@xmtp-kit/client'
import { CacheError } from '../../../packages/client/src/cache/CacheError.js'
import {
  CACHE_SCHEMA_VERSION,
  cacheMigrations,
  loadClientCache,
  type CacheMigration,
} from '../../../packages/client/src/cache/clientCache.js'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import type { Persistence } from '../../../packages/client/src/cache/Persistence.js'
import { base64ToBytes } from '../../../packages/client/src/utils/base64.js'
import { countCrypto } from './helpers.js'

/** A cache written by schema 1 (see its `description`), with the identity that wrote it. */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/cache-v1.json', import.meta.url), 'utf8')) as {
  keys: string
  address: string
  peerAddress: string
  topic: string
  messages: { id: string; senderAddress: string; content: unknown }[]
  entries: Record<string, string>
}

async function fixturePersistence(): Promise<Persistence> {
  const persistence = memoryPersistence()
  for (const [key, value] of Object.entries(fixture.entries)) await persistence.set(key, base64ToBytes(value))
  return persistence
}

/** A client of the fixture's identity on an empty network: whatever it knows comes from the cache. */
async function fixtureClient() {
  return createClient({ keys: base64ToBytes(fixture.keys), transport: memoryTransport({ network: createMemoryNetwork() }), publishContact: false })
}

// A plausible future schema: conversation records gain a field (here, a metadata entry).
const FUTURE = CACHE_SCHEMA_VERSION + 1
const toFuture: CacheMigration = async (store) => {
  for (const name of await store.list('conversations/')) {
    const entries = await store.readBucket(name)
    if (!entries) continue
    for (const { record } of entries) {
      const { context } = record.conversation
      record.conversation = {
        ...record.conversation,
        context: { conversationId: context?.conversationId ?? '', metadata: { ...context?.metadata, future: 'yes' } },
      }
    }
    await store.writeBucket(name, entries)
  }
}

describe('cache schema', () => {
  test('behavior: a cache written by schema 1 (fixture) opens with no ECDH and no network', async () => {
    // Schema 2 keeps the conversation buckets in a compact binary form; 1 → 2 rewrites them.
    expect(CACHE_SCHEMA_VERSION).toBe(2)
    expect(Object.keys(cacheMigrations)).toEqual(['1'])
    const errors: CacheError[] = []
    const client = await createClient({
      keys: base64ToBytes(fixture.keys),
      transport: memoryTransport({ network: createMemoryNetwork() }),
      publishContact: false,
      persistence: await fixturePersistence(),
      onCacheError: (e) => errors.push(e),
    })
    const crypto = countCrypto()
    const [conversation, ...others] = await listConversations(client)
    expect(others).toEqual([])
    expect(conversation).toMatchObject({
      topic: fixture.topic,
      version: 'v2',
      peerAddress: fixture.peerAddress,
      context: { conversationId: 'example.com/fixture', metadata: { title: 'Fixture' } },
      createdByMe: false,
    })
    const messages = await listMessages(client, { conversation: conversation!, source: 'cache' })
    expect(messages.map((m) => ({ id: m.id, senderAddress: m.senderAddress, content: m.content }))).toEqual(fixture.messages)
    expect(messages.map((m) => m.fromMe)).toEqual([false, true, false])
    const previews = await fetchLastMessages(client, { conversations: [conversation!], source: 'cache' })
    expect(previews.get(fixture.topic)?.id).toBe(fixture.messages[2]!.id)
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
    expect(errors).toEqual([])
  })

  test('behavior: migrates schema 1 → 2 → a future schema once, step by step, then reads the migrated data', async () => {
    const persistence = await fixturePersistence()
    const migration = vi.fn(toFuture)
    const future = { version: FUTURE, migrations: { ...cacheMigrations, [CACHE_SCHEMA_VERSION]: migration } }
    const errors: CacheError[] = []
    const client = await fixtureClient()
    await loadClientCache(client, { persistence, onError: (e) => errors.push(e), schema: future })
    expect(migration).toHaveBeenCalledTimes(1)
    const [conversation] = await listConversations(client)
    expect(conversation?.context?.metadata).toEqual({ title: 'Fixture', future: 'yes' })
    expect((await listMessages(client, { conversation: conversation!, source: 'cache' })).map((m) => m.id)).toEqual(fixture.messages.map((m) => m.id))
    const previews = await fetchLastMessages(client, { conversations: [conversation!], source: 'cache' })
    expect(previews.get(fixture.topic)?.id).toBe(fixture.messages[2]!.id)
    expect(errors).toEqual([])

    // Recorded as the future schema: the migration does not run again.
    const again = await fixtureClient()
    await loadClientCache(again, { persistence, schema: future })
    expect(migration).toHaveBeenCalledTimes(1)
    expect((await listConversations(again))[0]?.context?.metadata.future).toBe('yes')

    // This version cannot read the future schema: it says so and starts over rather than misreading it.
    const older = await fixtureClient()
    const olderErrors: CacheError[] = []
    await loadClientCache(older, { persistence, onError: (e) => olderErrors.push(e) })
    expect(olderErrors.map((e) => e.reason)).toEqual(['unsupported-version'])
    expect(await listConversations(older)).toEqual([])
  })

  test('behavior: schema 1 → 2 rewrites every bucket compactly; the result reads back the same, with no error', async () => {
    const persistence = await fixturePersistence()
    const before = new Map<string, number>()
    for (const key of await persistence.keys('xmtp-kit/')) before.set(key, (await persistence.get(key))!.length)
    const client = await fixtureClient()
    const errors: CacheError[] = []
    await loadClientCache(client, { persistence, onError: (e) => errors.push(e) })
    const buckets = (await persistence.keys('xmtp-kit/')).filter((k) => k.includes('/conversations/'))
    expect(buckets.length).toBeGreaterThan(0)
    // Each bucket was rewritten; those with a conversation are smaller than their JSON (numbers and bytes
    // are raw), empty ones 5 bytes larger (a format byte and a length).
    for (const key of buckets) {
      const size = (await persistence.get(key))!.length
      if (before.get(key)! > 100) expect(size).toBeLessThan(before.get(key)! * 0.8)
      else expect(size).toBe(before.get(key)! + 5)
    }
    const listed = await listConversations(client)

    const reread = await fixtureClient()
    await loadClientCache(reread, { persistence, onError: (e) => errors.push(e) })
    expect(await listConversations(reread)).toEqual(listed)
    const previews = await fetchLastMessages(reread, { conversations: listed, source: 'cache' })
    expect(previews.get(fixture.topic)?.id).toBe(fixture.messages[2]!.id)
    expect(errors).toEqual([])
  })

  test('behavior: a failing migration is reported and the cache is rebuilt from the network', async () => {
    const persistence = await fixturePersistence()
    const errors: CacheError[] = []
    const client = await fixtureClient()
    const broken: CacheMigration = async () => {
      throw new Error('bug in migration')
    }
    await loadClientCache(client, { persistence, onError: (e) => errors.push(e), schema: { version: 2, migrations: { 1: broken } } })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(CacheError)
    expect(errors[0]!.reason).toBe('unsupported-version')
    expect(await listConversations(client)).toEqual([])
  })

  test('behavior: a schema with no migration path is reported, not misread', async () => {
    const errors: CacheError[] = []
    const client = await fixtureClient()
    await loadClientCache(client, {
      persistence: await fixturePersistence(),
      onError: (e) => errors.push(e),
      schema: { version: FUTURE + 1, migrations: { ...cacheMigrations, [FUTURE - 1]: toFuture } },
    })
    expect(errors.map((e) => e.reason)).toEqual(['unsupported-version'])
  })
})
