import { getClientState, type ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { Conversation } from './types.js'

/**
 * The client's record of a conversation it has listed, started or streamed.
 *
 * @throws {TypeError} for a conversation this client does not know.
 */
export function getConversationRecord(client: Client, conversation: Conversation | string): ConversationRecord {
  const topic = typeof conversation === 'string' ? conversation : conversation.topic
  const record = getClientState(client).conversations.get(topic)
  if (!record) throw new TypeError(`Unknown conversation: list, start or stream it with this client first.`)
  return record
}
