import type { Client } from '../client/createClient.js'
import type { ContentCompression } from '../content/compression.js'
import type { ContentTypeId } from '../content/contentTypeId.js'
import { ContentTypeText } from '../content/textCodec.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { listMessages } from '../messages/listMessages.js'
import { sendMessage } from '../messages/sendMessage.js'
import { streamMessages } from '../streams/streamMessages.js'
import type { SubscriptionStatus } from '../transport/types.js'
import { recordReadReceipts } from '../unread/recordReadReceipts.js'
import { createLiveStore, type LiveStore } from './createLiveStore.js'
import { perClient } from './perClient.js'

export type MessageDeliveryStatus = 'sent' | 'pending' | 'failed'

/** A message in a thread: sent (read from the network or acknowledged by it), or an optimistic local one. */
export type MessageItem<T = unknown> = DecodedMessage<T> & {
  /** Stable list key: the local id of a message sent from here (kept once sent), else the message id. */
  key: string
  deliveryStatus: MessageDeliveryStatus
  /** Why the last attempt to send failed. */
  sendError: Error | undefined
}

export interface MessagesSnapshot {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Oldest first; pending and failed sends last. */
  messages: readonly MessageItem[]
  /** Whether older messages may exist on the network. */
  hasOlder: boolean
  loadingOlder: boolean
  error: Error | undefined
  /** The live stream's connection. */
  connection: SubscriptionStatus | 'idle'
}

export interface SendOptions {
  contentType?: ContentTypeId | undefined
  compression?: ContentCompression | undefined
}

export interface MessagesStore extends LiveStore<MessagesSnapshot> {
  /** Loads the page of messages before the oldest one held. */
  loadOlder(): Promise<void>
  /** Sends optimistically: the message shows as `pending` at once, then `sent` or `failed`. */
  send<T>(content: T, options?: SendOptions): Promise<MessageItem<T>>
  /** Sends a failed message again. */
  resend(key: string): Promise<void>
  /** Drops a pending or failed message (a pending publish is aborted). */
  cancel(key: string): void
}

const initial: MessagesSnapshot = { status: 'idle', messages: [], hasOlder: false, loadingOlder: false, error: undefined, connection: 'idle' }

