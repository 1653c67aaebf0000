import type { Conversation } from '@xmtp-kit/client'
import { ClientNotReadyError } from '../ClientNotReadyError.js'
import { useStore } from '../useStore.js'
import { emptyListStore, listStoreOf, type ThreadStores, threadStoresOf } from './stores.js'
import { useCurrentClient } from './useCurrentClient.js'

const listSettled = (s: { status: string }) => s.status === 'ready' || s.status === 'error'
const listSize = (s: { conversations: readonly unknown[] }) => s.conversations.length

/**
 * The thread stores of a conversation for the current client. A topic the client does not know yet (a
 * link opened before the list loaded) waits for the conversation list: `pending` until the list has
 * loaded, an error after.
 */
export function useThread(
  conversation: Conversation | string | undefined,
  pageSize: number | undefined,
): ThreadStores & { pending: boolean; unavailable: () => Error } {
  const client = useCurrentClient()
  const thread = threadStoresOf(client, conversation, pageSize)
  const list = thread.error && client ? listStoreOf(client) : emptyListStore
  // Re-render (and look the conversation up again) whenever the list changes.
  useStore(list, listSize)
  const settled = useStore(list, listSettled)
  const { error } = thread
  if (!error) return { ...thread, pending: false, unavailable: () => new ClientNotReadyError() }
  if (settled) return { ...thread, pending: false, unavailable: () => error }
  return { ...thread, error: undefined, pending: true, unavailable: () => new TypeError('Unknown conversation: the conversation list has not loaded it yet.') }
}
