import type { Client } from '../client/createClient.js'
import type { DecodedMessage } from '../conversations/types.js'
import { getUnreadCount } from './getUnreadCount.js'
import type { UnreadState } from './types.js'
import { resolveUnreadState } from './unreadStore.js'

export interface GetTotalUnreadCountParameters {
  /** Messages per conversation topic, as an object or a `Map`. */
  messagesByTopic: Readonly<Record<string, readonly DecodedMessage[]>> | ReadonlyMap<string, readonly DecodedMessage[]>
}

/**
 * The sum of `getUnreadCount` over every topic of `messagesByTopic`, e.g. for an app badge.
 *
 * @example
 * const badge = getTotalUnreadCount(client, { messagesByTopic })
 */
export function getTotalUnreadCount(source: Client | UnreadState, { messagesByTopic }: GetTotalUnreadCountParameters): number {
  const state = resolveUnreadState(source)
  const entries = messagesByTopic instanceof Map ? messagesByTopic.entries() : Object.entries(messagesByTopic)
  let total = 0
  for (const [topic, messages] of entries) total += getUnreadCount(state, { conversation: topic, messages })
  return total
}
