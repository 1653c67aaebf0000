import { equalBytes } from '@noble/curves/utils.js'
import { decrypt, encrypt } from '../crypto/encryption.js'
import { DecodeError, SignatureError } from '../errors/errors.js'
import { getSignedBundleKeys, verifySignedPublicKeyBundle, type PrivateKeyBundleV1, type SignedPublicKeyBundle } from '../identity/keyBundle.js'
import { invitation, publicKey } from '../proto.js'
import { fromLong, toLong } from '../utils/long.js'
import { computeSharedSecret } from './computeSharedSecret.js'
import { plainBytes } from '../content/plainBytes.js'

export type InvitationV1 = invitation.InvitationV1

/** Conversation context: an application's id for the conversation and free-form metadata. */
export interface ConversationContext {
  conversationId: string
  metadata: Record<string, string>
}

function myKeys(keys: PrivateKeyBundleV1) {
  return { identity: keys.identityKey!.secp256k1!.bytes, preKey: keys.preKeys[0]!.secp256k1!.bytes }
}

/**
 * Seals an invitation for a peer (§8.3): header `{sender, recipient, created_ns}`, encrypted with the 3-DH
 * secret in which the creator plays "sender". Returns the `SealedInvitation` bytes.
 */
export function sealInvitation(parameters: {
  keys: PrivateKeyBundleV1
  sender: SignedPublicKeyBundle
  recipient: SignedPublicKeyBundle
  createdNs: bigint
  invitation: InvitationV1
}): Uint8Array {
  const { keys, sender, recipient, createdNs } = parameters
  const headerBytes = invitation.SealedInvitationHeaderV1.encode({ sender, recipient, createdNs: toLong(createdNs) }).finish()
  const peer = getSignedBundleKeys(recipient)
  const mine = myKeys(keys)
  const secret = computeSharedSecret({
    myIdentityKey: mine.identity,
    myPreKey: mine.preKey,
    peerIdentityKey: peer.identityKey,
    peerPreKey: peer.preKey,
    isRecipient: false,
  })
  const ciphertext = encrypt(invitation.InvitationV1.encode(parameters.invitation).finish(), secret, headerBytes)
  return plainBytes(invitation.SealedInvitation.encode({ v1: { headerBytes, ciphertext: { aes256GcmHkdfSha256: ciphertext } } }).finish())
}

export interface OpenedInvitation {
  invitation: InvitationV1
  createdNs: bigint
  /** The other party's verified wallet address and bundle. */
  peerAddress: string
  peerBundle: SignedPublicKeyBundle
  /** True when this identity created the invitation. */
  sentByMe: boolean
}

/**
 * Opens a sealed invitation (§8.3) after verifying both bundles in its header, checking that the header's
 * `created_ns` equals the envelope timestamp, that one side is this identity, and that the invitation
 * carries a valid topic and 32 bytes of key material.
 *
 * @throws {DecodeError | SignatureError | DecryptionError} never with key material in the message.
 */
export function openInvitation(parameters: {
  keys: PrivateKeyBundleV1
  myBundle: SignedPublicKeyBundle
  myAddress: string
  envelopeTimestampNs: bigint
  message: Uint8Array
  /** Verifies a bundle and returns its wallet address (a cached verifier may be passed in). */
  verifyBundle?: (bundle: SignedPublicKeyBundle) => string
}): OpenedInvitation {
  const { keys, myBundle, myAddress, envelopeTimestampNs, message, verifyBundle = verifySignedPublicKeyBundle } = parameters
  let sealed: invitation.SealedInvitationV1 | undefined
  let header: invitation.SealedInvitationHeaderV1
  try {
    sealed = invitation.SealedInvitation.decode(message).v1
    if (!sealed?.ciphertext?.aes256GcmHkdfSha256) throw new Error('no v1 ciphertext')
    header = invitation.SealedInvitationHeaderV1.decode(sealed.headerBytes)
  } catch (cause) {
    throw new DecodeError('sealed invitation', { cause })
  }
  const createdNs = fromLong(header.createdNs)
  if (createdNs !== envelopeTimestampNs) {
    throw new SignatureError('Invitation header and envelope timestamps differ.')
  }
  if (!header.sender || !header.recipient) throw new DecodeError('sealed invitation', { details: 'The header lacks a bundle.' })
  const senderAddress = verifyBundle(header.sender)
  const recipientAddress = verifyBundle(header.recipient)
  const myIdentity = getSignedBundleKeys(myBundle).identityKey
  const senderKeys = getSignedBundleKeys(header.sender)
  const recipientKeys = getSignedBundleKeys(header.recipient)
  const sentByMe = equalBytes(senderKeys.identityKey, myIdentity) && senderAddress === myAddress
  if (!sentByMe && !(equalBytes(recipientKeys.identityKey, myIdentity) && recipientAddress === myAddress)) {
    throw new SignatureError('The invitation is not addressed to this identity.')
  }
  const mine = myKeys(keys)
  const myPreKeyPublic = sentByMe ? senderKeys.preKey : recipientKeys.preKey
  const preKey = keys.preKeys.find((k) => k.publicKey?.secp256k1Uncompressed && equalBytes(k.publicKey.secp256k1Uncompressed.bytes, myPreKeyPublic))
  if (!preKey?.secp256k1) throw new SignatureError('The invitation uses a pre-key this identity does not have.')
  const peer = sentByMe ? recipientKeys : senderKeys
  const secret = computeSharedSecret({
    myIdentityKey: mine.identity,
    myPreKey: preKey.secp256k1.bytes,
    peerIdentityKey: peer.identityKey,
    peerPreKey: peer.preKey,
    isRecipient: !sentByMe,
  })
  const plain = decrypt(sealed.ciphertext!.aes256GcmHkdfSha256!, secret, sealed.headerBytes)
  let opened: InvitationV1
  try {
    opened = invitation.InvitationV1.decode(plain)
  } catch (cause) {
    throw new DecodeError('invitation', { cause })
  }
  if (!isValidTopic(opened.topic)) throw new DecodeError('invitation', { details: 'Its topic is invalid.' })
  if (opened.aes256GcmHkdfSha256?.keyMaterial.length !== 32) throw new DecodeError('invitation', { details: 'Its key material is not 32 bytes.' })
  return {
    invitation: opened,
    createdNs,
    peerAddress: sentByMe ? recipientAddress : senderAddress,
    peerBundle: sentByMe ? header.recipient : header.sender,
    sentByMe,
  }
}

/** The SDK's `isValidTopic`: printable ASCII (33–127) between `/xmtp/0/` and `/proto`. */
export function isValidTopic(topic: string): boolean {
  const match = topic.match(/^\/xmtp\/0\/(.+)\/proto$/s)
  return match !== null && /^[\x21-\x7F]+$/.test(match[1]!)
}

export const encodeSignedBundle = (bundle: SignedPublicKeyBundle) => publicKey.SignedPublicKeyBundle.encode(bundle).finish()
