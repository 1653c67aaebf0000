import type { Client } from '../client/createClient.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { isDisplayableMessage } from '../filters/isDisplayableMessage.js'
import type { UnreadState } from './types.js'
import { markerOf, resolveUnreadState, topicOf } from './unreadStore.js'

export interface GetUnreadCountParameters {
  conversation: Conversation | string
  /** The conversation's messages you hold, in any order; messages of other topics are ignored. */
  messages: readonly DecodedMessage[]
}

/**
 * How many of `messages` are unread: from the peer (`fromMe` false), displayable (read receipts and removed
 * reactions excluded, see `isDisplayableMessage`) and sent after the conversation's last-read marker (all
 * of them when it was never marked). Pure over a state snapshot, or reads the client's current state.
 *
 * @throws {TypeError} if `conversation` is neither a conversation nor a topic.
 * @example
 * const count = getUnreadCount(client, { conversation, messages: await listMessages(client, { conversation }) })
 */
export function getUnreadCount(source: Client | UnreadState, { conversation, messages }: GetUnreadCountParameters): number {
  const topic = topicOf(conversation)
  const lastReadNs = markerOf(resolveUnreadState(source).lastReadNs, topic)
  let count = 0
  for (const message of messages) {
    if (message.topic !== topic || message.fromMe || !isDisplayableMessage(message)) continue
    if (lastReadNs === undefined || message.sentNs > lastReadNs) count++
  }
  return count
}
