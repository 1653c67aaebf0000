import type { Client } from '../client/createClient.js'
import { createStore, type Store, type WritableStore } from '../store/createStore.js'
import type { SubscriptionStatus } from '../transport/types.js'
import { perClient } from './perClient.js'

/** One of the client's open streams, as {@link getConnectionStore} lists it. */
export interface ConnectionEntry {
  /** What it carries. */
  kind: 'conversations' | 'allMessages' | 'messages' | 'consent'
  /** The conversation of a `messages` stream. */
  topic: string | undefined
  status: SubscriptionStatus
}

export interface ConnectionSnapshot {
  /** Every stream the client has open now (a closed one leaves the list). */
  streams: readonly ConnectionEntry[]
}

const EMPTY: ConnectionSnapshot = Object.freeze({ streams: Object.freeze([]) as readonly ConnectionEntry[] })
const stores = perClient((): WritableStore<ConnectionSnapshot> => createStore(EMPTY))

/**
 * The connection of every stream the client runs (the conversation list's, threads', consent), live: what a
 * "Reconnecting…" banner reads. Watching it opens nothing: it reports the streams others started.
 *
 * @example
 * const { streams } = getConnectionStore(client).getSnapshot()
 * const reconnecting = streams.some((s) => s.status !== 'live')
 */
export function getConnectionStore(client: Client): Store<ConnectionSnapshot> {
  return stores(client)
}

/** Lists a stream in the client's connection store while it is open, its status kept current. */
export function trackConnection(client: Client, kind: ConnectionEntry['kind'], topic: string | undefined, state: Store<{ status: SubscriptionStatus }>): void {
  const store = stores(client)
  let entry: ConnectionEntry | undefined
  let stop: (() => void) | undefined
  const sync = () => {
    const { status } = state.getSnapshot()
    if (status === entry?.status) return // a new reconnect count, the same status
    const previous = entry
    const next = status === 'closed' ? undefined : Object.freeze({ kind, topic, status })
    entry = next
    store.setState(({ streams }) => {
      const others = previous ? streams.filter((s) => s !== previous) : streams
      return Object.freeze({ streams: Object.freeze(next ? [...others, next] : others) })
    })
    if (!next) stop?.()
  }
  stop = state.subscribe(sync)
  sync()
}
