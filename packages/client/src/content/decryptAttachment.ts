import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { decrypt } from '../crypto/encryption.js'
import { ContentTypeAttachment, attachmentCodec, type Attachment } from './attachmentCodec.js'
import type { CodecLookup } from './ContentCodec.js'
import { ContentDigestError } from './ContentDigestError.js'
import { ContentTypeError } from './ContentTypeError.js'
import { formatContentTypeId, isSameContentType } from './contentTypeId.js'
import { createCodecRegistry } from './createCodecRegistry.js'
import { decodeContent, type DecodeContentOptions } from './decodeContent.js'
import type { EncryptedAttachment } from './encryptAttachment.js'

/**
 * Checks an encrypted attachment against its digest, decrypts it and decodes the attachment inside.
 * `registry` defaults to one holding only the attachment codec.
 *
 * @throws {ContentDigestError} if `payload` does not hash to `contentDigest` (replaced or corrupted file).
 * @throws {DecryptionError} for a wrong key or malformed salt/nonce.
 * @throws {DecodeError} if the plaintext is not a readable attachment.
 * @throws {ContentTypeError} if the plaintext is not an attachment.
 * @throws {PayloadTooLargeError} if compressed content inflates past `options.maxDecompressedBytes`.
 */
export async function decryptAttachment(
  encrypted: EncryptedAttachment,
  registry: CodecLookup = createCodecRegistry([attachmentCodec]),
  options: DecodeContentOptions = {},
): Promise<Attachment> {
  const { payload, secret, salt, nonce, contentDigest } = encrypted
  if (!(payload instanceof Uint8Array)) throw new TypeError('encrypted.payload must be a Uint8Array.')
  if (typeof contentDigest !== 'string') throw new TypeError('encrypted.contentDigest must be a string.')
  if (bytesToHex(sha256(payload)) !== contentDigest.toLowerCase()) throw new ContentDigestError()
  const plaintext = decrypt({ hkdfSalt: salt, gcmNonce: nonce, payload }, secret)
  const decoded = await decodeContent(plaintext, registry, options)
  if (decoded.error) throw decoded.error
  if (!isSameContentType(decoded.contentType, ContentTypeAttachment)) {
    throw new ContentTypeError(formatContentTypeId(decoded.contentType), { details: 'A remote attachment must hold an attachment.' })
  }
  return decoded.content as Attachment
}
