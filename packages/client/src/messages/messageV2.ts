import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js'
import { decrypt, encrypt } from '../crypto/encryption.js'
import { signDigest, verifyDigest } from '../crypto/secp256k1.js'
import { DecodeError, SignatureError } from '../errors/errors.js'
import { getSignedBundleKeys, verifySignedPublicKeyBundle, type PrivateKeyBundleV1, type SignedPublicKeyBundle } from '../identity/keyBundle.js'
import { content as contentProto, message } from '../proto.js'
import { fromLong, toLong } from '../utils/long.js'
import { deriveHmacKey, hmacPeriod } from '../conversations/deriveConversation.js'
import { plainBytes } from '../content/plainBytes.js'

/** A message's id: lowercase hex sha256 of the envelope's message bytes (§9.2). */
export const getMessageId = (envelopeMessage: Uint8Array): string => bytesToHex(sha256(envelopeMessage))

/**
 * Seals a v2 message (§9.2): header `{topic, created_ns}`, `SignedContent` signed by the current pre-key
 * over `sha256(header ‖ payload)`, encrypted with the conversation's key material (header as AAD), and the
 * sender HMAC of the current 30-day period. Returns the `Message` bytes for the envelope.
 */
export function encodeMessageV2(parameters: {
  keys: PrivateKeyBundleV1
  myBundle: SignedPublicKeyBundle
  myAddress: string
  topic: string
  keyMaterial: Uint8Array
  /** Encoded `EncodedContent`. */
  payload: Uint8Array
  createdNs: bigint
  shouldPush: boolean
  nowMs?: number
}): Uint8Array {
  const { keys, myBundle, myAddress, topic, keyMaterial, payload, createdNs, shouldPush, nowMs = Date.now() } = parameters
  const headerBytes = message.MessageHeaderV2.encode({ createdNs: toLong(createdNs), topic }).finish()
  const signature = signDigest(sha256(concatBytes(headerBytes, payload)), keys.preKeys[0]!.secp256k1!.bytes)
  const signedBytes = contentProto.SignedContent.encode({
    payload,
    sender: myBundle,
    signature: { ecdsaCompact: signature, walletEcdsaCompact: undefined },
  }).finish()
  const ciphertext = encrypt(signedBytes, keyMaterial, headerBytes)
  const senderHmac = hmac(sha256, deriveHmacKey(keyMaterial, hmacPeriod(nowMs), myAddress), headerBytes)
  return plainBytes(
    message.Message.encode({
      v1: undefined,
      v2: { headerBytes, ciphertext: { aes256GcmHkdfSha256: ciphertext }, senderHmac, shouldPush },
    }).finish(),
  )
}

export interface OpenedMessageV2 {
  id: string
  senderAddress: string
  senderBundle: SignedPublicKeyBundle
  /** The header's `created_ns`. */
  sentNs: bigint
  /** Encoded `EncodedContent`. */
  payload: Uint8Array
}

/**
 * Opens a v2 message (§9.3): the header's topic must be the conversation's; decrypts with the key
 * material; verifies the sender's bundle and the pre-key signature over `sha256(header ‖ payload)`.
 *
 * @throws {DecodeError | DecryptionError | SignatureError} for anything malformed, tampered or forged.
 */
export function decodeMessageV2(parameters: {
  topic: string
  keyMaterial: Uint8Array
  message: Uint8Array
  verifyBundle?: (bundle: SignedPublicKeyBundle) => string
}): OpenedMessageV2 {
  const { topic, keyMaterial, verifyBundle = verifySignedPublicKeyBundle } = parameters
  let v2: message.MessageV2 | undefined
  let header: message.MessageHeaderV2
  try {
    v2 = message.Message.decode(parameters.message).v2
    if (!v2?.ciphertext?.aes256GcmHkdfSha256) throw new Error('not a v2 message')
    header = message.MessageHeaderV2.decode(v2.headerBytes)
  } catch (cause) {
    throw new DecodeError('message', { cause })
  }
  if (header.topic !== topic) throw new SignatureError('The message header names another conversation topic.')
  const signedBytes = decrypt(v2.ciphertext!.aes256GcmHkdfSha256!, keyMaterial, v2.headerBytes)
  let signed: contentProto.SignedContent
  try {
    signed = contentProto.SignedContent.decode(signedBytes)
  } catch (cause) {
    throw new DecodeError('signed content', { cause })
  }
  const signature = signed.signature?.ecdsaCompact
  if (!signed.sender || !signature) throw new SignatureError('The message is not signed.')
  const senderAddress = verifyBundle(signed.sender)
  const { preKey } = getSignedBundleKeys(signed.sender)
  if (!verifyDigest(signature, sha256(concatBytes(v2.headerBytes, signed.payload)), preKey)) {
    throw new SignatureError('The message signature does not verify.')
  }
  return {
    id: getMessageId(parameters.message),
    senderAddress,
    senderBundle: signed.sender,
    sentNs: fromLong(header.createdNs),
    payload: signed.payload,
  }
}
