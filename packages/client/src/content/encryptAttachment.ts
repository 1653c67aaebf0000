import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js'
import { encrypt } from '../crypto/encryption.js'
import { content as contentProto } from '../proto.js'
import { ContentTypeAttachment, attachmentCodec, type Attachment } from './attachmentCodec.js'
import type { CodecLookup } from './ContentCodec.js'

/** An attachment encrypted for upload: serve `payload` at an https URL, send the rest in the message. */
export interface EncryptedAttachment {
  /** AES-256-GCM ciphertext (with tag) of the attachment's `EncodedContent`: what the URL must serve. */
  payload: Uint8Array
  /** 32 random bytes the key is derived from. Key material: keep it out of logs. */
  secret: Uint8Array
  /** 32-byte HKDF salt. */
  salt: Uint8Array
  /** 12-byte AES-GCM nonce. */
  nonce: Uint8Array
  /** Lowercase hex SHA-256 of `payload`. */
  contentDigest: string
}

/**
 * Encrypts an attachment for a remote attachment message (§10, XIP-17): its `EncodedContent` (as the
 * codec encodes it, without fallback, as the SDK's `encodeEncrypted`) under a key from
 * HKDF-SHA256(random secret, random salt, no info), AES-256-GCM, no additional data.
 *
 * @throws {TypeError} if `attachment` is not an attachment.
 * @example
 * const encrypted = encryptAttachment({ filename: 'a.png', mimeType: 'image/png', data })
 * const url = await upload(encrypted.payload)
 * const remote = { ...encrypted, url, scheme: 'https://', contentLength: data.length, filename: 'a.png' }
 */
export function encryptAttachment(attachment: Attachment, registry?: CodecLookup): EncryptedAttachment {
  const codec = registry?.codecFor(ContentTypeAttachment) ?? attachmentCodec
  const lookup: CodecLookup = registry ?? { codecFor: () => undefined }
  const encoded = codec.encode(attachment, lookup)
  const plaintext = contentProto.EncodedContent.encode({
    type: encoded.type,
    parameters: encoded.parameters,
    fallback: undefined,
    compression: undefined,
    content: encoded.content,
  }).finish()
  const secret = randomBytes(32)
  const { hkdfSalt, gcmNonce, payload } = encrypt(plaintext, secret)
  return { payload, secret, salt: hkdfSalt, nonce: gcmNonce, contentDigest: bytesToHex(sha256(payload)) }
}
