import type { Conversation, MessageItem, MessagesSnapshot } from '@xmtp-kit/client'
import { useCallback, useEffect } from 'react'
import { holdThread } from './internal/heldThreads.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useThread } from './internal/useThread.js'
import { useStore } from './useStore.js'

export interface UseMessagesParameters {
  /** Messages per page, for the first load and each `loadOlder()`. Default 30. */
  pageSize?: number | undefined
}

export interface UseMessagesReturnType {
  /** Oldest first; optimistic sends (`deliveryStatus` `pending` or `failed`) last. Keys are stable: use `key`. */
  messages: readonly MessageItem[]
  /** `idle` without a client or conversation, `loading` until the latest page is in, then `ready` (or `error`). */
  status: MessagesSnapshot['status']
  error: Error | undefined
  isLoading: boolean
  /** Whether older messages may exist on the network. */
  hasOlder: boolean
  loadingOlder: boolean
  /** Loads the page before the oldest message shown. */
  loadOlder(): Promise<void>
  /** The live stream's connection. */
  connection: MessagesSnapshot['connection']
}

/**
 * A conversation's live thread: the latest page, then new messages as they arrive (one shared stream per
 * conversation, however many components show it). A burst of incoming messages renders once or twice, not
 * once per message.
 *
 * @example
 * const { messages, hasOlder, loadOlder } = useMessages(conversation, { pageSize: 50 })
 */
export function useMessages(conversation: Conversation | string | undefined, parameters: UseMessagesParameters = {}): UseMessagesReturnType {
  const client = useCurrentClient()
  const { view, store, error, pending } = useThread(conversation, parameters.pageSize)
  const snapshot = useStore(view)
  const topic = store ? (typeof conversation === 'string' ? conversation : conversation?.topic) : undefined
  useEffect(() => {
    if (client && store && topic) return holdThread(client, view, topic)
  }, [client, store, view, topic])
  const loadOlder = useCallback(async () => {
    await store?.loadOlder()
  }, [store])
  const status = error ? 'error' : pending ? 'loading' : snapshot.status
  return {
    messages: snapshot.messages,
    status,
    error: error ?? snapshot.error,
    isLoading: status === 'loading' || (status === 'idle' && store !== undefined),
    hasOlder: snapshot.hasOlder,
    loadingOlder: snapshot.loadingOlder,
    loadOlder,
    connection: snapshot.connection,
  }
}
