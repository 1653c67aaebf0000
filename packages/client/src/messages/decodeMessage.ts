import { findCachedMessage, rememberDecodedMessage } from '../cache/clientCache.js'
import { getClientKeys } from '../client/clientKeys.js'
import { getClientState, type ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { decodeContent } from '../content/decodeContent.js'
import { decodeMessageV1 } from '../conversations/v1/messageV1.js'
import type { DecodedMessage } from '../conversations/types.js'
import type { Envelope } from '../transport/types.js'
import { decodeMessageV2 } from './messageV2.js'

/**
 * Decrypts, verifies and decodes one envelope of a conversation. Content the client has no codec for is
 * returned with its fallback and `error`, not thrown.
 *
 * @throws {DecodeError | DecryptionError | SignatureError} when the envelope is malformed, tampered or forged.
 */
export async function decodeMessage(client: Client, record: ConversationRecord, envelope: Envelope): Promise<DecodedMessage> {
  const state = getClientState(client)
  const { topic } = record.conversation
  // A message already decrypted and verified (same envelope bytes, same topic) costs no crypto again.
  let opened: { id: string; senderAddress: string; sentNs: bigint; payload: Uint8Array } | undefined = findCachedMessage(client, topic, envelope)
  if (!opened) {
    if (record.conversation.version === 'v2') {
      opened = decodeMessageV2({ topic, keyMaterial: record.keyMaterial!, message: envelope.message, verifyBundle: state.verifyBundle })
    } else {
      opened = decodeMessageV1({ keys: getClientKeys(client), myBundle: client.publicKeyBundle, message: envelope.message, expectedTopic: topic })
    }
    rememberDecodedMessage(client, topic, opened, envelope)
  }
  const content = await decodeContent(opened.payload, state.registry)
  return {
    id: opened.id,
    topic,
    senderAddress: opened.senderAddress,
    sentNs: opened.sentNs,
    contentType: content.contentType,
    content: content.content,
    fallback: content.fallback,
    error: content.error,
    fromMe: opened.senderAddress === client.address,
  }
}
