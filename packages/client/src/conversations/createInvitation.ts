import { getSignedBundleKeys, type PrivateKeyBundleV1, type SignedPublicKeyBundle } from '../identity/keyBundle.js'
import type { invitation } from '../proto.js'
import { deriveConversation } from './deriveConversation.js'
import type { ConversationContext, InvitationV1 } from './invitation.js'
import { computeSharedSecret } from './computeSharedSecret.js'

/**
 * The invitation to a v2 conversation with a peer (§8.4): a deterministic topic and key material, so that
 * both sides (and the official SDK) arrive at the same conversation for the same pair and conversation id.
 */
export function createInvitation(parameters: {
  keys: PrivateKeyBundleV1
  myAddress: string
  peerAddress: string
  peerBundle: SignedPublicKeyBundle
  context?: ConversationContext | undefined
  consentProof?: invitation.ConsentProofPayload | undefined
}): InvitationV1 {
  const { keys, myAddress, peerAddress, peerBundle, context, consentProof } = parameters
  const peer = getSignedBundleKeys(peerBundle)
  const secret = computeSharedSecret({
    myIdentityKey: keys.identityKey!.secp256k1!.bytes,
    myPreKey: keys.preKeys[0]!.secp256k1!.bytes,
    peerIdentityKey: peer.identityKey,
    peerPreKey: peer.preKey,
    isRecipient: myAddress < peerAddress,
  })
  const { topic, keyMaterial } = deriveConversation(secret, myAddress, peerAddress, context?.conversationId ?? '')
  return {
    topic,
    context: context ? { conversationId: context.conversationId, metadata: { ...context.metadata } } : undefined,
    aes256GcmHkdfSha256: { keyMaterial },
    consentProof,
  }
}
