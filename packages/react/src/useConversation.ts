import type { Conversation, ConversationListSnapshot, ConversationSummary } from '@xmtp-kit/client'
import { useCallback } from 'react'
import { listStoreOf } from './internal/stores.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

export interface UseConversationParameters {
  /** With a peer address: the conversation of that `context.conversationId` (default: any, newest activity first). */
  conversationId?: string | undefined
}

export interface UseConversationReturnType {
  conversation: Conversation | undefined
  /** Its inbox summary: last message, consent, unread count. */
  summary: ConversationSummary | undefined
  /** The conversation list's status: `ready` with no `conversation` means there is none (yet). */
  status: ConversationListSnapshot['status']
  error: Error | undefined
}

const isTopic = (value: string) => value.startsWith('/xmtp/')

/**
 * One conversation of the live list, by topic or by peer address (`useStartConversation` makes one that does
 * not exist yet). Updates with the list.
 *
 * @example
 * const { conversation } = useConversation(peerAddress)
 * const { messages } = useMessages(conversation)
 */
export function useConversation(peerOrTopic: string | undefined, parameters: UseConversationParameters = {}): UseConversationReturnType {
  const client = useCurrentClient()
  const { conversationId } = parameters
  const find = useCallback(
    (list: ConversationListSnapshot): ConversationSummary | undefined => {
      if (!peerOrTopic) return undefined
      if (isTopic(peerOrTopic)) return list.conversations.find((s) => s.conversation.topic === peerOrTopic)
      const peer = peerOrTopic.toLowerCase()
      return list.conversations.find(
        (s) =>
          s.conversation.peerAddress.toLowerCase() === peer &&
          (conversationId === undefined || s.conversation.context?.conversationId === conversationId),
      )
    },
    [peerOrTopic, conversationId],
  )
  const store = listStoreOf(client)
  const summary = useStore(store, find)
  const { status, error } = useStore(store, selectStatus, sameStatus)
  return { conversation: summary?.conversation, summary, status, error }
}

const selectStatus = (s: ConversationListSnapshot) => ({ status: s.status, error: s.error })
const sameStatus = (a: ReturnType<typeof selectStatus>, b: ReturnType<typeof selectStatus>) => a.status === b.status && a.error === b.error
