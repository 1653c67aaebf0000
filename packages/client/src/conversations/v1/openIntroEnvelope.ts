import { getClientKeys } from '../../client/clientKeys.js'
import type { ConversationRecord } from '../../client/clientState.js'
import type { Client } from '../../client/createClient.js'
import type { Envelope } from '../../transport/types.js'
import { toSignedPublicKeyBundle } from '../../identity/keyBundle.js'
import { decodeMessageV1 } from './messageV1.js'

/**
 * A v1 conversation from an envelope of this wallet's intro topic (§12): the peer is the other party of a
 * message that decrypts.
 *
 * @throws {DecodeError | DecryptionError | SignatureError}
 */
export function openIntroEnvelope(client: Client, envelope: Envelope): ConversationRecord {
  const opened = decodeMessageV1({ keys: getClientKeys(client), myBundle: client.publicKeyBundle, message: envelope.message })
  const peerAddress = opened.senderAddress === client.address ? opened.recipientAddress : opened.senderAddress
  return {
    conversation: { topic: opened.topic, version: 'v1', peerAddress, createdNs: opened.sentNs, context: undefined, consentProof: undefined, createdByMe: opened.senderAddress === client.address },
    keyMaterial: undefined,
    peerLegacyBundle: opened.peerBundle,
    peerBundle: toSignedPublicKeyBundle(opened.peerBundle),
  }
}
