import type { Store } from '@xmtp-kit/client'
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'

/** The first snapshot each store was rendered with: what a server rendered, so what hydration must match. */
const initialSnapshots = new WeakMap<object, unknown>()

function initialSnapshotOf<T>(store: Store<T>): T {
  if (!initialSnapshots.has(store)) initialSnapshots.set(store, store.getSnapshot())
  return initialSnapshots.get(store) as T
}

const identity = <T>(value: T): T => value

/**
 * Reads a store of `@xmtp-kit/client` (`getSnapshot` + `subscribe`) in a component: it re-renders when the
 * selected part changes, and only then. `selector` picks or derives a value from the snapshot; `isEqual`
 * (default `Object.is`) decides when a derived value counts as unchanged, so a selector may build a new
 * object or array without causing renders. On a server, and while hydrating, the store's initial
 * snapshot is used.
 *
 * Every hook of this package is a few lines on top of it.
 *
 * @example
 * const unread = useStore(getUnreadStore(client), (state) => state.lastReadNs[topic])
 */
export function useStore<T>(store: Store<T>): T
export function useStore<T, S>(store: Store<T>, selector: (snapshot: T) => S, isEqual?: (a: S, b: S) => boolean): S
export function useStore<T, S>(store: Store<T>, selector: (snapshot: T) => S = identity as (snapshot: T) => S, isEqual?: (a: S, b: S) => boolean): S {
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store])
  // The last value returned, kept across selector changes so `isEqual` can keep handing out the same reference.
  const last = useRef<{ has: boolean; value: S | undefined }>({ has: false, value: undefined })
  const [getSelection, getServerSelection] = useMemo(() => {
    let hasMemo = false
    let memoSnapshot: T
    let memoSelection: S
    const select = (snapshot: T): S => {
      if (hasMemo && Object.is(memoSnapshot, snapshot)) return memoSelection
      const next = selector(snapshot)
      const previous = hasMemo ? { has: true, value: memoSelection } : last.current
      hasMemo = true
      memoSnapshot = snapshot
      memoSelection = previous.has && isEqual !== undefined && isEqual(previous.value as S, next) ? (previous.value as S) : next
      return memoSelection
    }
    const server = initialSnapshotOf(store)
    return [() => select(store.getSnapshot()), () => select(server)]
  }, [store, selector, isEqual])
  const value = useSyncExternalStore(subscribe, getSelection, getServerSelection)
  useEffect(() => {
    last.current = { has: true, value }
  }, [value])
  return value
}
