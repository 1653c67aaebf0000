/** A read-only live value: an immutable snapshot and change notifications (`useSyncExternalStore`-shaped). */
export interface Store<T> {
  getSnapshot(): T
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

export interface WritableStore<T> extends Store<T> {
  /** Replaces the snapshot (or derives it from the previous one); listeners run if the reference changed. */
  setState(next: T | ((previous: T) => T)): void
}

/**
 * A minimal store. Listeners are notified synchronously after each change whose snapshot reference differs.
 *
 * @example
 * const count = createStore(0)
 * const stop = count.subscribe(() => console.log(count.getSnapshot()))
 * count.setState((n) => n + 1)
 */
export function createStore<T>(initial: T): WritableStore<T> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    setState(next) {
      const value = typeof next === 'function' ? (next as (previous: T) => T)(state) : next
      if (Object.is(value, state)) return
      state = value
      for (const listener of [...listeners]) listener()
    },
  }
}
