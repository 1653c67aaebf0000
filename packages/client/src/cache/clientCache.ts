import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { getClientKeys } from '../client/clientKeys.js'
import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { createAesGcmKey, type AesGcmKey } from '../crypto/createAesGcmKey.js'
import { KitError } from '../errors/KitError.js'
import type { Envelope } from '../transport/types.js'
import { base64ToBytes, bytesToBase64 } from '../utils/base64.js'
import { concatBytes } from '../utils/bytes.js'
import {
  fromStoredConversation,
  fromStoredMessage,
  parseJsonObject,
  parseOptionalNs,
  toStoredConversation,
  toStoredMessage,
  type CachedMessage,
  type StoredConversation,
  type StoredMessage,
} from './cacheRecords.js'
import { CacheError } from './CacheError.js'
import type { Persistence } from './Persistence.js'

/**
 * Cache schema version. Each stored value is the JSON of one of the shapes below, sealed with AES-256-GCM:
 * - `meta`: `{ schema, buckets, inviteSyncedNs, introSyncedNs, refused }`, the resume points of listing
 *   and the ids of invite/intro envelopes that were refused (so they are not opened again);
 * - `conversations/<0…15>`: `{ conversations: [StoredConversation & { envelopes, last }] }`, the
 *   conversation index in 16 buckets (by topic), each record with the ids of the envelopes that yielded it
 *   and its newest known message (the inbox preview);
 * - `messages/<hmac(topic)>`: `{ topic, fromNs, syncedNs, messages }`, one conversation's messages and
 *   the span of envelope times they cover.
 * A change to any of these bumps the version and adds a migration to {@link cacheMigrations}.
 */
export const CACHE_SCHEMA_VERSION = 1

/** Reads and writes the decrypted JSON values of one wallet's cache, for migrations. */
export interface CacheMigrationStore {
  read(name: string): Promise<Record<string, unknown> | undefined>
  write(name: string, value: unknown): Promise<void>
  remove(name: string): Promise<void>
  /** Names (without the wallet prefix) that start with `prefix`. */
  list(prefix: string): Promise<string[]>
}

/** Upgrades a cache from schema `n` (its key in the table) to `n + 1`. */
export type CacheMigration = (store: CacheMigrationStore) => Promise<void>

/** Migrations by the schema version they upgrade from. None yet: schema 1 is the first. */
export const cacheMigrations: Readonly<Record<number, CacheMigration>> = Object.freeze({})

/** The schema a cache is read and written in; tests substitute a future one. */
export interface CacheSchema {
  version: number
  migrations: Readonly<Record<number, CacheMigration>>
}

/** Listing resumes this far before the newest envelope read, as the SDK does (§13); syncing messages too. */
export const RESYNC_OVERLAP_NS = 10_000n * 1_000_000n
const BUCKETS = 16
/** Refused invite/intro envelope ids kept (spam in one's invite topic must not grow the cache unbounded). */
const MAX_REFUSED = 10_000
/** Writes are coalesced for this long after a change, unless flushed. */
const SAVE_DELAY_MS = 100
/** Invite/intro envelope ids: the first 16 bytes of sha256 of the envelope's message. */
const ENVELOPE_ID_BYTES = 16

/** One conversation's cached messages. Every envelope with a time from `fromNs` on was read (and kept if valid). */
export interface TopicCache {
  topic: string
  messages: Map<string, CachedMessage>
  fromNs: bigint | undefined
  /** Newest envelope time read by a sync: where the next sync resumes (less the overlap). */
  syncedNs: bigint | undefined
  /** Envelopes that did not verify in this session: not decrypted again. */
  refused: Set<string>
}

interface CacheStorage {
  persistence: Persistence
  /** `xmtp-kit/<address>/` */
  prefix: string
  aead: AesGcmKey
  namesKey: Uint8Array
  schema: CacheSchema
}

