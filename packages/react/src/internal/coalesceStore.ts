import type { Store } from '@xmtp-kit/client'

export interface CoalesceOptions<T> {
  /** Changes that must show at once (a send turning pending, then sent; a status). Others wait. */
  urgent: (previous: T, next: T) => boolean
  /** Quiet time after the last change before it is shown. */
  quietMs?: number | undefined
  /** Longest a change waits while changes keep coming. */
  maxWaitMs?: number | undefined
}

/** Default quiet time: a frame. */
const QUIET_MS = 16
const MAX_WAIT_MS = 500

const cache = new WeakMap<object, Store<unknown>>()

/**
 * A view of `store` whose listeners hear network deliveries at most once per burst. A stream hands over a
 * burst in several batches (one per chunk the transport reads, each decoded before the next chunk is read),
 * and each batch would cost a render. The next batch is handled in the same turn of the event loop as soon
 * as the previous one is decoded, before any timer is due, so waiting until no change has come for
 * `quietMs` shows the whole burst at once, however slow the decoding, at the price of one frame of latency
 * for a single message. Urgent changes (local actions, statuses) are passed on at once.
 *
 * The view is shared: the same object for the same store, with one subscription to it however many listen.
 */
export function coalesceStore<T>(store: Store<T>, options: CoalesceOptions<T>): Store<T> {
  const cached = cache.get(store)
  if (cached) return cached as Store<T>
  const { urgent, quietMs = QUIET_MS, maxWaitMs = MAX_WAIT_MS } = options
  const listeners = new Set<() => void>()
  let shown: T = store.getSnapshot()
  let unsubscribe: (() => void) | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let firstWaitingAt = 0

  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    const next = store.getSnapshot()
    if (Object.is(next, shown)) return
    shown = next
    for (const listener of [...listeners]) listener()
  }
  const onChange = () => {
    const next = store.getSnapshot()
    if (urgent(shown, next)) {
      flush()
      return
    }
    const now = Date.now()
    if (timer === undefined) firstWaitingAt = now
    clearTimeout(timer)
    timer = setTimeout(flush, Math.max(0, Math.min(quietMs, firstWaitingAt + maxWaitMs - now)))
  }

  const view: Store<T> = {
    getSnapshot: () => (unsubscribe ? shown : store.getSnapshot()),
    subscribe(listener) {
      listeners.add(listener)
      if (!unsubscribe) {
        shown = store.getSnapshot()
        unsubscribe = store.subscribe(onChange)
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return
        clearTimeout(timer)
        timer = undefined
        const stop = unsubscribe
        unsubscribe = undefined
        stop?.()
      }
    },
  }
  cache.set(store, view as Store<unknown>)
  return view
}
