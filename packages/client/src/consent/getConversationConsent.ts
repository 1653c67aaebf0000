import type { Client } from '../client/createClient.js'
import type { Conversation } from '../conversations/types.js'
import { getConsentRecord } from './consentRecord.js'
import { getConsentState } from './getConsentState.js'
import type { ConversationConsent } from './types.js'

/**
 * Where a conversation belongs: `denied` when its peer is denied; `allowed` when the peer is allowed or this
 * wallet started the conversation or this client sent a message in it (the SDK and the kit allow the peer then);
 * otherwise `requested`. Reads local state: load or stream the consent list first.
 *
 * @example
 * const requests = conversations.filter((c) => getConversationConsent(client, c) === 'requested')
 */
export function getConversationConsent(client: Client, conversation: Conversation): ConversationConsent {
  const state = getConsentState(client, conversation.peerAddress)
  if (state !== 'unknown') return state
  return conversation.createdByMe || getConsentRecord(client).active.has(conversation.topic) ? 'allowed' : 'requested'
}