/** Per-client cache state: in memory always; written to a persistence when the client has one. */
export interface ClientCache {
  storage: CacheStorage | undefined
  onError: ((error: CacheError) => void) | undefined
  /** Invite and intro envelopes already processed: id → the topic of the conversation they gave, or null if refused. */
  envelopes: Map<string, string | null>
  /** Newest known message of each conversation. */
  last: Map<string, CachedMessage>
  topics: Map<string, Promise<TopicCache>>
  loadedTopics: Map<string, TopicCache>
  dirtyMeta: boolean
  dirtyBuckets: Set<number>
  dirtyTopics: Set<string>
  saved: { inviteSyncedNs: bigint | undefined; introSyncedNs: bigint | undefined }
  timer: ReturnType<typeof setTimeout> | undefined
  saving: Promise<void>
}

const caches = new WeakMap<object, ClientCache>()

/** The client's cache state (created empty, without storage, on first use). */
export function getClientCache(client: Client): ClientCache {
  let cache = caches.get(client)
  if (!cache) {
    cache = {
      storage: undefined,
      onError: undefined,
      envelopes: new Map(),
      last: new Map(),
      topics: new Map(),
      loadedTopics: new Map(),
      dirtyMeta: false,
      dirtyBuckets: new Set(),
      dirtyTopics: new Set(),
      saved: { inviteSyncedNs: undefined, introSyncedNs: undefined },
      timer: undefined,
      saving: Promise.resolve(),
    }
    caches.set(client, cache)
  }
  return cache
}

/** The key prefix of a wallet's cache entries. */
export const cachePrefix = (address: string): string => `xmtp-kit/${address}/`

const ENCODER = new TextEncoder()
const CACHE_SALT = utf8ToBytes('xmtp-kit/cache')
const BLOB_FORMAT = 1

// FNV-1a: spreads topics over buckets; it needs to be fast and stable, not secret (buckets are encrypted).
function bucketOf(topic: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < topic.length; i++) hash = Math.imul(hash ^ topic.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % BUCKETS
}

const report = (cache: ClientCache, error: unknown) => {
  const cacheError =
    error instanceof CacheError
      ? error
      : new CacheError('unavailable', 'The cache could not be written or read.', { cause: error })
  try {
    cache.onError?.(cacheError)
  } catch {
    // A throwing handler must not break the client.
  }
}

const unreadable = (name: string, cause: unknown) =>
  new CacheError('unreadable', 'Cached data could not be read: it is rebuilt from the network.', { details: `Entry "${name}".`, cause })

// ——— sealed values ———

async function readValue(storage: CacheStorage, name: string): Promise<Record<string, unknown> | undefined> {
  const key = storage.prefix + name
  let sealed: Uint8Array | undefined
  try {
    sealed = await storage.persistence.get(key)
  } catch (cause) {
    throw new CacheError('unavailable', 'The cache storage failed.', { cause })
  }
  if (sealed === undefined) return undefined
  try {
    if (sealed[0] !== BLOB_FORMAT) throw new TypeError('Unknown blob format.')
    // The key is the additional data: a value moved to another key (or another wallet's) does not open.
    const plaintext = await storage.aead.open(sealed.subarray(1), ENCODER.encode(key))
    return parseJsonObject(plaintext, name)
  } catch (cause) {
    throw unreadable(name, cause)
  }
}

async function writeValue(storage: CacheStorage, name: string, value: unknown): Promise<void> {
  const key = storage.prefix + name
  const sealed = await storage.aead.seal(ENCODER.encode(JSON.stringify(value)), ENCODER.encode(key))
  await storage.persistence.set(key, concatBytes(new Uint8Array([BLOB_FORMAT]), sealed))
}

const topicName = (storage: CacheStorage, topic: string) => `messages/${bytesToHex(hmac(sha256, storage.namesKey, utf8ToBytes(topic))).slice(0, 32)}`

// ——— loading ———

export interface LoadClientCacheParameters {
  persistence: Persistence
  onError?: ((error: CacheError) => void) | undefined
  /** @internal tests only */
  schema?: CacheSchema | undefined
}

