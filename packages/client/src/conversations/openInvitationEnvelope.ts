import { markConversationChanged } from '../cache/clientCache.js'
import { getClientKeys } from '../client/clientKeys.js'
import { getClientState, type ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { Envelope } from '../transport/types.js'
import { fromLong } from '../utils/long.js'
import { openInvitation } from './invitation.js'

/**
 * Opens an envelope from this client's invite topic into a conversation record.
 *
 * @throws {DecodeError | DecryptionError | SignatureError} for anything malformed, tampered or forged.
 */
export function openInvitationEnvelope(client: Client, envelope: Envelope): ConversationRecord {
  const state = getClientState(client)
  const opened = openInvitation({
    keys: getClientKeys(client),
    myBundle: client.signedPublicKeyBundle,
    myAddress: client.address,
    envelopeTimestampNs: envelope.timestampNs,
    message: envelope.message,
    verifyBundle: state.verifyBundle,
  })
  const { invitation } = opened
  const proof = invitation.consentProof
  return {
    conversation: {
      topic: invitation.topic,
      version: 'v2',
      peerAddress: opened.peerAddress,
      createdNs: opened.createdNs,
      context: invitation.context
        ? { conversationId: invitation.context.conversationId, metadata: { ...invitation.context.metadata } }
        : undefined,
      consentProof: proof && proof.signature ? { signature: proof.signature, timestamp: Number(fromLong(proof.timestamp)) } : undefined,
      createdByMe: opened.sentByMe,
    },
    keyMaterial: invitation.aes256GcmHkdfSha256!.keyMaterial,
    peerLegacyBundle: undefined,
    peerBundle: opened.peerBundle,
  }
}

/**
 * Records a conversation unless its topic is already known (first seen wins, as in the SDK). Returns the
 * record now stored for the topic and whether it is new.
 */
export function rememberConversation(client: Client, record: ConversationRecord): { record: ConversationRecord; added: boolean } {
  const known = getClientState(client).conversations
  const existing = known.get(record.conversation.topic)
  if (existing) return { record: existing, added: false }
  known.set(record.conversation.topic, record)
  markConversationChanged(client, record.conversation.topic)
  return { record, added: true }
}
