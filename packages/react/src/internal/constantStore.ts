import type { Store } from '@xmtp-kit/client'

const noop = () => undefined

/** A store that never changes: what hooks read while there is no client (or no conversation) yet. */
export function constantStore<T>(value: T): Store<T> {
  return Object.freeze({ getSnapshot: () => value, subscribe: () => noop })
}
