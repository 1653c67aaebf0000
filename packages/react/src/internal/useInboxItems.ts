import type { Client, ConversationListSnapshot, ConversationSummary, InboxItem } from '@xmtp-kit/client'
import { useMemo } from 'react'
import { useStore } from '../useStore.js'
import { type HeldThreads, heldThreadsOf } from './heldThreads.js'
import { listStoreOf } from './stores.js'

/** An inbox filter's view of a conversation summary. */
export interface SummaryItem extends InboxItem {
  summary: ConversationSummary
}

/** The conversation list of `client` and its items for inbox filters (messages: the held thread, else the last one). */
export function useInboxItems(client: Client | undefined): { list: ConversationListSnapshot; held: HeldThreads; items: readonly SummaryItem[] } {
  const list = useStore(listStoreOf(client))
  const held = useStore(heldThreadsOf(client))
  const address = client?.address
  const items = useMemo(
    () =>
      list.conversations.map(
        (summary): SummaryItem => ({
          summary,
          conversation: summary.conversation,
          consent: summary.consent,
          messages: held.get(summary.conversation.topic) ?? (summary.lastMessage ? [summary.lastMessage] : []),
          myAddress: address ?? '',
          unreadCount: summary.unreadCount,
        }),
      ),
    [list.conversations, held, address],
  )
  return { list, held, items }
}
