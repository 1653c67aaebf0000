import type { Client } from '../client/createClient.js'
import { getConsentStore } from '../consent/getConsentStore.js'
import { getConversationConsent } from '../consent/getConversationConsent.js'
import { loadConsentList } from '../consent/loadConsentList.js'
import { streamConsentList } from '../consent/streamConsentList.js'
import type { ConversationConsent } from '../consent/types.js'
import { listConversations } from '../conversations/listConversations.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { isDisplayableMessage } from '../filters/isDisplayableMessage.js'
import { fetchLastMessages } from '../messages/fetchLastMessages.js'
import { streamAllMessages } from '../streams/streamAllMessages.js'
import type { SubscriptionStatus } from '../transport/types.js'
import { getUnreadCount } from '../unread/getUnreadCount.js'
import { getUnreadStore } from '../unread/getUnreadStore.js'
import { recordReadReceipts } from '../unread/recordReadReceipts.js'
import { createLiveStore, type LiveStore } from './createLiveStore.js'
import { perClient } from './perClient.js'

/** A conversation as an inbox list shows it. */
export interface ConversationSummary {
  conversation: Conversation
  /** The newest displayable message (read receipts excluded). */
  lastMessage: DecodedMessage | undefined
  consent: ConversationConsent
  /** Messages from the peer after the last-read marker, among those this store has seen. */
  unreadCount: number
  /** Newest message time, or the conversation's creation. */
  lastActivityNs: bigint
}

export interface ConversationListSnapshot {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Newest activity first. */
  conversations: readonly ConversationSummary[]
  error: Error | undefined
  connection: SubscriptionStatus | 'idle'
}

const initial: ConversationListSnapshot = { status: 'idle', conversations: [], error: undefined, connection: 'idle' }

function createConversationListStore(client: Client): LiveStore<ConversationListSnapshot> {
  /** Messages seen per topic since the store started (for unread counts and previews). */
  const seen = new Map<string, DecodedMessage[]>()
  const conversations = new Map<string, Conversation>()

  const summarize = (conversation: Conversation): ConversationSummary => {
    const messages = seen.get(conversation.topic) ?? []
    let lastMessage: DecodedMessage | undefined
    for (const m of messages) if (isDisplayableMessage(m) && (!lastMessage || m.sentNs > lastMessage.sentNs)) lastMessage = m
    return {
      conversation,
      lastMessage,
      consent: getConversationConsent(client, conversation),
      unreadCount: getUnreadCount(client, { conversation, messages }),
      lastActivityNs: lastMessage && lastMessage.sentNs > conversation.createdNs ? lastMessage.sentNs : conversation.createdNs,
    }
  }
  // Summaries are rebuilt at most once per microtask, however many messages or consent changes arrive.
  let rebuildScheduled = false
  const rebuild = (live: LiveStore<ConversationListSnapshot>) => {
    if (rebuildScheduled) return
    rebuildScheduled = true
    queueMicrotask(() => {
      rebuildScheduled = false
      live.setState((s) => ({
        ...s,
        conversations: [...conversations.values()]
          .map(summarize)
          .sort((a, b) => (a.lastActivityNs > b.lastActivityNs ? -1 : a.lastActivityNs < b.lastActivityNs ? 1 : 0)),
      }))
    })
  }

  return createLiveStore(initial, (live) => {
    let closed = false
    live.setState((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }))
    const addMessage = (message: DecodedMessage) => {
      recordReadReceipts(client, [message])
      const list = seen.get(message.topic) ?? []
      if (!list.some((m) => m.id === message.id)) seen.set(message.topic, [...list, message])
      rebuild(live)
    }
    const stream = streamAllMessages(client, {
      onConversation: (conversation) => {
        conversations.set(conversation.topic, conversation)
        rebuild(live)
      },
      onMessage: addMessage,
    })
    const consentStream = streamConsentList(client, { onChange: () => rebuild(live) })
    const stopConsent = getConsentStore(client).subscribe(() => rebuild(live))
    const stopUnread = getUnreadStore(client).subscribe(() => rebuild(live))
    const stopConnection = stream.state.subscribe(() => live.setState((s) => ({ ...s, connection: stream.state.getSnapshot().status })))

    void (async () => {
      try {
        await loadConsentList(client)
        const listed = await listConversations(client)
        for (const c of listed) conversations.set(c.topic, c)
        const last = await fetchLastMessages(client, { conversations: listed })
        for (const message of last.values()) if (message) addMessage(message)
        if (closed) return
        rebuild(live)
        queueMicrotask(() => live.setState((s) => ({ ...s, status: 'ready', connection: stream.state.getSnapshot().status })))
      } catch (error) {
        if (!closed) live.setState((s) => ({ ...s, status: 'error', error: error as Error }))
      }
    })()
    return () => {
      closed = true
      stream.close()
      consentStream.close()
      stopConsent()
      stopUnread()
      stopConnection()
      live.setState((s) => ({ ...s, connection: 'idle' }))
    }
  })
}

const stores = perClient((client) => createConversationListStore(client as Client))

/**
 * The live inbox list of a client: every conversation with its latest message, consent and unread count,
 * newest activity first. One shared store (and one network stream) per client, running while subscribed.
 */
export function getConversationListStore(client: Client): LiveStore<ConversationListSnapshot> {
  return stores(client)
}
