import { type Conversation, getUnreadCount, getUnreadStore, type Store, type UnreadState } from '@xmtp-kit/client'
import { useMemo } from 'react'
import { constantStore } from './internal/constantStore.js'
import { heldThreadsOf } from './internal/heldThreads.js'
import { listStoreOf } from './internal/stores.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

export interface UseUnreadCountReturnType {
  /** Unread messages of the conversation given, else of all conversations. */
  count: number
  /** Unread messages of all conversations (e.g. for an app badge). */
  total: number
  /** Unread messages per conversation topic. */
  byTopic: ReadonlyMap<string, number>
  /** Up to when (sentNs) this wallet has read the conversation given. */
  lastReadNs: bigint | undefined
  /** Up to when the peer has read it (from their newest read receipt): my messages up to there were seen. */
  peerReadNs: bigint | undefined
}

const idleUnread: Store<UnreadState> = constantStore<UnreadState>({ lastReadNs: {}, peerReadNs: {} })

/**
 * Unread counts, live: in total and per conversation. They fall when `useMarkRead` (or `markRead`) moves the
 * read marker, and rise with each message from a peer. A conversation counts the unread messages among those
 * the client has seen since it started (its latest message, and the thread when a component shows it).
 *
 * @example
 * const { total } = useUnreadCount()            // app badge
 * const { count } = useUnreadCount(conversation) // one row
 */
export function useUnreadCount(conversation?: Conversation | string | undefined): UseUnreadCountReturnType {
  const client = useCurrentClient()
  const list = useStore(listStoreOf(client))
  const held = useStore(heldThreadsOf(client))
  const unread = useStore(client ? getUnreadStore(client) : idleUnread)
  const topic = typeof conversation === 'string' ? conversation : conversation?.topic
  return useMemo(() => {
    const byTopic = new Map<string, number>()
    let total = 0
    for (const summary of list.conversations) {
      const { topic: t } = summary.conversation
      const thread = held.get(t)
      // Both are counts over part of the conversation's messages: the larger is the better answer.
      const count = Math.max(summary.unreadCount, thread ? getUnreadCount(unread, { conversation: t, messages: thread }) : 0)
      byTopic.set(t, count)
      total += count
    }
    return {
      count: topic === undefined ? total : (byTopic.get(topic) ?? 0),
      total,
      byTopic,
      lastReadNs: topic === undefined ? undefined : unread.lastReadNs[topic],
      peerReadNs: topic === undefined ? undefined : unread.peerReadNs[topic],
    }
  }, [list.conversations, held, unread, topic])
}
