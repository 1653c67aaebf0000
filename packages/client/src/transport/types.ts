import type { Store } from '../store/createStore.js'

/** The unit a node stores and relays. `timestampNs` is a uint64 (nanoseconds since the epoch). */
export interface Envelope {
  contentTopic: string
  timestampNs: bigint
  message: Uint8Array
}

/** Where a page ended: continue strictly after this `(senderTimeNs, digest)`. */
export interface Cursor {
  digest: Uint8Array
  senderTimeNs: bigint
}

export type SortDirection = 'ascending' | 'descending'

export interface QueryParameters {
  contentTopic: string
  /** Inclusive lower bound on `timestampNs`. */
  startTimeNs?: bigint | undefined
  /** Inclusive upper bound on `timestampNs`. */
  endTimeNs?: bigint | undefined
  /** Default `'ascending'`. */
  direction?: SortDirection | undefined
  /** Envelopes per request: 1–100 (up to 500 on a `userpreferences-` topic). Default 100. */
  pageSize?: number | undefined
  /** Stop after this many envelopes in total. Default: all. */
  limit?: number | undefined
  /** Start after this cursor (from a previous page). */
  cursor?: Cursor | undefined
  signal?: AbortSignal | undefined
}

export interface QueryPage {
  envelopes: Envelope[]
  /** Present when the node says more may follow. */
  cursor: Cursor | undefined
}

export interface PublishParameters {
  /** `Authorization` header value (`Bearer <token>`); required by nodes with publish authentication. */
  authorization?: string | undefined
  signal?: AbortSignal | undefined
}

/** `connecting` until the first connection is live; `reconnecting` after it drops; `closed` after `close()`. */
export type SubscriptionStatus = 'connecting' | 'live' | 'reconnecting' | 'closed'

export interface SubscriptionState {
  status: SubscriptionStatus
  /** Reconnections so far. */
  reconnects: number
  /** Last error that dropped the connection, if any. */
  error: Error | undefined
}

/** Reported after each reconnection, so a consumer can backfill what it may have missed. */
export interface ReconnectInfo {
  /** `timestampNs` of the last envelope delivered before the drop (`undefined` if none was). */
  lastEnvelopeTimestampNs: bigint | undefined
  /** When the connection dropped and when it was live again (ms since the epoch). */
  disconnectedAt: number
  reconnectedAt: number
  /** The topics subscribed at reconnection. */
  topics: readonly string[]
}

export interface SubscribeParameters {
  onEnvelope: (envelope: Envelope) => void
  onReconnect?: ((info: ReconnectInfo) => void) | undefined
}

export interface Subscription {
  /** Connection state, as a store (`getSnapshot` / `subscribe`). */
  readonly state: Store<SubscriptionState>
  /** Resolves once the subscription is first live (rejects if it is closed first). */
  ready: Promise<void>
  /**
   * Replaces the topic set without losing envelopes on topics kept across the change: the new connection is
   * opened first and used once live; the old one drains, and envelopes delivered by both are dropped.
   * Resolves once the new set is live (at once for an empty set); rejects with `AbortError` if closed first.
   */
  updateTopics(topics: readonly string[]): Promise<void>
  readonly topics: readonly string[]
  close(): void
}

/**
 * How the client reaches a network: the XMTP message API v1 (publish, query, batch query, subscribe).
 * `httpTransport` talks to a node; `memoryTransport` to an in-process network with the same semantics.
 */
export interface Transport {
  publish(envelopes: readonly Envelope[], parameters?: PublishParameters): Promise<void>
  /** Pages of envelopes, following cursors until the end (or `limit`). Empty pages are not yielded. */
  query(parameters: QueryParameters): AsyncIterable<QueryPage>
  /** The first page of each query, in order; sent in chunks of 50 requests, in parallel. */
  batchQuery(queries: readonly QueryParameters[], parameters?: { signal?: AbortSignal }): Promise<Envelope[][]>
  subscribe(topics: readonly string[], parameters: SubscribeParameters): Subscription
}
