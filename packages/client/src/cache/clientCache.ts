import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { getClientKeys } from '../client/clientKeys.js'
import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { createAesGcmKey, type AesGcmKey } from '../crypto/createAesGcmKey.js'
import { KitError } from '../errors/KitError.js'
import type { Envelope } from '../transport/types.js'
import { concatBytes } from '../utils/bytes.js'
import { fromStoredMessage, parseJsonObject, parseOptionalNs, toStoredMessage, type CachedMessage } from './cacheRecords.js'
import { CacheError } from './CacheError.js'
import { decodeBucket, encodeBucket, ENVELOPE_ID_BYTES, readIds, type BucketEntry } from './conversationBuckets.js'
import type { Persistence } from './Persistence.js'

/**
 * Cache schema version. Each stored value is sealed with AES-256-GCM; all but the buckets are JSON:
 * - `meta`: `{ schema, buckets, inviteSyncedNs, introSyncedNs, refused, keys? }`, the resume points of
 *   listing, the hex ids of invite/intro envelopes that were refused (so they are not opened again), and
 *   the tag of the exported keys a client verified (optional: a cache without it verifies them again);
 * - `conversations/<0…15>`: the conversation index in 16 buckets (by topic), each record with the ids of
 *   the envelopes that yielded it and its newest known message (the inbox preview), in the compact form of
 *   `conversationBuckets.ts` (schema 1: the JSON `{ conversations: [StoredConversation & { envelopes,
 *   last }] }`, still read);
 * - `messages/<hmac(topic)>`: `{ topic, fromNs, syncedNs, messages }`, one conversation's messages and
 *   the span of envelope times they cover.
 * A change to any of these bumps the version and adds a migration to {@link cacheMigrations}.
 */
export const CACHE_SCHEMA_VERSION = 2

/** Reads and writes the decrypted values of one wallet's cache, for migrations. */
export interface CacheMigrationStore {
  /** A JSON value (not a conversation bucket). */
  read(name: string): Promise<Record<string, unknown> | undefined>
  write(name: string, value: unknown): Promise<void>
  /** A conversation bucket's entries, from either form. @throws {CacheError} when it cannot be read. */
  readBucket(name: string): Promise<BucketEntry[] | undefined>
  /** Writes a conversation bucket in the current (compact) form. */
  writeBucket(name: string, entries: readonly BucketEntry[]): Promise<void>
  remove(name: string): Promise<void>
  /** Names (without the wallet prefix) that start with `prefix`. */
  list(prefix: string): Promise<string[]>
}

/** Upgrades a cache from schema `n` (its key in the table) to `n + 1`. */
export type CacheMigration = (store: CacheMigrationStore) => Promise<void>

/**
 * 1 → 2: conversation buckets go from JSON to the compact form (read at every start: a third of the bytes,
 * and no decimal or base64 decoding). A bucket that cannot be read is left as it is: loading reports it
 * and lists from the start, as for any damaged bucket.
 */
const compactBuckets: CacheMigration = async (store) => {
  for (const name of await store.list('conversations/')) {
    let entries: BucketEntry[] | undefined
    try {
      entries = await store.readBucket(name)
    } catch {
      continue
    }
    if (entries) await store.writeBucket(name, entries)
  }
}

/** Migrations by the schema version they upgrade from. */
export const cacheMigrations: Readonly<Record<number, CacheMigration>> = Object.freeze({ 1: compactBuckets })

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
  /** The wallet (EIP-55). */
  address: string
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
  /** {@link verifiedKeysTag} of the keys this client was created from, once verified (kept in `meta`). */
  verifiedKeys: string | undefined
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
      verifiedKeys: undefined,
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

/** A sealed value's plaintext; `decode` reads it (its errors make the value unreadable). */
async function readSealed<T>(storage: CacheStorage, name: string, decode: (plaintext: Uint8Array) => T): Promise<T | undefined> {
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
    return decode(await storage.aead.open(sealed.subarray(1), ENCODER.encode(key)))
  } catch (cause) {
    throw unreadable(name, cause)
  }
}