/**
 * Attaches a persistence to a client and loads its conversation index: records (no ECDH), resume points,
 * processed envelope ids and message previews. Anything unreadable is reported and left to be rebuilt from
 * the network; this never throws.
 */
export async function loadClientCache(client: Client, parameters: LoadClientCacheParameters): Promise<void> {
  const { persistence, onError, schema = { version: CACHE_SCHEMA_VERSION, migrations: cacheMigrations } } = parameters
  const cache = getClientCache(client)
  const identity = getClientKeys(client).identityKey!.secp256k1!.bytes
  const info = (use: string) => utf8ToBytes(`${use}|${client.address}`)
  const storage: CacheStorage = {
    persistence,
    prefix: cachePrefix(client.address),
    aead: createAesGcmKey(hkdf(sha256, identity, CACHE_SALT, info('seal'), 32)),
    namesKey: hkdf(sha256, identity, CACHE_SALT, info('names'), 32),
    schema,
  }
  cache.storage = storage
  cache.onError = onError
  try {
    if (await loadIndex(client, cache, storage)) return
  } catch (error) {
    report(cache, error)
  }
  // Nothing usable: start empty, and overwrite every bucket so stale ones are not read later.
  for (let b = 0; b < BUCKETS; b++) cache.dirtyBuckets.add(b)
  cache.dirtyMeta = true
}

async function migrate(storage: CacheStorage, meta: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { version: target, migrations } = storage.schema
  let version = meta.schema
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw unreadable('meta', new TypeError('No schema version.'))
  if (version > target) {
    throw new CacheError('unsupported-version', 'The cache was written by a newer version of the kit: it is rebuilt.', {
      details: `Schema ${version}; this version reads up to ${target}.`,
    })
  }
  const store: CacheMigrationStore = {
    read: (name) => readValue(storage, name),
    write: (name, value) => writeValue(storage, name, value),
    remove: (name) => storage.persistence.delete(storage.prefix + name),
    list: async (prefix) => (await storage.persistence.keys(storage.prefix + prefix)).map((key) => key.slice(storage.prefix.length)),
  }
  while (version < target) {
    const step = migrations[version]
    if (!step) throw new CacheError('unsupported-version', 'The cache schema has no migration path.', { details: `From schema ${version}.` })
    try {
      await step(store)
      // Each step is recorded at once, so an interrupted upgrade resumes where it stopped.
      const current = (await readValue(storage, 'meta')) ?? meta
      await writeValue(storage, 'meta', { ...current, schema: version + 1 })
    } catch (cause) {
      if (cause instanceof CacheError) throw cause
      throw new CacheError('unsupported-version', 'Migrating the cache failed: it is rebuilt.', { details: `From schema ${version}.`, cause })
    }
    version++
  }
  return (await readValue(storage, 'meta')) ?? meta
}

