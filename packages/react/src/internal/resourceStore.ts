import { createLiveStore, type Store } from '@xmtp-kit/client'

export interface ResourceSnapshot<T> {
  status: 'idle' | 'loading' | 'ready' | 'error'
  data: T | undefined
  error: Error | undefined
}

export const IDLE_RESOURCE: ResourceSnapshot<never> = Object.freeze({ status: 'idle', data: undefined, error: undefined })

const caches = new WeakMap<object, Map<string, Store<ResourceSnapshot<unknown>>>>()

/**
 * A shared async value: loaded when first read by a component, shared by every component asking for the
 * same `owner` and `key`, dropped (and its load aborted) once nobody reads it.
 */
export function resourceStore<T>(owner: object, key: string, load: (signal: AbortSignal) => Promise<T>): Store<ResourceSnapshot<T>> {
  let cache = caches.get(owner)
  if (!cache) caches.set(owner, (cache = new Map()))
  const hit = cache.get(key)
  if (hit) return hit as Store<ResourceSnapshot<T>>
  const store = createLiveStore<ResourceSnapshot<T>>(IDLE_RESOURCE, (live) => {
    const controller = new AbortController()
    live.setState((s) => ({ ...s, status: 'loading', error: undefined }))
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) live.setState({ status: 'ready', data, error: undefined })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) live.setState((s) => ({ ...s, status: 'error', error: error instanceof Error ? error : new Error(String(error)) }))
      },
    )
    return () => {
      controller.abort()
      if (cache.get(key) === store) cache.delete(key)
      live.setState(IDLE_RESOURCE)
    }
  })
  cache.set(key, store as Store<ResourceSnapshot<unknown>>)
  return store
}
