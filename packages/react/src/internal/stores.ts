import {
  getConversationListStore,
  getMessagesStore,
  type Client,
  type Conversation,
  type ConversationListSnapshot,
  type MessageItem,
  type MessagesSnapshot,
  type MessagesStore,
  type Store,
} from '@xmtp-kit/client'
import { coalesceStore } from './coalesceStore.js'
import { constantStore } from './constantStore.js'

/** The list store's snapshot before it starts (also what a server renders). */
export const EMPTY_LIST: ConversationListSnapshot = Object.freeze({ status: 'idle', conversations: [], error: undefined, connection: 'idle' })
export const EMPTY_MESSAGES: MessagesSnapshot = Object.freeze({
  status: 'idle',
  messages: [],
  hasOlder: false,
  loadingOlder: false,
  error: undefined,
  connection: 'idle',
})
export const emptyListStore: Store<ConversationListSnapshot> = constantStore(EMPTY_LIST)
export const emptyMessagesStore: Store<MessagesSnapshot> = constantStore(EMPTY_MESSAGES)

const listIsUrgent = (a: ConversationListSnapshot, b: ConversationListSnapshot) =>
  a.status !== b.status || a.error !== b.error || a.connection !== b.connection

/** The client's shared conversation list, bursts coalesced. */
export function listStoreOf(client: Client | undefined): Store<ConversationListSnapshot> {
  return client ? coalesceStore(getConversationListStore(client), { urgent: listIsUrgent }) : emptyListStore
}

/** Keys and delivery states of the optimistic messages not yet sent (they sort last), as one string. */
const localState = (messages: readonly MessageItem[]) => {
  let state = ''
  for (let i = messages.length - 1; i >= 0 && messages[i]!.deliveryStatus !== 'sent'; i--) state += `${messages[i]!.key}:${messages[i]!.deliveryStatus};`
  return state
}

/** Local actions and statuses show at once; only messages arriving from the network wait. */
const messagesAreUrgent = (a: MessagesSnapshot, b: MessagesSnapshot) =>
  a.status !== b.status ||
  a.error !== b.error ||
  a.connection !== b.connection ||
  a.loadingOlder !== b.loadingOlder ||
  a.hasOlder !== b.hasOlder ||
  localState(a.messages) !== localState(b.messages)

export interface ThreadStores {
  /** What components read: the thread's store with network bursts coalesced. */
  view: Store<MessagesSnapshot>
  /** The shared store itself, for sending and paging; `undefined` without client or conversation. */
  store: MessagesStore | undefined
  /** Why the thread cannot be shown (a conversation this client does not know). */
  error: Error | undefined
}

const cache = new WeakMap<object, Map<string, ThreadStores>>()

/** The shared thread store of a conversation (one per client, conversation and page size), never throwing. */
export function threadStoresOf(client: Client | undefined, conversation: Conversation | string | undefined, pageSize: number | undefined): ThreadStores {
  if (!client || conversation === undefined) return { view: emptyMessagesStore, store: undefined, error: undefined }
  const key = `${typeof conversation === 'string' ? conversation : conversation.topic}\n${pageSize ?? ''}`
  let byKey = cache.get(client)
  if (!byKey) cache.set(client, (byKey = new Map()))
  const hit = byKey.get(key)
  if (hit) return hit
  let result: ThreadStores
  try {
    const store = getMessagesStore(client, conversation, pageSize === undefined ? {} : { pageSize })
    result = { view: coalesceStore(store, { urgent: messagesAreUrgent }), store, error: undefined }
  } catch (error) {
    // Not cached: the conversation may become known (listed, streamed) later.
    return { view: emptyMessagesStore, store: undefined, error: error as Error }
  }
  byKey.set(key, result)
  return result
}
