import {
  type ContentTypeId,
  ContentTypeReply,
  ContentTypeText,
  type Conversation,
  isSameContentType,
  type MessageItem,
  type MessagesSnapshot,
  type Reply,
} from '@xmtp-kit/client'
import { useCallback } from 'react'
import { useAction } from './internal/useAction.js'
import { useThread } from './internal/useThread.js'
import { useStore } from './useStore.js'

export interface UseRepliesParameters {
  /** The page size of the `useMessages` showing the thread. Default 30. */
  pageSize?: number | undefined
}

export interface UseRepliesReturnType {
  /** Per message id: the replies to it, oldest first (optimistic ones included). */
  replies: ReadonlyMap<string, readonly MessageItem<Reply>[]>
  /** Replies to a message (text by default), optimistically. */
  reply<T = string>(messageId: string, content: T, contentType?: ContentTypeId): Promise<MessageItem | undefined>
  /** Why the last `reply` failed (a network failure leaves the reply `failed` in the thread). */
  error: Error | undefined
}

const EMPTY: ReadonlyMap<string, readonly MessageItem<Reply>[]> = new Map()

/** Groups the replies of a thread per referenced message (pure). */
export function groupReplies(messages: readonly MessageItem[]): ReadonlyMap<string, readonly MessageItem<Reply>[]> {
  let groups: Map<string, MessageItem<Reply>[]> | undefined
  for (const message of messages) {
    if (!isSameContentType(message.contentType, ContentTypeReply) || message.content === undefined) continue
    const { reference } = message.content as Reply
    groups ??= new Map()
    const list = groups.get(reference)
    if (list) list.push(message as MessageItem<Reply>)
    else groups.set(reference, [message as MessageItem<Reply>])
  }
  return groups ?? EMPTY
}

const select = (snapshot: MessagesSnapshot) => groupReplies(snapshot.messages)

/**
 * The replies in a conversation, grouped per message they answer, live, and how to reply.
 *
 * @example
 * const { replies, reply } = useReplies(conversation)
 * await reply(message.id, 'Agreed')
 */
export function useReplies(conversation: Conversation | string | undefined, parameters: UseRepliesParameters = {}): UseRepliesReturnType {
  const { view, store, unavailable } = useThread(conversation, parameters.pageSize)
  const replies = useStore(view, select)
  const action = useCallback(
    async (messageId: string, content: unknown, contentType: ContentTypeId = ContentTypeText) => {
      if (!store) throw unavailable()
      const value: Reply = { reference: messageId, contentType, content }
      const sent = (await store.send(value, { contentType: ContentTypeReply })) as MessageItem
      if (sent.deliveryStatus === 'failed') throw sent.sendError ?? new Error('The reply could not be sent.')
      return sent
    },
    [store, unavailable],
  )
  const { run, error: actionError } = useAction(action)
  return { replies, reply: run as UseRepliesReturnType['reply'], error: actionError }
}