/** Returns false when there is no usable index (a fresh or unreadable cache). */
async function loadIndex(client: Client, cache: ClientCache, storage: CacheStorage): Promise<boolean> {
  const first = await readValue(storage, 'meta')
  if (!first) return false
  const meta = await migrate(storage, first)
  const buckets = await Promise.all(
    Array.from({ length: BUCKETS }, (_, b) =>
      readValue(storage, `conversations/${b}`).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    ),
  )
  const state = getClientState(client)
  let complete = true
  buckets.forEach((bucket, b) => {
    try {
      if (bucket instanceof Error) throw bucket
      // A missing bucket is empty (never written, or nothing in it yet).
      if (bucket === undefined) return
      if (!Array.isArray(bucket.conversations)) throw unreadable(`conversations/${b}`, new TypeError('No conversations.'))
      const parsed = bucket.conversations.map((value: unknown) => {
        const record = fromStoredConversation(value)
        const extra = value as { envelopes?: unknown; last?: unknown }
        const ids = typeof extra.envelopes === 'string' ? splitIds(extra.envelopes) : []
        const last = extra.last === null || extra.last === undefined ? undefined : fromStoredMessage(extra.last)
        return { record, ids, last }
      })
      for (const { record, ids, last } of parsed) {
        const { topic } = record.conversation
        if (state.conversations.has(topic)) continue
        state.conversations.set(topic, record)
        for (const id of ids) cache.envelopes.set(id, topic)
        if (last) cache.last.set(topic, last)
      }
    } catch (cause) {
      complete = false
      cache.dirtyBuckets.add(b)
      report(cache, cause instanceof CacheError ? cause : unreadable(`conversations/${b}`, cause))
    }
  })
  if (typeof meta.refused === 'string') {
    try {
      for (const id of splitIds(meta.refused)) if (!cache.envelopes.has(id)) cache.envelopes.set(id, null)
    } catch (cause) {
      report(cache, unreadable('meta', cause))
    }
  }
  // Conversations lost with a bucket must be found again: list from the start (known envelopes are skipped).
  if (complete) {
    try {
      state.inviteSyncedNs = parseOptionalNs(meta.inviteSyncedNs, 'invite time')
      state.introSyncedNs = parseOptionalNs(meta.introSyncedNs, 'intro time')
    } catch (cause) {
      report(cache, unreadable('meta', cause))
    }
  }
  cache.saved = { inviteSyncedNs: state.inviteSyncedNs, introSyncedNs: state.introSyncedNs }
  if (!complete) cache.dirtyMeta = true
  return true
}

const joinIds = (ids: readonly string[]) => bytesToBase64(concatBytes(...ids.map((id) => hexToBytes(id))))
function splitIds(text: string): string[] {
  const all = base64ToBytes(text)
  if (all.length % ENVELOPE_ID_BYTES !== 0) throw new TypeError('Bad envelope id list.')
  const ids: string[] = []
  for (let i = 0; i < all.length; i += ENVELOPE_ID_BYTES) ids.push(bytesToHex(all.subarray(i, i + ENVELOPE_ID_BYTES)))
  return ids
}

// ——— saving ———

/** Schedules a write of what changed (coalesced; {@link flushClientCache} writes at once). */
function scheduleSave(client: Client, cache: ClientCache): void {
  if (!cache.storage || cache.timer !== undefined) return
  cache.timer = setTimeout(() => {
    cache.timer = undefined
    void flushClientCache(client)
  }, SAVE_DELAY_MS)
}

/** Writes every pending change of the client's cache now. Never rejects: failures go to `onCacheError`. */
export function flushClientCache(client: Client): Promise<void> {
  const cache = getClientCache(client)
  if (cache.timer !== undefined) {
    clearTimeout(cache.timer)
    cache.timer = undefined
  }
  cache.saving = cache.saving.then(() => save(client, cache))
  return cache.saving
}

