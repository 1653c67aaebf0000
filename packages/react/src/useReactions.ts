import {
  type Conversation,
  ContentTypeReaction,
  isSameContentType,
  type MessageItem,
  type MessagesSnapshot,
  type Reaction,
} from '@xmtp-kit/client'
import { useCallback } from 'react'
import { useAction } from './internal/useAction.js'
import { useThread } from './internal/useThread.js'
import { useStore } from './useStore.js'

/** One reaction shown under a message: an emoji (or shortcode) and who reacted with it. */
export interface ReactionGroup {
  content: string
  schema: Reaction['schema']
  count: number
  /** Addresses, in the order they reacted. */
  senders: readonly string[]
  /** Whether this wallet is among them. */
  mine: boolean
  /** This wallet's reaction is still being sent. */
  pending: boolean
}

export interface UseReactionsParameters {
  /** The page size of the `useMessages` showing the thread. Default 30. */
  pageSize?: number | undefined
}

export interface UseReactionsReturnType {
  /** Per message id: its current reactions (an added reaction later removed by the same sender is gone). */
  reactions: ReadonlyMap<string, readonly ReactionGroup[]>
  /** Adds this wallet's reaction to a message. */
  react(messageId: string, content: string, schema?: Reaction['schema']): Promise<MessageItem | undefined>
  /** Removes this wallet's reaction. */
  unreact(messageId: string, content: string, schema?: Reaction['schema']): Promise<MessageItem | undefined>
  /** Why the last `react`/`unreact` failed (a network failure leaves the reaction `failed` in the thread). */
  error: Error | undefined
}

const EMPTY: ReadonlyMap<string, readonly ReactionGroup[]> = new Map()

/** Groups the reactions of a thread per referenced message (pure; the thread's order decides which action wins). */
export function groupReactions(messages: readonly MessageItem[]): ReadonlyMap<string, readonly ReactionGroup[]> {
  const latest = new Map<string, Map<string, { reaction: Reaction; sender: string; mine: boolean; pending: boolean }>>()
  for (const message of messages) {
    if (!isSameContentType(message.contentType, ContentTypeReaction) || message.content === undefined) continue
    const reaction = message.content as Reaction
    let perMessage = latest.get(reaction.reference)
    if (!perMessage) latest.set(reaction.reference, (perMessage = new Map()))
    const key = `${message.senderAddress.toLowerCase()}\n${reaction.schema}\n${reaction.content}`
    perMessage.delete(key)
    perMessage.set(key, { reaction, sender: message.senderAddress, mine: message.fromMe, pending: message.deliveryStatus !== 'sent' })
  }
  if (latest.size === 0) return EMPTY
  const groups = new Map<string, ReactionGroup[]>()
  for (const [reference, perMessage] of latest) {
    const byContent = new Map<string, ReactionGroup & { senders: string[] }>()
    for (const { reaction, sender, mine, pending } of perMessage.values()) {
      if (reaction.action !== 'added') continue
      const key = `${reaction.schema}\n${reaction.content}`
      const group = byContent.get(key) ?? { content: reaction.content, schema: reaction.schema, count: 0, senders: [], mine: false, pending: false }
      group.count++
      group.senders.push(sender)
      group.mine ||= mine
      group.pending ||= mine && pending
      byContent.set(key, group)
    }
    if (byContent.size > 0) groups.set(reference, [...byContent.values()])
  }
  return groups
}

const select = (snapshot: MessagesSnapshot) => groupReactions(snapshot.messages)

/**
 * The reactions of a conversation's messages, grouped per message, live, and how to add and remove this
 * wallet's (sent optimistically through the thread's store).
 *
 * @example
 * const { reactions, react } = useReactions(conversation)
 * reactions.get(message.id)?.map((r) => `${r.content} ${r.count}`)
 */
export function useReactions(conversation: Conversation | string | undefined, parameters: UseReactionsParameters = {}): UseReactionsReturnType {
  const { view, store, unavailable } = useThread(conversation, parameters.pageSize)
  const reactions = useStore(view, select)
  const action = useCallback(
    async (messageId: string, content: string, schema: Reaction['schema'], kind: Reaction['action']) => {
      if (!store) throw unavailable()
      const reaction: Reaction = { reference: messageId, action: kind, schema, content }
      const sent = (await store.send(reaction, { contentType: ContentTypeReaction })) as MessageItem
      if (sent.deliveryStatus === 'failed') throw sent.sendError ?? new Error('The reaction could not be sent.')
      return sent
    },
    [store, unavailable],
  )
  const { run, error: actionError } = useAction(action)
  const react = useCallback((id: string, content: string, schema: Reaction['schema'] = 'unicode') => run(id, content, schema, 'added'), [run])
  const unreact = useCallback((id: string, content: string, schema: Reaction['schema'] = 'unicode') => run(id, content, schema, 'removed'), [run])
  return { reactions, react, unreact, error: actionError }
}
