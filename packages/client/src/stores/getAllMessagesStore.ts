import type { Client } from '../client/createClient.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { streamAllMessages } from '../streams/streamAllMessages.js'
import type { SubscriptionStatus } from '../transport/types.js'
import { createLiveStore, type LiveStore } from './createLiveStore.js'
import { perClient } from './perClient.js'

export interface AllMessagesSnapshot {
  /** The shared stream's connection; `idle` while nobody watches. */
  connection: SubscriptionStatus | 'idle'
  /** The last failure the stream reported (an envelope that did not decrypt, a failed backfill). */
  error: Error | undefined
}

export interface AllMessagesWatcher {
  onMessage(message: DecodedMessage): void
  /** Told of each new conversation, before its messages. */
  onConversation?: ((conversation: Conversation) => void) | undefined
}

export interface AllMessagesStore extends LiveStore<AllMessagesSnapshot> {
  /**
   * Calls `watcher` for every message of every conversation from now on; returns the function that stops.
   * Watching subscribes to the store, so the stream runs while anyone watches.
   */
  watch(watcher: AllMessagesWatcher): () => void
}

const initial: AllMessagesSnapshot = { connection: 'idle', error: undefined }

function createAllMessagesStore(client: Client): AllMessagesStore {
  const watchers = new Set<AllMessagesWatcher>()
  const each = (call: (watcher: AllMessagesWatcher) => void) => {
    for (const watcher of [...watchers]) {
      try {
        call(watcher)
      } catch (error) {
        // One consumer's failing callback must not stop the others, nor the stream.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
  const store = createLiveStore<AllMessagesSnapshot>(initial, (live) => {
    const stream = streamAllMessages(client, {
      onMessage: (message) => each((w) => w.onMessage(message)),
      onConversation: (conversation) => each((w) => w.onConversation?.(conversation)),
      onError: (error) => live.setState((s) => ({ ...s, error })),
    })
    const sync = () => live.setState((s) => ({ ...s, connection: stream.state.getSnapshot().status }))
    const stop = stream.state.subscribe(sync)
    sync()
    return () => {
      stop()
      stream.close()
      live.setState((s) => ({ ...s, connection: 'idle' }))
    }
  }) as AllMessagesStore
  store.watch = (watcher) => {
    watchers.add(watcher)
    const unsubscribe = store.subscribe(() => undefined)
    return () => {
      watchers.delete(watcher)
      unsubscribe()
    }
  }
  return store
}

const stores = perClient((client) => createAllMessagesStore(client as Client))

/**
 * One shared stream of every message of a client, for everyone who wants a callback per message (the
 * React `useStreamAllMessages`): however many watchers, one network subscription, running while watched.
 *
 * @example
 * const stop = getAllMessagesStore(client).watch({ onMessage: (m) => notify(m) })
 */
export function getAllMessagesStore(client: Client): AllMessagesStore {
  return stores(client)
}
