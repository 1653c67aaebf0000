import type { Client } from '../client/createClient.js'
import type { Conversation } from '../conversations/types.js'
import type { UnreadState } from './types.js'
import { markerOf, resolveUnreadState, topicOf } from './unreadStore.js'

/**
 * Up to when the peer has read `conversation` (the `sentNs` of the newest read receipt from them that
 * `recordReadReceipts` saw), or `undefined`. My messages with `sentNs` at or before it are "seen".
 *
 * @throws {TypeError} if `conversation` is neither a conversation nor a topic.
 * @example
 * const seen = message.fromMe && message.sentNs <= (getPeerReadNs(client, conversation) ?? -1n)
 */
export function getPeerReadNs(source: Client | UnreadState, conversation: Conversation | string): bigint | undefined {
  return markerOf(resolveUnreadState(source).peerReadNs, topicOf(conversation))
}