async function writeSealed(storage: CacheStorage, name: string, plaintext: Uint8Array): Promise<void> {
  const key = storage.prefix + name
  const sealed = await storage.aead.seal(plaintext, ENCODER.encode(key))
  await storage.persistence.set(key, concatBytes(new Uint8Array([BLOB_FORMAT]), sealed))
}

const readValue = (storage: CacheStorage, name: string): Promise<Record<string, unknown> | undefined> =>
  readSealed(storage, name, (plaintext) => parseJsonObject(plaintext, name))

const writeValue = (storage: CacheStorage, name: string, value: unknown): Promise<void> =>
  writeSealed(storage, name, ENCODER.encode(JSON.stringify(value)))

const topicName = (storage: CacheStorage, topic: string) => `messages/${bytesToHex(hmac(sha256, storage.namesKey, utf8ToBytes(topic))).slice(0, 32)}`

// ——— loading ———

/**
 * A wallet's cache, opened before its client exists: the storage keys, and its index (`meta`) being read
 * (as stored: it is migrated when loaded), or the error that made it unreadable.
 */
export interface CacheOpening {
  storage: CacheStorage
  meta: Promise<Record<string, unknown> | undefined | CacheError>
}

export interface OpenClientCacheParameters {
  persistence: Persistence
  /** The wallet (EIP-55): entries are named `xmtp-kit/<address>/…` and sealed for it. */
  address: string
  /** The 32-byte identity private key, that the sealing keys are derived from. */
  identityKey: Uint8Array
  /** @internal tests only */
  schema?: CacheSchema | undefined
}

/** Derives a wallet's cache keys and starts reading its index. Never rejects. */
export function openClientCache(parameters: OpenClientCacheParameters): CacheOpening {
  const { persistence, address, identityKey, schema = { version: CACHE_SCHEMA_VERSION, migrations: cacheMigrations } } = parameters
  const info = (use: string) => utf8ToBytes(`${use}|${address}`)
  const storage: CacheStorage = {
    persistence,
    address,
    prefix: cachePrefix(address),
    aead: createAesGcmKey(hkdf(sha256, identityKey, CACHE_SALT, info('seal'), 32)),
    namesKey: hkdf(sha256, identityKey, CACHE_SALT, info('names'), 32),
    schema,
  }
  const meta = readValue(storage, 'meta').catch((error: unknown) =>
    error instanceof CacheError ? error : new CacheError('unavailable', 'The cache could not be written or read.', { cause: error }),
  )
  return { storage, meta }
}

/**
 * The record that a client verified exactly these exported keys (their bytes, MACed with a key of this
 * cache): their checks (each private key against its public key, the pre-key's signature) need not be
 * redone on the next start. It lives in the sealed index, so only a holder of the identity key could
 * have written it.
 */
export const verifiedKeysTag = (opening: CacheOpening, keys: Uint8Array): string =>
  bytesToHex(hmac(sha256, opening.storage.namesKey, concatBytes(utf8ToBytes('verified-keys|'), keys)))

/** Whether the cache's index records these exact keys as verified. Never rejects. */
export async function wereKeysVerified(opening: CacheOpening, keys: Uint8Array): Promise<boolean> {
  const meta = await opening.meta
  return (
    meta !== undefined &&
    !(meta instanceof CacheError) &&
    meta.schema === opening.storage.schema.version &&
    meta.keys === verifiedKeysTag(opening, keys)
  )
}

export interface LoadClientCacheParameters {
  persistence: Persistence
  onError?: ((error: CacheError) => void) | undefined
  /** The cache opened by {@link openClientCache} for this client's wallet (else it is opened here). */
  opening?: CacheOpening | undefined
  /** {@link verifiedKeysTag} of the exported keys this client was created from and verified. */
  verifiedKeys?: string | undefined
  /** @internal tests only */
  schema?: CacheSchema | undefined
}

