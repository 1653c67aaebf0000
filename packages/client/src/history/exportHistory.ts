import { toStoredConversation } from '../cache/cacheRecords.js'
import { getClientCache, getTopicCache } from '../cache/clientCache.js'
import { getClientKeys } from '../client/clientKeys.js'
import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { listConversations } from '../conversations/listConversations.js'
import type { KitError } from '../errors/KitError.js'
import { listMessages } from '../messages/listMessages.js'
import { bytesToBase64 } from '../utils/base64.js'
import { HISTORY_FORMAT, HISTORY_VERSION, sealHistory, type HistoryDocument } from './historyFile.js'

export interface ExportHistoryParameters {
  /**
   * `'encrypted'` (default): sealed (AES-256-GCM) with a key derived from this identity's key, so only this
   * wallet can read or import it, and any alteration is refused. `'json'`: plain UTF-8 JSON, for other
   * tools. **It contains every conversation's secret key material: anyone holding the file can read every
   * message of those conversations, past and future.** Treat it like the wallet's keys.
   */
  format?: 'encrypted' | 'json' | undefined
  /** Fetch what is new from the network first, so the export is complete. Default `true`; `false` exports the cache as it is. */
  sync?: boolean | undefined
  signal?: AbortSignal | undefined
  /** Called for each envelope skipped while syncing (malformed, tampered, forged). */
  onError?: ((error: KitError) => void) | undefined
}

/** Conversations synced at a time: enough to overlap round trips, few enough not to flood the node. */
const SYNC_CONCURRENCY = 4

/**
 * Exports every conversation of this client (with its key material) and every message (content as
 * `EncodedContent` bytes, so any content type round-trips) to a file that {@link importHistory} reads back.
 * Messages are those this client verified; by default everything is first synced from the network.
 *
 * @throws {TransportError} when syncing fails.
 * @example
 * const file = await exportHistory(client)
 * // later, on any device with this wallet:
 * await importHistory(client, { data: file })
 */
export async function exportHistory(client: Client, parameters: ExportHistoryParameters = {}): Promise<Uint8Array> {
  const { format = 'encrypted', sync = true, signal, onError } = parameters
  if (format !== 'encrypted' && format !== 'json') throw new TypeError("format must be 'encrypted' or 'json'.")
  const state = getClientState(client)
  if (sync) {
    const conversations = await listConversations(client, { signal, onError })
    let next = 0
    const worker = async () => {
      while (next < conversations.length) {
        const conversation = conversations[next++]!
        await listMessages(client, { conversation, source: 'cache-then-network', signal, onError })
      }
    }
    await Promise.all(Array.from({ length: SYNC_CONCURRENCY }, worker))
  }

  const cache = getClientCache(client)
  const envelopes = new Map<string, string[]>()
  for (const [id, topic] of cache.envelopes) {
    if (topic === null) continue
    const ids = envelopes.get(topic)
    if (ids) ids.push(id)
    else envelopes.set(topic, [id])
  }
  const records = [...state.conversations.values()].sort((a, b) =>
    a.conversation.createdNs < b.conversation.createdNs ? -1 : a.conversation.createdNs > b.conversation.createdNs ? 1 : 0,
  )
  const document: HistoryDocument = { format: HISTORY_FORMAT, version: HISTORY_VERSION, address: client.address, exportedAtMs: Date.now(), conversations: [] }
  for (const record of records) {
    const { topic } = record.conversation
    const topicCache = await getTopicCache(client, topic)
    const messages = [...topicCache.messages.values()].sort((a, b) =>
      a.envelopeNs < b.envelopeNs ? -1 : a.envelopeNs > b.envelopeNs ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )
    document.conversations.push({
      ...toStoredConversation(record),
      envelopes: envelopes.get(topic) ?? [],
      messages: messages.map((m) => ({
        id: m.id,
        senderAddress: m.senderAddress,
        sentNs: m.sentNs.toString(),
        envelopeNs: m.envelopeNs.toString(),
        encodedContent: bytesToBase64(m.payload),
      })),
    })
  }
  const json = new TextEncoder().encode(JSON.stringify(document))
  if (format === 'json') return json
  return sealHistory(json, getClientKeys(client).identityKey!.secp256k1!.bytes, client.address)
}
