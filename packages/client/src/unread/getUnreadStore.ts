import type { Client } from '../client/createClient.js'
import type { Store } from '../store/createStore.js'
import type { UnreadState } from './types.js'
import { getWritableUnreadStore } from './unreadStore.js'

const views = new WeakMap<object, Store<UnreadState>>()

/**
 * The client's read state as a live store (one per client, in memory; see `persistReadMarkers` to keep it
 * across sessions). The same read-only store object on every call, so it is safe to pass to `useStore`.
 * Feed its snapshot to `getUnreadCount` in a selector to render badges.
 *
 * @example
 * const unread = getUnreadStore(client)
 * const stop = unread.subscribe(() => render(getUnreadCount(unread.getSnapshot(), { conversation, messages })))
 */
export function getUnreadStore(client: Client): Store<UnreadState> {
  let view = views.get(client)
  if (!view) {
    const { getSnapshot, subscribe } = getWritableUnreadStore(client)
    view = Object.freeze({ getSnapshot, subscribe })
    views.set(client, view)
  }
  return view
}
