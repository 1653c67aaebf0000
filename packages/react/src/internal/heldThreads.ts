import { createStore, type Client, type DecodedMessage, type MessagesSnapshot, type Store } from '@xmtp-kit/client'
import { constantStore } from './constantStore.js'

/** Messages per topic of the threads components currently show (sent messages only). */
export type HeldThreads = ReadonlyMap<string, readonly DecodedMessage[]>

const EMPTY: HeldThreads = new Map()
export const emptyHeldThreads: Store<HeldThreads> = constantStore(EMPTY)

interface Registry {
  store: ReturnType<typeof createStore<HeldThreads>>
  holds: Map<Store<MessagesSnapshot>, { count: number; stop: () => void; topic: string; sync: (force?: boolean) => void }>
}

const registries = new WeakMap<object, Registry>()

function registryOf(client: Client): Registry {
  let registry = registries.get(client)
  if (!registry) registries.set(client, (registry = { store: createStore<HeldThreads>(EMPTY), holds: new Map() }))
  return registry
}

const sentOnly = (snapshot: MessagesSnapshot): readonly DecodedMessage[] => snapshot.messages.filter((m) => m.deliveryStatus === 'sent')

/**
 * The threads a client's components hold (each `useMessages` registers its thread while mounted), as one
 * store: what inbox statistics, unread counts and filters can see beyond each conversation's last message.
 */
export function heldThreadsOf(client: Client | undefined): Store<HeldThreads> {
  return client ? registryOf(client).store : emptyHeldThreads
}

/** Registers a thread store while a component shows it; returns the release function. */
export function holdThread(client: Client, thread: Store<MessagesSnapshot>, topic: string): () => void {
  const registry = registryOf(client)
  const put = (messages: readonly DecodedMessage[] | undefined) =>
    registry.store.setState((previous) => {
      const next = new Map(previous)
      if (messages) next.set(topic, messages)
      else next.delete(topic)
      return next
    })
  let hold = registry.holds.get(thread)
  if (hold) hold.count++
  else {
    let last: readonly DecodedMessage[] | undefined
    const sync = (force = false) => {
      const messages = sentOnly(thread.getSnapshot())
      if (!force && last && messages.length === last.length && messages.every((m, i) => m === last![i])) return
      last = messages
      put(messages)
    }
    const unsubscribe = thread.subscribe(() => sync())
    sync()
    hold = { count: 1, stop: unsubscribe, topic, sync }
    registry.holds.set(thread, hold)
  }
  let released = false
  return () => {
    if (released) return
    released = true
    const current = registry.holds.get(thread)
    if (!current || --current.count > 0) return
    registry.holds.delete(thread)
    current.stop()
    const other = [...registry.holds.values()].find((h) => h.topic === topic)
    if (other) other.sync(true)
    else put(undefined)
  }
}
