import { TransportError } from '../errors/errors.js'
import { compareBytes } from '../utils/bytes.js'
import { MAX_MESSAGE_BYTES, MAX_TOPIC_BYTES } from './assertEnvelopes.js'
import { computeDigest } from './computeDigest.js'
import { MAX_BATCH_QUERIES } from './queryPages.js'
import type { Cursor, Envelope, QueryPage, SortDirection } from './types.js'

/** A query as the node receives it. Unset (or `0n`) times do not filter; `limit` 0 or unset means 100. */
export interface MemoryQueryRequest {
  contentTopics: readonly string[]
  startTimeNs?: bigint | undefined
  endTimeNs?: bigint | undefined
  /** Rows per page, at most 100 (500 for a query on one `userpreferences-` topic). */
  limit?: number | undefined
  /** Default `'descending'`, as the node's `SORT_DIRECTION_UNSPECIFIED`. */
  direction?: SortDirection | undefined
  cursor?: Cursor | undefined
}

export interface MemoryConnectionHandlers {
  onEnvelope(envelope: Envelope): void
  /** The network dropped the connection (`dropConnections`, `setOffline(true)`). */
  onClose(error: Error): void
}

export interface MemoryConnection {
  /** Unregisters the subscriber; nothing more is delivered to it. */
  close(): void
}

/**
 * An in-process XMTP network with the node's semantics, for tests, stories and offline demos.
 * Publish authentication is not modelled: every publish is accepted.
 */
export interface MemoryNetwork {
  /**
   * Stores each non-ephemeral envelope once per digest and relays every envelope (duplicates too) to the
   * subscribers of its topic, each in a later microtask.
   *
   * @throws {TransportError} gRPC 3 (HTTP 400) for an empty or oversized topic or an oversized message.
   */
  publish(envelopes: readonly Envelope[]): void
  /**
   * One page: `(timestampNs, digest)` order, strictly after `cursor`; a cursor in the answer only when the
   * page is full.
   *
   * @throws {TransportError} gRPC 3 (HTTP 400) for no topic, a bad topic or a `limit` over the maximum.
   */
  query(request: MemoryQueryRequest): QueryPage
  /**
   * At most 50 queries; any failed query fails the batch.
   *
   * @throws {TransportError} gRPC 3 for more than 50 requests, gRPC 13 (HTTP 500) when one query fails.
   */
  batchQuery(requests: readonly MemoryQueryRequest[]): QueryPage[]
  /**
   * Registers a subscriber now: envelopes published from this call on are delivered.
   *
   * @throws {TransportError} gRPC 3 for an empty list or a bad topic; a network error while offline.
   */
  subscribe(topics: readonly string[], handlers: MemoryConnectionHandlers): MemoryConnection
  /** Drops every live subscription (as a node restart would); transports then reconnect. */
  dropConnections(): void
  /** While offline every call fails with a network `TransportError` and live subscriptions are dropped. */
  setOffline(offline: boolean): void
  readonly offline: boolean
  /** Envelopes stored. */
  readonly size: number
}

interface Stored extends Envelope {
  digest: Uint8Array
}

interface Subscriber extends MemoryConnectionHandlers {
  topics: ReadonlySet<string>
  connected: boolean
}

const DEFAULT_PAGE_SIZE = 100
const MAX_PAGE_SIZE = 100
const MAX_USER_PREFERENCES_PAGE_SIZE = 500

const encoder = /* @__PURE__ */ new TextEncoder()

const category = (topic: string) => {
  if (!topic.startsWith('/xmtp/0/')) return undefined
  const name = topic.slice('/xmtp/0/'.length)
  const dash = name.indexOf('-')
  return dash === -1 ? name : name.slice(0, dash)
}

/** `mE-…` and `dmE-…` topics are relayed, never stored. */
const isEphemeral = (topic: string) => {
  const c = category(topic)
  return c === 'mE' || c === 'dmE'
}

/** The node's answer to a bad request: gRPC InvalidArgument under HTTP 400. */
const invalidArgument = (message: string) =>
  new TransportError(message, { grpcCode: 3, status: 400, details: 'memory network, gRPC code 3' })

const offlineError = () => new TransportError('Could not reach the node.', { details: 'the memory network is offline' })

function assertNodeTopic(topic: string): void {
  if (topic === '') throw invalidArgument('content topic required')
  if (encoder.encode(topic).length > MAX_TOPIC_BYTES) throw invalidArgument('topic length too big')
}

/** Same order as the node's `ORDER BY ts, digest`. */
const compareStored = (a: Stored, b: Stored) =>
  a.timestampNs < b.timestampNs ? -1 : a.timestampNs > b.timestampNs ? 1 : compareBytes(a.digest, b.digest)

const copy = (envelope: Envelope): Envelope => ({
  contentTopic: envelope.contentTopic,
  timestampNs: envelope.timestampNs,
  message: envelope.message.slice(),
})

/**
 * Creates an in-process network that behaves like `@xmtp-kit/node`: ordering by `(timestampNs, digest)` with
 * `digest = sha256(utf8(topic) || message)`, strict cursors, page limits, dedupe by digest (duplicates still
 * relayed), ephemeral `mE-`/`dmE-` topics relayed but not stored, batches of at most 50, and the node's errors
 * as {@link TransportError}s with the same gRPC codes and HTTP statuses. No publish authentication.
 * Connect to it with `memoryTransport({ network })`.
 *
 * @example
 * const network = createMemoryNetwork()
 * const alice = memoryTransport({ network })
 * const bob = memoryTransport({ network })
 */
