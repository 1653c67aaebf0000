import type { Store } from '../store/createStore.js'

export interface LiveStore<T> extends Store<T> {
  /** Replaces the snapshot; subscribers are notified once per microtask however many changes land in it. */
  setState(next: T | ((previous: T) => T)): void
  /** Number of current subscribers. */
  readonly subscribers: number
}

/**
 * A store whose work (queries, network streams) runs only while someone listens: `start` runs on the
 * first subscription and its cleanup after the last one leaves (a tick later, so a component that
 * unmounts and remounts at once, as React's StrictMode does, keeps the same stream). Bursts of changes are
 * coalesced into one notification per microtask.
 */
export function createLiveStore<T>(initial: T, start: (store: LiveStore<T>) => () => void): LiveStore<T> {
  let state = initial
  const listeners = new Set<() => void>()
  let scheduled = false
  let stop: (() => void) | undefined
  let stopTimer: ReturnType<typeof setTimeout> | undefined

  const notify = () => {
    scheduled = false
    for (const listener of [...listeners]) listener()
  }

  const store: LiveStore<T> = {
    getSnapshot: () => state,
    get subscribers() {
      return listeners.size
    },
    setState(next) {
      const value = typeof next === 'function' ? (next as (previous: T) => T)(state) : next
      if (Object.is(value, state)) return
      state = value
      if (!scheduled) {
        scheduled = true
        queueMicrotask(notify)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      if (stopTimer !== undefined) {
        clearTimeout(stopTimer)
        stopTimer = undefined
      }
      if (!stop) stop = start(store)
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return
        stopTimer = setTimeout(() => {
          stopTimer = undefined
          if (listeners.size === 0 && stop) {
            const cleanup = stop
            stop = undefined
            cleanup()
          }
        }, 0)
      }
    },
  }
  return store
}
