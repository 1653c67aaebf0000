import { flushClientCache } from '../cache/clientCache.js'
import { readCachedLastMessages } from '../cache/readCachedLastMessages.js'
import type { Client } from '../client/createClient.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { KitError } from '../errors/KitError.js'
import { decodeMessage } from './decodeMessage.js'
import { listMessages } from './listMessages.js'

export interface FetchLastMessagesParameters {
  conversations: readonly (Conversation | string)[]
  signal?: AbortSignal | undefined
  onError?: ((error: KitError) => void) | undefined
  /**
   * `'network'` (default): ask the network (messages the cache already verified are not decrypted again).
   * `'cache'`: the newest message the local cache knows of each conversation, with no request.
   */
  source?: 'network' | 'cache' | undefined
}

/**
 * The newest readable message of each conversation, for inbox previews: one batch query for all of them
 * (50 topics per request, in parallel) rather than a query per conversation. A conversation whose newest
 * envelope does not verify is read further back on its own. Results are keyed by topic.
 */
export async function fetchLastMessages(
  client: Client,
  { conversations, signal, onError, source = 'network' }: FetchLastMessagesParameters,
): Promise<Map<string, DecodedMessage | undefined>> {
  const records = conversations.map((c) => getConversationRecord(client, c))
  if (source === 'cache') return readCachedLastMessages(client, records)
  if (source !== 'network') throw new TypeError("source must be 'network' or 'cache'.")
  const pages = await client.transport.batchQuery(
    records.map((r) => ({ contentTopic: r.conversation.topic, direction: 'descending' as const, pageSize: 1 })),
    { signal },
  )
  const result = new Map<string, DecodedMessage | undefined>()
  await Promise.all(
    records.map(async (record, i) => {
      const { topic } = record.conversation
      const envelope = pages[i]?.[0]
      if (!envelope) return void result.set(topic, undefined)
      try {
        return void result.set(topic, await decodeMessage(client, record, envelope))
      } catch (error) {
        if (!(error instanceof KitError)) throw error
        onError?.(error)
      }
      // The newest envelope is not a valid message: look further back for one that is.
      const older = await listMessages(client, { conversation: topic, direction: 'descending', pageSize: 20, limit: 100, signal, onError })
      result.set(topic, older[0])
    }),
  )
  await flushClientCache(client)
  return result
}