async function save(client: Client, cache: ClientCache): Promise<void> {
  const { storage } = cache
  const state = getClientState(client)
  pruneRefused(cache)
  if (!storage) {
    cache.dirtyBuckets.clear()
    cache.dirtyTopics.clear()
    cache.dirtyMeta = false
    return
  }
  const synced = { inviteSyncedNs: state.inviteSyncedNs, introSyncedNs: state.introSyncedNs }
  const metaChanged = cache.dirtyMeta || synced.inviteSyncedNs !== cache.saved.inviteSyncedNs || synced.introSyncedNs !== cache.saved.introSyncedNs
  if (!metaChanged && cache.dirtyBuckets.size === 0 && cache.dirtyTopics.size === 0) return
  const buckets = [...cache.dirtyBuckets]
  const topics = [...cache.dirtyTopics]
  cache.dirtyBuckets.clear()
  cache.dirtyTopics.clear()
  cache.dirtyMeta = false
  try {
    const writes: Promise<void>[] = []
    if (buckets.length > 0) {
      const ids = new Map<string, string[]>()
      for (const [id, topic] of cache.envelopes) {
        if (topic === null) continue
        const list = ids.get(topic)
        if (list) list.push(id)
        else ids.set(topic, [id])
      }
      const contents = new Map<number, (StoredConversation & { envelopes: string; last: StoredMessage | null })[]>(buckets.map((b) => [b, []]))
      for (const [topic, record] of state.conversations) {
        const list = contents.get(bucketOf(topic))
        if (!list) continue
        const last = cache.last.get(topic)
        list.push({ ...toStoredConversation(record), envelopes: joinIds(ids.get(topic) ?? []), last: last ? toStoredMessage(last) : null })
      }
      for (const [b, conversations] of contents) writes.push(writeValue(storage, `conversations/${b}`, { conversations }))
    }
    for (const topic of topics) {
      const topicCache = cache.loadedTopics.get(topic)
      if (topicCache) writes.push(writeValue(storage, topicName(storage, topic), toStoredTopic(topicCache)))
    }
    await Promise.all(writes)
    // The index's resume points are written last: they may only claim what the buckets already hold.
    if (metaChanged || buckets.length > 0) {
      const refused = [...cache.envelopes].filter(([, topic]) => topic === null).map(([id]) => id)
      await writeValue(storage, 'meta', {
        schema: storage.schema.version,
        buckets: BUCKETS,
        inviteSyncedNs: synced.inviteSyncedNs?.toString() ?? null,
        introSyncedNs: synced.introSyncedNs?.toString() ?? null,
        refused: joinIds(refused),
      })
      cache.saved = synced
    }
  } catch (error) {
    // Kept for the next attempt.
    for (const b of buckets) cache.dirtyBuckets.add(b)
    for (const t of topics) cache.dirtyTopics.add(t)
    cache.dirtyMeta = true
    report(cache, error)
  }
}

function pruneRefused(cache: ClientCache): void {
  let refused = 0
  for (const topic of cache.envelopes.values()) if (topic === null) refused++
  if (refused <= MAX_REFUSED) return
  // Map order is insertion order: the oldest refusals go first.
  for (const [id, topic] of cache.envelopes) {
    if (refused <= MAX_REFUSED) break
    if (topic !== null) continue
    cache.envelopes.delete(id)
    refused--
  }
}

// ——— conversations ———

/** The id under which an invite or intro envelope is remembered as processed. */
const envelopeId = (envelope: Envelope) => bytesToHex(sha256(envelope.message).subarray(0, ENVELOPE_ID_BYTES))

/**
 * Opens an invite or intro envelope unless this client (or its cache) already processed it: the 10 s
 * listing overlap and relisting after a lost bucket then cost a hash, not three ECDH. `open` returns the
 * topic of the conversation the envelope gives; a refusal (a `KitError`) is remembered too, then rethrown.
 */
export function openConversationEnvelopeOnce(client: Client, envelope: Envelope, open: (envelope: Envelope) => string): void {
  const cache = getClientCache(client)
  const id = envelopeId(envelope)
  if (cache.envelopes.has(id)) return
  let topic: string
  try {
    topic = open(envelope)
  } catch (error) {
    if (error instanceof KitError) {
      cache.envelopes.set(id, null)
      cache.dirtyMeta = true
      scheduleSave(client, cache)
    }
    throw error
  }
  cache.envelopes.set(id, topic)
  markConversationChanged(client, topic)
}

/** A conversation record was added or changed: its bucket is written with the next save. */
export function markConversationChanged(client: Client, topic: string): void {
  const cache = getClientCache(client)
  cache.dirtyBuckets.add(bucketOf(topic))
  scheduleSave(client, cache)
}

// ——— messages ———

/** The message id (§9.2): lowercase hex sha256 of the envelope's message bytes. */
export const messageId = (envelope: Envelope): string => bytesToHex(sha256(envelope.message))