export function createMemoryNetwork(): MemoryNetwork {
  /** Per topic, sorted by (timestampNs, digest). */
  const byTopic = new Map<string, Stored[]>()
  const digests = new Set<string>()
  const subscribers = new Set<Subscriber>()
  let offline = false
  let size = 0

  const digestKey = (digest: Uint8Array) => {
    let key = ''
    for (const byte of digest) key += String.fromCharCode(byte)
    return key
  }

  const insert = (envelope: Stored) => {
    const key = digestKey(envelope.digest)
    if (digests.has(key)) return
    digests.add(key)
    size++
    let rows = byTopic.get(envelope.contentTopic)
    if (!rows) byTopic.set(envelope.contentTopic, (rows = []))
    let low = 0
    let high = rows.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compareStored(rows[mid]!, envelope) < 0) low = mid + 1
      else high = mid
    }
    rows.splice(low, 0, envelope)
  }

  const runQuery = (request: MemoryQueryRequest): QueryPage => {
    const topics = request.contentTopics
    if (topics.length === 0) throw invalidArgument('content topics required')
    topics.forEach(assertNodeTopic)
    const requested = request.limit ?? 0
    const max =
      topics.length === 1 && category(topics[0]!) === 'userpreferences' ? MAX_USER_PREFERENCES_PAGE_SIZE : MAX_PAGE_SIZE
    if (requested > max) throw invalidArgument(`cannot exceed ${max} rows per query`)
    const pageSize = requested === 0 ? DEFAULT_PAGE_SIZE : requested
    const ascending = request.direction === 'ascending'
    const start = request.startTimeNs ?? 0n
    const end = request.endTimeNs ?? 0n
    const cursor = request.cursor && request.cursor.digest.length > 0 ? request.cursor : undefined

    let rows: Stored[] = []
    for (const topic of new Set(topics)) rows = rows.concat(byTopic.get(topic) ?? [])
    if (topics.length > 1) rows.sort(compareStored)
    if (!ascending) rows.reverse()
    const sign = ascending ? 1 : -1
    const page: Stored[] = []
    for (const row of rows) {
      if (start !== 0n && row.timestampNs < start) continue
      if (end !== 0n && row.timestampNs > end) continue
      if (cursor) {
        // The node compares (ts, digest) as a pair, or only the digest for a cursor without a time.
        const order =
          cursor.senderTimeNs !== 0n
            ? compareStored(row, { ...row, timestampNs: cursor.senderTimeNs, digest: cursor.digest })
            : compareBytes(row.digest, cursor.digest)
        if (order * sign <= 0) continue
      }
      page.push(row)
      if (page.length === pageSize) break
    }
    const last = page.at(-1)
    return {
      envelopes: page.map(copy),
      cursor: page.length < pageSize || !last ? undefined : { digest: last.digest.slice(), senderTimeNs: last.timestampNs },
    }
  }

  const assertOnline = () => {
    if (offline) throw offlineError()
  }

  const dropAll = () => {
    for (const subscriber of [...subscribers]) {
      subscriber.connected = false
      subscribers.delete(subscriber)
      queueMicrotask(() => subscriber.onClose(new TransportError('The connection to the node dropped.')))
    }
  }

  return {
    publish(envelopes) {
      assertOnline()
      for (const envelope of envelopes) {
        assertNodeTopic(envelope.contentTopic)
        if (envelope.message.length > MAX_MESSAGE_BYTES) throw invalidArgument('message too big')
      }
      const copies = envelopes.map(copy)
      for (const envelope of copies) {
        if (!isEphemeral(envelope.contentTopic)) insert({ ...envelope, digest: computeDigest(envelope) })
      }
      for (const envelope of copies) {
        for (const subscriber of subscribers) {
          if (!subscriber.topics.has(envelope.contentTopic)) continue
          queueMicrotask(() => {
            if (subscriber.connected) subscriber.onEnvelope(copy(envelope))
          })
        }
      }
    },

    query(request) {
      assertOnline()
      return runQuery(request)
    },

    batchQuery(requests) {
      assertOnline()
      if (requests.length > MAX_BATCH_QUERIES) {
        throw invalidArgument(`cannot exceed ${MAX_BATCH_QUERIES} requests in single batch`)
      }
      return requests.map((request) => {
        try {
          return runQuery(request)
        } catch (error) {
          // Any failed query fails the whole batch, as the node does.
          const message = error instanceof TransportError ? error.shortMessage : 'internal error'
          throw new TransportError(message, { grpcCode: 13, status: 500, details: 'memory network, gRPC code 13' })
        }
      })
    },

    subscribe(topics, handlers) {
      assertOnline()
      if (topics.length === 0) throw invalidArgument('content topics required')
      topics.forEach(assertNodeTopic)
      const subscriber: Subscriber = {
        topics: new Set(topics),
        connected: true,
        onEnvelope: handlers.onEnvelope,
        onClose: handlers.onClose,
      }
      subscribers.add(subscriber)
      return {
        close() {
          subscriber.connected = false
          subscribers.delete(subscriber)
        },
      }
    },

    dropConnections: dropAll,

    setOffline(value) {
      offline = value
      if (value) dropAll()
    },

    get offline() {
      return offline
    },

    get size() {
      return size
    },
  }
}
