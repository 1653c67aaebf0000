import { listMessagesThroughCache, type MessageSource } from '../cache/listMessagesThroughCache.js'
import type { Client } from '../client/createClient.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { KitError } from '../errors/KitError.js'
import type { SortDirection } from '../transport/types.js'
import { decodeMessage } from './decodeMessage.js'

export interface ListMessagesParameters {
  conversation: Conversation | string
  /** Inclusive bounds on the sent time, ns since the epoch. */
  startTimeNs?: bigint | undefined
  endTimeNs?: bigint | undefined
  /** Most messages to return. Default: all. */
  limit?: number | undefined
  /** Default `'ascending'` (oldest first). */
  direction?: SortDirection | undefined
  /** Envelopes per request, up to 100. Default 100. */
  pageSize?: number | undefined
  signal?: AbortSignal | undefined
  /** Called for each envelope skipped because it is malformed, tampered or forged. */
  onError?: ((error: KitError) => void) | undefined
  /**
   * `'network'` (default): every envelope from the network. `'cache'`: only the local cache, no request.
   * `'cache-then-network'`: fetches only what the cache lacks (what is new since the last sync), then
   * answers from the cache. Bounds filter on the envelope time in every mode; from the cache, `limit`
   * counts messages (the network counts envelopes, readable or not).
   */
  source?: MessageSource | undefined
}

/**
 * Reads a conversation's messages from the network, each decrypted and verified. Envelopes that fail are
 * skipped (and reported to `onError`), never shown as messages.
 */
export async function listMessages(client: Client, parameters: ListMessagesParameters): Promise<DecodedMessage[]> {
  const { conversation, startTimeNs, endTimeNs, limit, direction = 'ascending', pageSize, signal, onError, source = 'network' } = parameters
  if (source === 'cache' || source === 'cache-then-network') return listMessagesThroughCache(client, { ...parameters, source })
  if (source !== 'network') throw new TypeError("source must be 'network', 'cache' or 'cache-then-network'.")
  const record = getConversationRecord(client, conversation)
  const messages: DecodedMessage[] = []
  const pages = client.transport.query({ contentTopic: record.conversation.topic, startTimeNs, endTimeNs, direction, pageSize, limit, signal })
  for await (const page of pages) {
    for (const envelope of page.envelopes) {
      try {
        messages.push(await decodeMessage(client, record, envelope))
      } catch (error) {
        if (!(error instanceof KitError)) throw error
        onError?.(error)
      }
    }
  }
  return messages
}