/**
 * Attaches a persistence to a client and loads its conversation index: records (no ECDH), resume points,
 * processed envelope ids and message previews. Anything unreadable is reported and left to be rebuilt from
 * the network; this never throws.
 */
export async function loadClientCache(client: Client, parameters: LoadClientCacheParameters): Promise<void> {
  const { persistence, onError, schema, verifiedKeys } = parameters
  const opening =
    parameters.opening ??
    openClientCache({ persistence, address: client.address, identityKey: getClientKeys(client).identityKey!.secp256k1!.bytes, schema })
  const { storage } = opening
  const cache = getClientCache(client)
  cache.storage = storage
  cache.onError = onError
  cache.verifiedKeys = verifiedKeys
  try {
    const first = await opening.meta
    if (first instanceof CacheError) throw first
    const meta = first && (await migrate(storage, first))
    if (meta && (await loadIndex(client, cache, storage, meta))) {
      // A client from a signer keeps the record of the keys verified by an earlier client.
      if (verifiedKeys === undefined && typeof meta.keys === 'string') cache.verifiedKeys = meta.keys
      else if (verifiedKeys !== undefined && meta.keys !== verifiedKeys) cache.dirtyMeta = true
      if (cache.dirtyMeta) scheduleSave(client, cache)
      return
    }
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
    readBucket: async (name) => (await readSealed(storage, name, (plaintext) => decodeBucket(plaintext, storage.address)))?.entries,
    writeBucket: (name, entries) => writeSealed(storage, name, encodeBucket(entries, storage.address)),
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

/** Loads the index from its (migrated) `meta`; false when it is not usable. */
async function loadIndex(client: Client, cache: ClientCache, storage: CacheStorage, meta: Record<string, unknown>): Promise<boolean> {
  const state = getClientState(client)
  let complete = true
  // Each bucket is read into the index as soon as it is decrypted (a topic is in one bucket only, so the
  // order does not matter), rather than holding all sixteen at once. Indexed loops: this runs for every
  // conversation at every start, mostly before the code is optimised, when `for…of` allocates.
  const ingest = (entries: BucketEntry[]) => {
    for (let i = 0; i < entries.length; i++) {
      const { record, ids, last } = entries[i]!
      const { topic } = record.conversation
      if (state.conversations.has(topic)) continue
      state.conversations.set(topic, record)
      for (let j = 0; j < ids.length; j++) cache.envelopes.set(ids[j]!, topic)
      if (last) cache.last.set(topic, last)
    }
  }
  await Promise.all(
    Array.from({ length: BUCKETS }, async function readBucket(_, b) {
      try {
        // A malformed record loses its bucket, not half of it: it is decoded whole before any is added.
        const bucket = await readSealed(storage, `conversations/${b}`, (plaintext) => decodeBucket(plaintext, storage.address))
        // A missing bucket is empty (never written, or nothing in it yet).
        if (!bucket) return
        ingest(bucket.entries)
        // Written in the compact form with the next save.
        if (!bucket.compact) cache.dirtyBuckets.add(b)
      } catch (cause) {
        complete = false
        cache.dirtyBuckets.add(b)
        report(cache, cause instanceof CacheError ? cause : unreadable(`conversations/${b}`, cause))
      }
    }),
  )
  if (meta.refused !== undefined) {
    try {
      for (const id of readIds(meta.refused)) if (!cache.envelopes.has(id)) cache.envelopes.set(id, null)
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
      const contents = new Map<number, BucketEntry[]>(buckets.map((b) => [b, []]))
      for (const [topic, record] of state.conversations) {
        contents.get(bucketOf(topic))?.push({ record, ids: ids.get(topic) ?? [], last: cache.last.get(topic) })
      }
      for (const [b, entries] of contents) writes.push(writeSealed(storage, `conversations/${b}`, encodeBucket(entries, storage.address)))
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
        refused,
        keys: cache.verifiedKeys ?? null,
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
