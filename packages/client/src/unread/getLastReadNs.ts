import type { Client } from '../client/createClient.js'
import type { Conversation } from '../conversations/types.js'
import type { UnreadState } from './types.js'
import { markerOf, resolveUnreadState, topicOf } from './unreadStore.js'

/**
 * Up to when this wallet has read `conversation` (ns since the epoch), or `undefined` if never marked.
 *
 * @throws {TypeError} if `conversation` is neither a conversation nor a topic.
 */
export function getLastReadNs(source: Client | UnreadState, conversation: Conversation | string): bigint | undefined {
  return markerOf(resolveUnreadState(source).lastReadNs, topicOf(conversation))
}