/** A message of `topic` this client already decrypted and verified, found by the envelope's bytes. */
export function findCachedMessage(client: Client, topic: string, envelope: Envelope): CachedMessage | undefined {
  const cache = getClientCache(client)
  const last = cache.last.get(topic)
  const loaded = cache.loadedTopics.get(topic)
  if (!loaded && (!last || last.envelopeNs !== envelope.timestampNs)) return undefined
  const id = messageId(envelope)
  return last?.id === id ? last : loaded?.messages.get(id)
}

/**
 * Records a message that was just decrypted and verified from an envelope of the conversation's own topic
 * (not an ephemeral one): as the preview if newest, and in its topic cache if loaded.
 */
export function rememberDecodedMessage(
  client: Client,
  topic: string,
  opened: Pick<CachedMessage, 'id' | 'senderAddress' | 'sentNs' | 'payload'>,
  envelope: Envelope,
): void {
  if (envelope.contentTopic !== topic) return
  const { id, senderAddress, sentNs, payload } = opened
  addCachedMessage(client, topic, { id, senderAddress, sentNs, envelopeNs: envelope.timestampNs, payload })
}

/** Adds a verified message to the cache (a no-op for one it has). */
export function addCachedMessage(client: Client, topic: string, message: CachedMessage): void {
  const cache = getClientCache(client)
  const last = cache.last.get(topic)
  if (!last || message.envelopeNs > last.envelopeNs) {
    cache.last.set(topic, message)
    cache.dirtyBuckets.add(bucketOf(topic))
    scheduleSave(client, cache)
  }
  const loaded = cache.loadedTopics.get(topic)
  if (loaded && !loaded.messages.has(message.id)) {
    loaded.messages.set(message.id, message)
    cache.dirtyTopics.add(topic)
    scheduleSave(client, cache)
  }
}

/** Marks a topic cache as changed (its coverage moved). */
export function markTopicChanged(client: Client, topic: string): void {
  const cache = getClientCache(client)
  cache.dirtyTopics.add(topic)
  scheduleSave(client, cache)
}

function toStoredTopic(topicCache: TopicCache) {
  return {
    topic: topicCache.topic,
    fromNs: topicCache.fromNs?.toString() ?? null,
    syncedNs: topicCache.syncedNs?.toString() ?? null,
    messages: [...topicCache.messages.values()].map(toStoredMessage),
  }
}

/** A conversation's message cache, read from storage the first time it is needed. Never rejects. */
export function getTopicCache(client: Client, topic: string): Promise<TopicCache> {
  const cache = getClientCache(client)
  let loading = cache.topics.get(topic)
  if (!loading) {
    loading = loadTopic(cache, topic).then((topicCache) => {
      const last = cache.last.get(topic)
      if (last && !topicCache.messages.has(last.id)) topicCache.messages.set(last.id, last)
      cache.loadedTopics.set(topic, topicCache)
      return topicCache
    })
    cache.topics.set(topic, loading)
  }
  return loading
}

async function loadTopic(cache: ClientCache, topic: string): Promise<TopicCache> {
  const empty: TopicCache = { topic, messages: new Map(), fromNs: undefined, syncedNs: undefined, refused: new Set() }
  const { storage } = cache
  if (!storage) return empty
  const name = topicName(storage, topic)
  try {
    const value = await readValue(storage, name)
    if (!value) return empty
    if (value.topic !== topic || !Array.isArray(value.messages)) throw unreadable(name, new TypeError('Not this topic.'))
    const messages = new Map<string, CachedMessage>()
    for (const stored of value.messages) {
      const message = fromStoredMessage(stored)
      messages.set(message.id, message)
    }
    return {
      topic,
      messages,
      fromNs: parseOptionalNs(value.fromNs, 'coverage'),
      syncedNs: parseOptionalNs(value.syncedNs, 'coverage'),
      refused: new Set(),
    }
  } catch (cause) {
    report(cache, cause instanceof CacheError ? cause : unreadable(name, cause))
    cache.dirtyTopics.add(topic)
    return empty
  }
}
