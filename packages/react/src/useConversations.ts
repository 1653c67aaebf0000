import type { ConversationListSnapshot, ConversationSummary, InboxFilter } from '@xmtp-kit/client'
import { useMemo } from 'react'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useFilterResults } from './internal/useFilterResults.js'
import { useInboxItems } from './internal/useInboxItems.js'

export interface UseConversationsParameters {
  /**
   * An inbox filter of `@xmtp-kit/client` (`consentIs('allowed')`, `and(…)`, `keyword(q)`, `holdsToken(…)`,
   * `custom(…)`), sync or async. Build it outside the component or with `useMemo`: an async filter runs
   * again whenever its reference changes.
   */
  filter?: InboxFilter | undefined
}

export interface UseConversationsReturnType {
  /** Newest activity first, each with its last message, consent state and unread count. */
  conversations: readonly ConversationSummary[]
  /** `idle` without a client, `loading` until the first list is in, then `ready` (or `error`). */
  status: ConversationListSnapshot['status']
  error: Error | undefined
  isLoading: boolean
  /** An async filter has not answered for every conversation yet. */
  isFiltering: boolean
  /** The live stream's connection. */
  connection: ConversationListSnapshot['connection']
}

const NO_FILTER = {} as const

/**
 * The live conversation list: new conversations, new messages, consent and read changes arrive without
 * refetching (one shared stream per client, however many components ask).
 *
 * @example
 * const { conversations, isLoading } = useConversations({ filter: inboxViews.primary })
 */
export function useConversations(parameters: UseConversationsParameters = {}): UseConversationsReturnType {
  const client = useCurrentClient()
  const { list, items } = useInboxItems(client)
  const { filter } = parameters
  const filters = useMemo(() => (filter ? { filter } : NO_FILTER), [filter]) as Readonly<Record<'filter', InboxFilter | undefined>>
  const results = useFilterResults(items, filters)
  const passes = results.passes.filter
  const conversations = useMemo(() => (passes ? items.filter((_, i) => passes[i]).map((item) => item.summary) : list.conversations), [items, passes, list.conversations])
  return {
    conversations,
    status: list.status,
    error: list.error ?? results.error,
    isLoading: list.status === 'loading' || (list.status === 'idle' && client !== undefined),
    isFiltering: results.pending,
    connection: list.connection,
  }
}
