import type { Client } from '../client/createClient.js'
import type { Conversation } from '../conversations/types.js'
import { createStore, type WritableStore } from '../store/createStore.js'
import type { UnreadState } from './types.js'

const EMPTY: UnreadState = Object.freeze({ lastReadNs: Object.freeze({}), peerReadNs: Object.freeze({}) })
const stores = new WeakMap<object, WritableStore<UnreadState>>()

/** The client's writable unread store, created empty on first use. */
export function getWritableUnreadStore(client: Client): WritableStore<UnreadState> {
  let store = stores.get(client)
  if (!store) {
    store = createStore(EMPTY)
    stores.set(client, store)
  }
  return store
}

/** A client's current unread state, or the given state itself. */
export function resolveUnreadState(source: Client | UnreadState): UnreadState {
  if (typeof source !== 'object' || source === null) throw new TypeError('source must be a client or an unread state.')
  return 'lastReadNs' in source && 'peerReadNs' in source ? source : getWritableUnreadStore(source).getSnapshot()
}

/** The topic of a conversation given as itself or its topic. */
export function topicOf(conversation: Conversation | string): string {
  const topic = typeof conversation === 'string' ? conversation : conversation?.topic
  if (typeof topic !== 'string' || topic === '') throw new TypeError('conversation must be a conversation or its topic.')
  return topic
}

/** The marker for `topic` in `markers`, own properties only. */
export const markerOf = (markers: Readonly<Record<string, bigint>>, topic: string): bigint | undefined =>
  Object.hasOwn(markers, topic) ? markers[topic] : undefined

/**
 * `markers` with each of `updates` applied where it moves a marker forward; the same object when none does,
 * so snapshots change reference only when the data changes.
 */
export function advanceMarkers(
  markers: Readonly<Record<string, bigint>>,
  updates: Iterable<readonly [topic: string, ns: bigint]>,
): Readonly<Record<string, bigint>> {
  let next: Record<string, bigint> | undefined
  for (const [topic, ns] of updates) {
    const current = markerOf(next ?? markers, topic)
    if (current !== undefined && current >= ns) continue
    next ??= { ...markers }
    // defineProperty: a topic is data, never a prototype setter such as `__proto__`.
    Object.defineProperty(next, topic, { value: ns, enumerable: true, writable: true, configurable: true })
  }
  return next ? Object.freeze(next) : markers
}
