import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { decodeContent } from '../content/decodeContent.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { DecodedMessage } from '../conversations/types.js'
import { KitError } from '../errors/KitError.js'
import { decodeMessage } from '../messages/decodeMessage.js'
import type { ListMessagesParameters } from '../messages/listMessages.js'
import type { QueryParameters } from '../transport/types.js'
import type { CachedMessage } from './cacheRecords.js'
import { flushClientCache, getTopicCache, markTopicChanged, messageId, RESYNC_OVERLAP_NS, type TopicCache } from './clientCache.js'

/**
 * Where `listMessages` reads: `'network'` (default) reads every envelope from the network; `'cache'` reads
 * only what the local cache holds, with no request; `'cache-then-network'` first fetches what the cache
 * lacks for the request (only envelopes newer than the last sync, less a 10 s overlap, plus older ones when
 * the request reaches back past what was ever read) and then answers from the cache.
 */
export type MessageSource = 'network' | 'cache' | 'cache-then-network'

/**
 * A cached message as `listMessages` returns it: content decoded with the client's codecs now. (Not an
 * async function: previews call this a thousand times per start, and one promise fewer each counts.)
 */
export function toDecodedMessage(client: Client, topic: string, message: CachedMessage): Promise<DecodedMessage> {
  return decodeContent(message.payload, getClientState(client).registry).then(function withContent(content): DecodedMessage {
    return {
      id: message.id,
      topic,
      senderAddress: message.senderAddress,
      sentNs: message.sentNs,
      contentType: content.contentType,
      content: content.content,
      fallback: content.fallback,
      error: content.error,
      fromMe: message.senderAddress === client.address,
    }
  })
}

const byEnvelopeTime = (a: CachedMessage, b: CachedMessage) =>
  a.envelopeNs < b.envelopeNs ? -1 : a.envelopeNs > b.envelopeNs ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

const inRange = (m: CachedMessage, low: bigint | undefined, high: bigint | undefined) =>
  (low === undefined || m.envelopeNs >= low) && (high === undefined || m.envelopeNs <= high)

/** `listMessages` with `source: 'cache'` or `'cache-then-network'`. */
export async function listMessagesThroughCache(
  client: Client,
  parameters: ListMessagesParameters & { source: 'cache' | 'cache-then-network' },
): Promise<DecodedMessage[]> {
  const { conversation, startTimeNs, endTimeNs, limit, direction = 'ascending', source } = parameters
  if (direction !== 'ascending' && direction !== 'descending') throw new TypeError("direction must be 'ascending' or 'descending'.")
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) throw new TypeError('limit must be a non-negative integer.')
  const record = getConversationRecord(client, conversation)
  const { topic } = record.conversation
  const topicCache = await getTopicCache(client, topic)
  if (source === 'cache-then-network' && limit !== 0) {
    await syncTopic(client, topicCache, parameters)
    await flushClientCache(client)
  }
  const selected = [...topicCache.messages.values()].filter((m) => inRange(m, startTimeNs, endTimeNs)).sort(byEnvelopeTime)
  if (direction === 'descending') selected.reverse()
  const page = limit === undefined ? selected : selected.slice(0, limit)
  return Promise.all(page.map((m) => toDecodedMessage(client, topic, m)))
}

/**
 * Brings a conversation's cache up to date for a request. Coverage is one span, from `fromNs` to the
 * present as of the last sync: extended forwards from `syncedNs` (less the overlap, for envelopes that
 * reach the node late), and backwards only as far as the request needs.
 */
async function syncTopic(client: Client, topicCache: TopicCache, parameters: ListMessagesParameters): Promise<void> {
  const { startTimeNs, endTimeNs, limit, direction = 'ascending', pageSize, signal, onError } = parameters
  const record = getConversationRecord(client, topicCache.topic)
  const { topic } = topicCache

  /** Reads envelopes into the cache; decrypts only those it has not seen. */
  const ingest = async (query: Omit<QueryParameters, 'contentTopic'>) => {
    let count = 0
    let oldest: bigint | undefined
    let newest: bigint | undefined
    for await (const page of client.transport.query({ contentTopic: topic, pageSize, signal, ...query })) {
      for (const envelope of page.envelopes) {
        count++
        if (oldest === undefined || envelope.timestampNs < oldest) oldest = envelope.timestampNs
        if (newest === undefined || envelope.timestampNs > newest) newest = envelope.timestampNs
        const id = messageId(envelope)
        if (topicCache.messages.has(id) || topicCache.refused.has(id)) continue
        try {
          // Verified, then recorded in the topic cache by decodeMessage itself.
          await decodeMessage(client, record, envelope)
        } catch (error) {
          if (!(error instanceof KitError)) throw error
          topicCache.refused.add(id)
          onError?.(error)
        }
      }
    }
    return { count, oldest, newest }
  }
  const advance = (newest: bigint | undefined) => {
    if (newest !== undefined && (topicCache.syncedNs === undefined || newest > topicCache.syncedNs)) topicCache.syncedNs = newest
  }

  const low = startTimeNs ?? 0n
  if (topicCache.fromNs !== undefined) {
    const resume = topicCache.syncedNs === undefined ? topicCache.fromNs : topicCache.syncedNs - RESYNC_OVERLAP_NS
    const start = resume > topicCache.fromNs ? resume : topicCache.fromNs
    advance((await ingest({ direction: 'ascending', startTimeNs: start > 0n ? start : undefined })).newest)
  } else if (direction === 'descending' && limit !== undefined) {
    // Only the newest messages are wanted (a conversation being opened): read that many, not its history.
    // One more than asked: envelopes may share the oldest one's time, so coverage starts just after it.
    const read = await ingest({ direction: 'descending', limit: limit + 1 })
    advance(read.newest)
    topicCache.fromNs = read.count <= limit || read.oldest === undefined ? 0n : read.oldest + 1n
  } else {
    const read = await ingest({ direction: 'ascending', startTimeNs: low > 0n ? low : undefined })
    advance(read.newest)
    topicCache.fromNs = low
  }
  markTopicChanged(client, topic)

  // Reach back past the covered span when the request needs older messages.
  while (topicCache.fromNs > low) {
    const from: bigint = topicCache.fromNs
    if (direction === 'descending' && limit !== undefined) {
      let covered = 0
      for (const m of topicCache.messages.values()) if (m.envelopeNs >= from && inRange(m, startTimeNs, endTimeNs)) covered++
      if (covered >= limit) return
      const wanted = limit - covered + 1
      const read = await ingest({ direction: 'descending', startTimeNs, endTimeNs: from - 1n, limit: wanted })
      const next = read.count < wanted || read.oldest === undefined ? low : read.oldest + 1n
      // More envelopes than `limit` share one timestamp: read the rest of the span in one go.
      if (next >= from) {
        await ingest({ direction: 'ascending', startTimeNs, endTimeNs: from - 1n })
        topicCache.fromNs = low
      } else topicCache.fromNs = next
    } else {
      await ingest({ direction: 'ascending', startTimeNs, endTimeNs: from - 1n })
      topicCache.fromNs = low
    }
  }
}
