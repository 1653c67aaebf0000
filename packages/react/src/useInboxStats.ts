import { computeInboxMetrics, type ConversationListSnapshot, type DecodedMessage, type InboxMetrics } from '@xmtp-kit/client'
import { useMemo } from 'react'
import { heldThreadsOf } from './internal/heldThreads.js'
import { listStoreOf } from './internal/stores.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

export interface UseInboxStatsReturnType {
  /** Volumes, reply rate, per-peer activity (see `computeInboxMetrics`). */
  metrics: InboxMetrics
  status: ConversationListSnapshot['status']
}

/**
 * Inbox statistics computed on the device, live, over what the client holds: every conversation with its
 * latest message, and the threads components show. Nothing is sent anywhere.
 *
 * @example
 * const { metrics } = useInboxStats()
 * `${metrics.conversationCount} conversations, ${Math.round((metrics.replyRate ?? 0) * 100)}% answered`
 */
export function useInboxStats(): UseInboxStatsReturnType {
  const client = useCurrentClient()
  const list = useStore(listStoreOf(client))
  const held = useStore(heldThreadsOf(client))
  const address = client?.address ?? ''
  const metrics = useMemo(() => {
    const messagesByTopic = new Map<string, readonly DecodedMessage[]>()
    for (const { conversation, lastMessage } of list.conversations) {
      const thread = held.get(conversation.topic)
      messagesByTopic.set(conversation.topic, thread && lastMessage && !thread.some((m) => m.id === lastMessage.id) ? [...thread, lastMessage] : (thread ?? (lastMessage ? [lastMessage] : [])))
    }
    return computeInboxMetrics({ conversations: list.conversations.map((s) => s.conversation), messagesByTopic, myAddress: address })
  }, [list.conversations, held, address])
  return { metrics, status: list.status }
}
