import { equalBytes } from '@noble/curves/utils.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { decrypt, encrypt } from '../../crypto/encryption.js'
import { DecodeError, SignatureError } from '../../errors/errors.js'
import { verifyPublicKeyBundle, type PrivateKeyBundleV1, type PublicKeyBundle } from '../../identity/keyBundle.js'
import { message, publicKey } from '../../proto.js'
import { fromLong, toLong } from '../../utils/long.js'
import { buildDirectMessageTopic } from '../../utils/topics.js'
import { computeSharedSecret } from '../computeSharedSecret.js'
import { plainBytes } from '../../content/plainBytes.js'

const point = (bundle: PublicKeyBundle, key: 'identityKey' | 'preKey') => bundle[key]!.secp256k1Uncompressed!.bytes
const encodeBundle = (bundle: PublicKeyBundle) => publicKey.PublicKeyBundle.encode(bundle).finish()

/**
 * Seals a legacy v1 message (§12): header `{sender, recipient, timestamp ms}`, the content encrypted with the
 * 3-DH secret in which this side plays "sender". Content is not wrapped in `SignedContent`.
 */
export function encodeMessageV1(parameters: {
  keys: PrivateKeyBundleV1
  myBundle: PublicKeyBundle
  peerBundle: PublicKeyBundle
  /** Encoded `EncodedContent`. */
  payload: Uint8Array
  timestampMs: number
}): Uint8Array {
  const { keys, myBundle, peerBundle, payload, timestampMs } = parameters
  const headerBytes = message.MessageHeaderV1.encode({ sender: myBundle, recipient: peerBundle, timestamp: toLong(BigInt(timestampMs)) }).finish()
  const secret = computeSharedSecret({
    myIdentityKey: keys.identityKey!.secp256k1!.bytes,
    myPreKey: keys.preKeys[0]!.secp256k1!.bytes,
    peerIdentityKey: point(peerBundle, 'identityKey'),
    peerPreKey: point(peerBundle, 'preKey'),
    isRecipient: false,
  })
  const ciphertext = encrypt(payload, secret, headerBytes)
  return plainBytes(message.Message.encode({ v1: { headerBytes, ciphertext: { aes256GcmHkdfSha256: ciphertext } }, v2: undefined }).finish())
}

export interface OpenedMessageV1 {
  id: string
  senderAddress: string
  recipientAddress: string
  /** The bundle of the other party, from this side's point of view. */
  peerBundle: PublicKeyBundle
  sentNs: bigint
  payload: Uint8Array
  /** The v1 direct-message topic of the two wallets. */
  topic: string
}

/**
 * Opens a legacy v1 message (§12) after verifying both bundles in its header. When `expectedTopic` is
 * given, the message must belong to it.
 *
 * @throws {DecodeError | DecryptionError | SignatureError}
 */
export function decodeMessageV1(parameters: {
  keys: PrivateKeyBundleV1
  myBundle: PublicKeyBundle
  message: Uint8Array
  expectedTopic?: string | undefined
}): OpenedMessageV1 {
  const { keys, myBundle, expectedTopic } = parameters
  let v1: message.MessageV1 | undefined
  let header: message.MessageHeaderV1
  try {
    v1 = message.Message.decode(parameters.message).v1
    if (!v1?.ciphertext?.aes256GcmHkdfSha256) throw new Error('not a v1 message')
    header = message.MessageHeaderV1.decode(v1.headerBytes)
  } catch (cause) {
    throw new DecodeError('v1 message', { cause })
  }
  if (!header.sender || !header.recipient) throw new DecodeError('v1 message', { details: 'The header lacks a bundle.' })
  const senderAddress = verifyPublicKeyBundle(header.sender)
  const recipientAddress = verifyPublicKeyBundle(header.recipient)
  const topic = buildDirectMessageTopic(senderAddress, recipientAddress)
  if (expectedTopic !== undefined && topic !== expectedTopic) throw new SignatureError('The v1 message belongs to another conversation.')
  const mine = encodeBundle(myBundle)
  const iAmSender = equalBytes(encodeBundle(header.sender), mine)
  if (!iAmSender && !equalBytes(point(header.recipient, 'identityKey'), point(myBundle, 'identityKey'))) {
    throw new SignatureError('The v1 message is not addressed to this identity.')
  }
  const peer = iAmSender ? header.recipient : header.sender
  const secret = computeSharedSecret({
    myIdentityKey: keys.identityKey!.secp256k1!.bytes,
    myPreKey: keys.preKeys[0]!.secp256k1!.bytes,
    peerIdentityKey: point(peer, 'identityKey'),
    peerPreKey: point(peer, 'preKey'),
    isRecipient: !iAmSender,
  })
  const payload = decrypt(v1.ciphertext!.aes256GcmHkdfSha256!, secret, v1.headerBytes)
  return {
    id: bytesToHex(sha256(parameters.message)),
    senderAddress,
    recipientAddress,
    peerBundle: peer,
    sentNs: fromLong(header.timestamp) * 1_000_000n,
    payload,
    topic,
  }
}
