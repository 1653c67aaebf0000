import { getClientKeys } from '../client/clientKeys.js'
import { getClientState, type ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { recordConversationActivity } from '../consent/recordConversationActivity.js'
import { getAddress } from '../crypto/address.js'
import { KitError } from '../errors/KitError.js'
import { invitation as invitationProto } from '../proto.js'
import { toLong } from '../utils/long.js'
import { buildDirectMessageTopic, buildInviteTopic } from '../utils/topics.js'
import { createInvitation } from './createInvitation.js'
import { sealInvitation, type ConversationContext } from './invitation.js'
import { listConversations } from './listConversations.js'
import { rememberConversation } from './openInvitationEnvelope.js'
import type { ConsentProof, Conversation } from './types.js'

/** The peer has no XMTP identity on the network (yet). */
export class NotOnNetworkError extends KitError {
  override name = 'NotOnNetworkError' as const
  constructor(address: string) {
    super(`${address} is not on the XMTP network yet.`, { details: 'They need to create an XMTP identity first.' }, 'NOT_ON_NETWORK')
  }
}

export interface StartConversationParameters {
  peerAddress: string
  context?: ConversationContext | undefined
  /** A proof of the peer's opt-in to hear from this wallet (§11.3), carried in the invitation. */
  consentProof?: ConsentProof | undefined
  /**
   * Read the invite topic for an existing conversation when none is known yet. Default `true`. Pass `false`
   * only right after `listConversations` (e.g. once per batch of peers): a conversation missed here is not a
   * second conversation, since both sides derive the same topic for a pair and conversation id.
   */
  refresh?: boolean | undefined
  signal?: AbortSignal | undefined
}

function find(client: Client, peer: string, conversationId: string | undefined): Conversation | undefined {
  for (const { conversation } of getClientState(client).conversations.values()) {
    if (conversation.version === 'v2' && conversation.peerAddress === peer && conversation.context?.conversationId === conversationId) {
      return conversation
    }
  }
  return undefined
}

/**
 * The conversation with a peer for a conversation id: an existing one when there is (known, or found after
 * refreshing the invite topic), else a new one. Both sides and the official SDK derive the same topic for
 * the same pair and conversation id. A peer with only a legacy contact and no conversation id gets a v1
 * conversation, as in the SDK.
 *
 * @throws {InvalidAddressError} for a malformed address; {@link NotOnNetworkError} when the peer has no identity.
 * @throws {TypeError} when the peer is this wallet.
 */
export async function startConversation(client: Client, parameters: StartConversationParameters): Promise<Conversation> {
  const peer = getAddress(parameters.peerAddress)
  if (peer === client.address) throw new TypeError('startConversation: cannot start a conversation with yourself.')
  const { context, consentProof, refresh = true, signal } = parameters
  const conversationId = context?.conversationId
  const known = find(client, peer, conversationId)
  if (known) return known
  if (refresh) {
    await listConversations(client, { signal })
    const listed = find(client, peer, conversationId)
    if (listed) return listed
  }

  const contact = await client.getContact(peer)
  if (!contact) throw new NotOnNetworkError(peer)
  const state = getClientState(client)

  const v1Topic = buildDirectMessageTopic(client.address, peer)
  if (!context && (contact.legacyBundle || state.conversations.has(v1Topic))) {
    const existing = state.conversations.get(v1Topic)
    if (existing) return existing.conversation
    const record: ConversationRecord = {
      conversation: { topic: v1Topic, version: 'v1', peerAddress: peer, createdNs: BigInt(Date.now()) * 1_000_000n, context: undefined, consentProof: undefined, createdByMe: true },
      keyMaterial: undefined,
      peerLegacyBundle: contact.legacyBundle,
      peerBundle: contact.bundle,
    }
    return rememberConversation(client, record).record.conversation
  }

  const keys = getClientKeys(client)
  const invitation = createInvitation({
    keys,
    myAddress: client.address,
    peerAddress: peer,
    peerBundle: contact.bundle,
    context,
    consentProof: consentProof
      ? invitationProto.ConsentProofPayload.fromPartial({
          signature: consentProof.signature,
          timestamp: toLong(BigInt(consentProof.timestamp)),
          payloadVersion: invitationProto.ConsentProofPayloadVersion.CONSENT_PROOF_PAYLOAD_VERSION_1,
        })
      : undefined,
  })
  const createdNs = BigInt(Date.now()) * 1_000_000n
  const sealed = sealInvitation({ keys, sender: client.signedPublicKeyBundle, recipient: contact.bundle, createdNs, invitation })
  await client.publish(
    [
      { contentTopic: buildInviteTopic(peer), timestampNs: createdNs, message: sealed },
      { contentTopic: buildInviteTopic(client.address), timestampNs: createdNs, message: sealed },
    ],
    { signal },
  )
  const record: ConversationRecord = {
    conversation: {
      topic: invitation.topic,
      version: 'v2',
      peerAddress: peer,
      createdNs,
      context: context ? { conversationId: context.conversationId, metadata: { ...context.metadata } } : undefined,
      consentProof,
      createdByMe: true,
    },
    keyMaterial: invitation.aes256GcmHkdfSha256!.keyMaterial,
    peerLegacyBundle: undefined,
    peerBundle: contact.bundle,
  }
  const started = rememberConversation(client, record).record.conversation
  await recordConversationActivity(client, started)
  return started
}
