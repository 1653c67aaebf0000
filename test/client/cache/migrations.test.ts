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

// A plausible future schema 2: conversation records gain a field (here, a metadata entry).
const toV2: CacheMigration = async (store) => {
  for (const name of await store.list('conversations/')) {
    const bucket = await store.read(name)
    if (!bucket || !Array.isArray(bucket.conversations)) continue
    bucket.conversations = bucket.conversations.map((c: { context: { conversationId: string; metadata: Record<string, string> } | null }) => ({
      ...c,
      context: { conversationId: c.context?.conversationId ?? '', metadata: { ...c.context?.metadata, schema2: 'yes' } },
    }))
    await store.write(name, bucket)
  }
}

describe('cache schema', () => {
  test('behavior: a cache written by schema 1 (fixture) opens with no ECDH and no network', async () => {
    expect(CACHE_SCHEMA_VERSION).toBe(1)
    expect(cacheMigrations).toEqual({})
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

  test('behavior: migrates schema 1 → 2 once, step by step, then reads the migrated data', async () => {
    const persistence = await fixturePersistence()
    const migration = vi.fn(toV2)
    const errors: CacheError[] = []
    const client = await fixtureClient()
    await loadClientCache(client, { persistence, onError: (e) => errors.push(e), schema: { version: 2, migrations: { 1: migration } } })
    expect(migration).toHaveBeenCalledTimes(1)
    const [conversation] = await listConversations(client)
    expect(conversation?.context?.metadata).toEqual({ title: 'Fixture', schema2: 'yes' })
    expect((await listMessages(client, { conversation: conversation!, source: 'cache' })).map((m) => m.id)).toEqual(fixture.messages.map((m) => m.id))
    expect(errors).toEqual([])

    // Recorded as schema 2: the migration does not run again.
    const again = await fixtureClient()
    await loadClientCache(again, { persistence, schema: { version: 2, migrations: { 1: migration } } })
    expect(migration).toHaveBeenCalledTimes(1)
    expect((await listConversations(again))[0]?.context?.metadata.schema2).toBe('yes')

    // This version (schema 1) cannot read schema 2: it says so and starts over rather than misreading it.
    const older = await fixtureClient()
    const olderErrors: CacheError[] = []
    await loadClientCache(older, { persistence, onError: (e) => olderErrors.push(e) })
    expect(olderErrors.map((e) => e.reason)).toEqual(['unsupported-version'])
    expect(await listConversations(older)).toEqual([])
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
    await loadClientCache(client, { persistence: await fixturePersistence(), onError: (e) => errors.push(e), schema: { version: 3, migrations: { 1: toV2 } } })
    expect(errors.map((e) => e.reason)).toEqual(['unsupported-version'])
  })
})
