import { flushClientCache } from '../cache/clientCache.js'
import { toDecodedMessage } from '../cache/listMessagesThroughCache.js'
import { getCachedLastMessages, readCachedLastMessages } from '../cache/readCachedLastMessages.js'
import type { CachedMessage } from '../cache/cacheRecords.js'
import type { ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { KitError } from '../errors/KitError.js'
import type { Envelope } from '../transport/types.js'
import { decodeMessage } from './decodeMessage.js'
import { listMessages } from './listMessages.js'

export interface FetchLastMessagesParameters {
  conversations: readonly (Conversation | string)[]
  signal?: AbortSignal | undefined
  onError?: ((error: KitError) => void) | undefined
  /**
   * `'network'` (default): ask the network (messages the cache already verified are not decrypted again).
   * `'cache'`: the newest message the local cache knows of each conversation, with no request.
   * `'cache-then-network'`: what an inbox shows on a restart. The same batch query as `'network'`, but each
   * conversation with a cached preview is asked only for envelopes newer than it, so an unchanged
   * conversation comes back empty and costs no download, hash or decryption; the answer is the network's
   * (a newer message, verified now) or else the cached one (verified when it was stored). Pair it with
   * `source: 'cache'` to show the cached previews before this check returns.
   */
  source?: 'network' | 'cache' | 'cache-then-network' | undefined
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
  if (source !== 'network' && source !== 'cache-then-network') throw new TypeError("source must be 'network', 'cache' or 'cache-then-network'.")
  const cached = source === 'cache-then-network' ? getCachedLastMessages(client, records) : []
  const pages = await client.transport.batchQuery(
    records.map(function previewQuery(r, i) {
      return {
        contentTopic: r.conversation.topic,
        direction: 'descending' as const,
        pageSize: 1,
        // Only what is newer than the cached preview (envelope times are what the node orders by).
        startTimeNs: cached[i] ? cached[i].envelopeNs + 1n : undefined,
      }
    }),
    { signal },
  )
  const newest = async (record: ConversationRecord, envelope: Envelope, preview: CachedMessage | undefined) => {
    const { topic } = record.conversation
    try {
      return await decodeMessage(client, record, envelope)
    } catch (error) {
      if (!(error instanceof KitError)) throw error
      onError?.(error)
    }
    // The newest envelope is not a valid message: look further back for one that is (with a cached
    // preview, only as far back as it: it is the newest valid message before that).
    const older = await listMessages(client, {
      conversation: topic,
      direction: 'descending',
      pageSize: 20,
      limit: 100,
      startTimeNs: preview ? preview.envelopeNs + 1n : undefined,
      signal,
      onError,
    })
    return older[0] ?? (preview ? await toDecodedMessage(client, topic, preview) : undefined)
  }
  const answers = await Promise.all(
    records.map(function answer(record, i): Promise<DecodedMessage | undefined> | undefined {
      const envelope = pages[i]?.[0]
      if (envelope) return newest(record, envelope, cached[i])
      // Nothing newer than the cached preview (or no message at all).
      const preview = cached[i]
      return preview && toDecodedMessage(client, record.conversation.topic, preview)
    }),
  )
  // In the order asked.
  const result = new Map<string, DecodedMessage | undefined>()
  for (let i = 0; i < records.length; i++) result.set(records[i]!.conversation.topic, answers[i])
  await flushClientCache(client)
  return result
}
