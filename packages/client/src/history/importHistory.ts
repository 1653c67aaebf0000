import { fromStoredConversation, fromStoredMessage, isStoredObject, parseJsonObject, type CachedMessage } from '../cache/cacheRecords.js'
import { addCachedMessage, flushClientCache, getClientCache, getTopicCache, markConversationChanged, markTopicChanged } from '../cache/clientCache.js'
import { getClientKeys } from '../client/clientKeys.js'
import { getClientState, type ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { rememberConversation } from '../conversations/openInvitationEnvelope.js'
import { HISTORY_FORMAT, HISTORY_VERSION, isEncryptedHistory, openHistory } from './historyFile.js'
import { HistoryImportError } from './HistoryImportError.js'

export interface ImportHistoryParameters {
  /** A file from {@link exportHistory}. */
  data: Uint8Array
  /**
   * Accept a plain JSON export. Nothing authenticates one: whoever can hand the user a file could make
   * invented messages appear as verified. Default `false`: only encrypted exports are accepted.
   */
  allowPlainJson?: boolean | undefined
}

export interface ImportHistoryReturnType {
  /** Conversations this client did not know before. */
  conversations: number
  /** Messages this client did not have before. */
  messages: number
}

interface ParsedConversation {
  record: ConversationRecord
  envelopes: string[]
  messages: CachedMessage[]
}

function parse(json: Uint8Array, address: string): ParsedConversation[] {
  let document: Record<string, unknown>
  try {
    document = parseJsonObject(json, 'history')
  } catch (cause) {
    throw new HistoryImportError('malformed', 'This is not a history export.', { cause })
  }
  if (document.format !== HISTORY_FORMAT || typeof document.version !== 'number') {
    throw new HistoryImportError('malformed', 'This is not a history export.')
  }
  if (document.version > HISTORY_VERSION) {
    throw new HistoryImportError('unsupported-version', 'The history file was written by a newer version of the kit.', {
      details: `Format ${document.version}; this version reads up to ${HISTORY_VERSION}.`,
    })
  }
  if (document.address !== address) throw new HistoryImportError('wrong-wallet', 'This history belongs to another wallet.')
  if (!Array.isArray(document.conversations)) throw new HistoryImportError('malformed', 'The history file has no conversations.')
  try {
    return document.conversations.map((value: unknown): ParsedConversation => {
      if (!isStoredObject(value) || !Array.isArray(value.messages)) throw new TypeError('Malformed conversation.')
      const envelopes = Array.isArray(value.envelopes) ? value.envelopes : []
      if (!envelopes.every((id): id is string => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))) throw new TypeError('Malformed envelope id.')
      const messages = value.messages.map((m: unknown) => {
        if (!isStoredObject(m)) throw new TypeError('Malformed message.')
        return fromStoredMessage({ ...m, payload: m.encodedContent })
      })
      return { record: fromStoredConversation(value), envelopes, messages }
    })
  } catch (cause) {
    throw new HistoryImportError('malformed', 'The history file is damaged.', { cause })
  }
}

/**
 * Imports a file from {@link exportHistory} into this client and its cache: conversations (deduplicated by
 * topic, those already known win) and messages (deduplicated by id). Nothing is imported unless the whole
 * file is valid. Afterwards, listing skips the invitations the file accounts for (no ECDH), and syncing a
 * conversation downloads envelopes but decrypts only the ones the file lacked.
 *
 * @throws {HistoryImportError} for a damaged, altered, foreign or newer file, or plain JSON without `allowPlainJson`.
 * @example
 * const { conversations, messages } = await importHistory(client, { data: file })
 */
export async function importHistory(client: Client, parameters: ImportHistoryParameters): Promise<ImportHistoryReturnType> {
  const { data, allowPlainJson = false } = parameters
  if (!(data instanceof Uint8Array)) throw new TypeError('data must be a Uint8Array.')
  const encrypted = isEncryptedHistory(data)
  if (!encrypted && !allowPlainJson) {
    throw new HistoryImportError('plain-json-not-allowed', 'This is not an encrypted history export.', {
      details: 'Pass `allowPlainJson: true` to import a plain JSON export you trust.',
    })
  }
  const json = encrypted ? await openHistory(data, getClientKeys(client).identityKey!.secp256k1!.bytes, client.address) : data
  const parsed = parse(json, client.address)

  const state = getClientState(client)
  const cache = getClientCache(client)
  let conversations = 0
  let messages = 0
  for (const { record, envelopes, messages: incoming } of parsed) {
    const { topic } = record.conversation
    if (!state.conversations.has(topic)) {
      rememberConversation(client, record)
      conversations++
    }
    // Only an authenticated file may say which invitations were already opened.
    if (encrypted) {
      for (const id of envelopes) if (!cache.envelopes.has(id)) cache.envelopes.set(id, topic)
      if (envelopes.length > 0) markConversationChanged(client, topic)
    }
    if (incoming.length === 0) continue
    const topicCache = await getTopicCache(client, topic)
    for (const message of incoming) {
      if (topicCache.messages.has(message.id)) continue
      addCachedMessage(client, topic, message)
      messages++
    }
    markTopicChanged(client, topic)
  }
  await flushClientCache(client)
  return { conversations, messages }
}
