import type { ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { DecodedMessage } from '../conversations/types.js'
import type { CachedMessage } from './cacheRecords.js'
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

/**
 * The newest message the cache knows of each conversation (decrypted and verified when it was stored), for
 * `fetchLastMessages` with `source: 'cache-then-network'`, which then asks the network only for envelopes
 * newer than it.
 */
export function getCachedLastMessages(client: Client, records: readonly ConversationRecord[]): (CachedMessage | undefined)[] {
  const { last } = getClientCache(client)
  return records.map((record) => last.get(record.conversation.topic))
}
