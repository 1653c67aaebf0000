import type { ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { DecodedMessage } from '../conversations/types.js'
import { getClientCache } from './clientCache.js'
import { toDecodedMessage } from './listMessagesThroughCache.js'

/** `fetchLastMessages` with `source: 'cache'`: each conversation's newest cached message, no request. */
export async function readCachedLastMessages(client: Client, records: readonly ConversationRecord[]): Promise<Map<string, DecodedMessage | undefined>> {
  const { last } = getClientCache(client)
  const decoded = await Promise.all(
    records.map((record) => {
      const message = last.get(record.conversation.topic)
      return message ? toDecodedMessage(client, record.conversation.topic, message) : undefined
    }),
  )
  return new Map(records.map((record, i) => [record.conversation.topic, decoded[i]]))
}