const compare = (a: MessageItem, b: MessageItem) => {
  const pa = a.deliveryStatus === 'sent' ? 0 : 1
  const pb = b.deliveryStatus === 'sent' ? 0 : 1
  if (pa !== pb) return pa - pb
  return a.sentNs < b.sentNs ? -1 : a.sentNs > b.sentNs ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const toItem = (message: DecodedMessage): MessageItem => ({ ...message, key: message.id, deliveryStatus: 'sent', sendError: undefined })

let localIds = 0

function createMessagesStore(client: Client, topic: string, pageSize: number): MessagesStore {
  const pendingSends = new Map<string, { content: unknown; options: SendOptions; abort: AbortController }>()

  /** Adds network messages, skipping any already held (by id, including acknowledged local sends). */
  const merge = (store: LiveStore<MessagesSnapshot>, incoming: readonly DecodedMessage[]) => {
    if (incoming.length === 0) return
    recordReadReceipts(client, incoming)
    store.setState((s) => {
      const known = new Set(s.messages.map((m) => m.id))
      const added = incoming.filter((m) => !known.has(m.id)).map(toItem)
      if (added.length === 0) return s
      return { ...s, messages: [...s.messages, ...added].sort(compare) }
    })
  }

  const store = createLiveStore<MessagesSnapshot>(initial, (live) => {
    let closed = false
    live.setState((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }))
    const stream = streamMessages(client, {
      conversation: topic,
      onMessage: (message) => merge(live, [message]),
      onError: () => undefined,
    })
    const stopConnection = stream.state.subscribe(() => live.setState((s) => ({ ...s, connection: stream.state.getSnapshot().status })))
    void (async () => {
      try {
        // Subscribe first, then read the latest page: nothing published in between is lost (dedupe by id).
        await stream.ready
        // Nodes answer at most 100 rows per request: larger pages take several.
        const latest = await listMessages(client, { conversation: topic, direction: 'descending', limit: pageSize, pageSize: Math.min(100, pageSize) })
        if (closed) return
        merge(live, latest)
        live.setState((s) => ({ ...s, status: 'ready', hasOlder: latest.length === pageSize, connection: stream.state.getSnapshot().status }))
      } catch (error) {
        if (!closed) live.setState((s) => ({ ...s, status: 'error', error: error as Error }))
      }
    })()
    return () => {
      closed = true
      stopConnection()
      stream.close()
      live.setState((s) => ({ ...s, connection: 'idle' }))
    }
  }) as MessagesStore

  const update = (key: string, change: (item: MessageItem) => MessageItem | undefined) =>
    store.setState((s) => {
      const messages: MessageItem[] = []
      for (const item of s.messages) {
        if (item.key !== key) messages.push(item)
        else {
          const next = change(item)
          if (next) messages.push(next)
        }
      }
      return { ...s, messages: messages.sort(compare) }
    })

  const attempt = async (key: string) => {
    const pending = pendingSends.get(key)
    if (!pending) return
    update(key, (item) => ({ ...item, deliveryStatus: 'pending', sendError: undefined }))
    try {
      const sent = await sendMessage(client, {
        conversation: topic,
        content: pending.content,
        contentType: pending.options.contentType,
        compression: pending.options.compression,
        signal: pending.abort.signal,
      })
      pendingSends.delete(key)
      store.setState((s) => {
        // The stream may have delivered the same message already: keep one, under the local key.
        const messages = s.messages.filter((m) => m.id !== sent.id || m.key === key)
        return { ...s, messages: messages.map((m) => (m.key === key ? { ...sent, key, deliveryStatus: 'sent' as const, sendError: undefined } : m)).sort(compare) }
      })
    } catch (error) {
      if (!pendingSends.has(key)) return // cancelled
      pending.abort = new AbortController()
      update(key, (item) => ({ ...item, deliveryStatus: 'failed', sendError: error as Error }))
    }
  }

  store.send = async <T>(content: T, options: SendOptions = {}) => {
    getConversationRecord(client, topic)
    const key = `local-${++localIds}`
    const contentType = options.contentType ?? ContentTypeText
    pendingSends.set(key, { content, options, abort: new AbortController() })
    const item: MessageItem<T> = {
      id: '',
      key,
      topic,
      senderAddress: client.address,
      sentNs: BigInt(Date.now()) * 1_000_000n,
      contentType,
      content,
      fallback: undefined,
      error: undefined,
      fromMe: true,
      deliveryStatus: 'pending',
      sendError: undefined,
    }
    store.setState((s) => ({ ...s, messages: [...s.messages, item as MessageItem].sort(compare) }))
    await attempt(key)
    return (store.getSnapshot().messages.find((m) => m.key === key) ?? item) as MessageItem<T>
  }
  store.resend = (key) => attempt(key)
  store.cancel = (key) => {
    const pending = pendingSends.get(key)
    if (!pending) return
    pendingSends.delete(key)
    pending.abort.abort()
    update(key, () => undefined)
  }
  store.loadOlder = async () => {
    const { messages, hasOlder, loadingOlder } = store.getSnapshot()
    const oldest = messages.find((m) => m.deliveryStatus === 'sent')
    if (!hasOlder || loadingOlder || !oldest) return
    store.setState((s) => ({ ...s, loadingOlder: true }))
    try {
      // Inclusive bound: messages sharing the oldest one's time are read again and dropped by id.
      const sameTime = messages.filter((m) => m.sentNs === oldest.sentNs).length
      const older = await listMessages(client, { conversation: topic, direction: 'descending', endTimeNs: oldest.sentNs, limit: pageSize + sameTime, pageSize: Math.min(100, pageSize + sameTime) })
      merge(store, older)
      store.setState((s) => ({ ...s, loadingOlder: false, hasOlder: older.length === pageSize + sameTime }))
    } catch (error) {
      store.setState((s) => ({ ...s, loadingOlder: false, error: error as Error }))
    }
  }
  return store
}

const stores = perClient((client, key) => {
  const [topic, size] = key.split('\n')
  return createMessagesStore(client as Client, topic!, Number(size))
})

/**
 * The live thread of a conversation, shared by everyone who asks for it with the same page size: one
 * network stream however many components show the conversation. It loads the latest page and streams new
 * messages while it has subscribers.
 *
 * @throws {TypeError} for a conversation this client does not know.
 */
export function getMessagesStore(client: Client, conversation: Conversation | string, { pageSize = 30 }: { pageSize?: number } = {}): MessagesStore {
  const { topic } = getConversationRecord(client, conversation).conversation
  return stores(client, `${topic}\n${pageSize}`)
}
