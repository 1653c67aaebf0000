import { getClientKeys } from '../client/clientKeys.js'
import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { recordConversationActivity } from '../consent/recordConversationActivity.js'
import type { ContentCompression } from '../content/compression.js'
import type { ContentTypeId } from '../content/contentTypeId.js'
import { ContentTypeError } from '../content/ContentTypeError.js'
import { encodeContent } from '../content/encodeContent.js'
import { formatContentTypeId } from '../content/contentTypeId.js'
import { ContentTypeText } from '../content/textCodec.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { encodeMessageV1 } from '../conversations/v1/messageV1.js'
import type { Envelope } from '../transport/types.js'
import { buildIntroTopic } from '../utils/topics.js'
import { getMessageId } from './messageV2.js'
import { encodeMessageV2 } from './messageV2.js'

export interface SendMessageParameters<T = unknown> {
  conversation: Conversation | string
  content: T
  /** Default text. */
  contentType?: ContentTypeId | undefined
  compression?: ContentCompression | undefined
  /** Publish on the conversation's ephemeral topic (relayed, never stored), e.g. typing indicators. */
  ephemeral?: boolean | undefined
  signal?: AbortSignal | undefined
}

/** Time source for message timestamps: milliseconds, as the SDK sends, strictly increasing per client. */
let lastSentMs = 0
const nextTimestampMs = () => (lastSentMs = Math.max(Date.now(), lastSentMs + 1))

/**
 * Encrypts, signs and publishes a message. Resolves with the message as the peer will read it.
 *
 * @throws {ContentTypeError} when no codec handles `contentType`.
 * @throws {TransportError} when the node refuses it or cannot be reached.
 */
export async function sendMessage<T>(client: Client, parameters: SendMessageParameters<T>): Promise<DecodedMessage<T>> {
  const { content, contentType = ContentTypeText, compression, ephemeral = false, signal } = parameters
  const record = getConversationRecord(client, parameters.conversation)
  const state = getClientState(client)
  const codec = state.registry.codecFor(contentType)
  if (!codec) throw new ContentTypeError(formatContentTypeId(contentType))
  const payload = await encodeContent(content, { contentType, compression, registry: state.registry })
  const { conversation } = record
  const timestampMs = nextTimestampMs()
  const timestampNs = BigInt(timestampMs) * 1_000_000n
  let bytes: Uint8Array
  const envelopes: Envelope[] = []
  if (conversation.version === 'v2') {
    bytes = encodeMessageV2({
      keys: getClientKeys(client),
      myBundle: client.signedPublicKeyBundle,
      myAddress: client.address,
      topic: conversation.topic,
      keyMaterial: record.keyMaterial!,
      payload,
      createdNs: timestampNs,
      shouldPush: codec.shouldPush(content),
    })
    envelopes.push({ contentTopic: ephemeral ? conversation.topic.replace('/xmtp/0/m', '/xmtp/0/mE') : conversation.topic, timestampNs, message: bytes })
  } else {
    bytes = encodeMessageV1({ keys: getClientKeys(client), myBundle: client.publicKeyBundle, peerBundle: record.peerLegacyBundle!, payload, timestampMs })
    if (ephemeral) {
      envelopes.push({ contentTopic: conversation.topic.replace('/xmtp/0/dm-', '/xmtp/0/dmE-'), timestampNs, message: bytes })
    } else {
      // The first message to a peer from this client also goes to both intro topics (§12).
      if (!state.introduced.has(conversation.peerAddress)) {
        envelopes.push({ contentTopic: buildIntroTopic(conversation.peerAddress), timestampNs, message: bytes })
        envelopes.push({ contentTopic: buildIntroTopic(client.address), timestampNs, message: bytes })
      }
      envelopes.push({ contentTopic: conversation.topic, timestampNs, message: bytes })
    }
  }
  await client.publish(envelopes, { signal })
  if (conversation.version === 'v1') state.introduced.add(conversation.peerAddress)
  await recordConversationActivity(client, conversation)
  const fallback = codec.fallback(content)
  return {
    id: getMessageId(bytes),
    topic: conversation.topic,
    senderAddress: client.address,
    sentNs: timestampNs,
    contentType,
    content,
    fallback,
    error: undefined,
    fromMe: true,
  }
}
