import { gcm } from '@noble/ciphers/aes.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { DecryptionError } from '../errors/errors.js'

/** `Ciphertext.aes256_gcm_hkdf_sha256` (§4): payload is the AES-GCM ciphertext with its 16-byte tag. */
export interface Aes256GcmHkdfSha256 {
  hkdfSalt: Uint8Array
  gcmNonce: Uint8Array
  payload: Uint8Array
}

const EMPTY = new Uint8Array(0)

/**
 * XMTP's generic encryption: random 32-byte salt and 12-byte nonce, key = HKDF-SHA256(secret, salt, no
 * info), AES-256-GCM with optional additional data.
 */
export function encrypt(plaintext: Uint8Array, secret: Uint8Array, aad?: Uint8Array): Aes256GcmHkdfSha256 {
  const hkdfSalt = randomBytes(32)
  const gcmNonce = randomBytes(12)
  const key = hkdf(sha256, secret, hkdfSalt, EMPTY, 32)
  return { hkdfSalt, gcmNonce, payload: gcm(key, gcmNonce, aad).encrypt(plaintext) }
}

/**
 * Inverse of {@link encrypt}.
 *
 * @throws {DecryptionError} for wrong lengths, a wrong secret or any tampering.
 */
export function decrypt(ciphertext: Aes256GcmHkdfSha256, secret: Uint8Array, aad?: Uint8Array): Uint8Array {
  const { hkdfSalt, gcmNonce, payload } = ciphertext
  if (hkdfSalt.length !== 32 || gcmNonce.length !== 12 || payload.length < 16) {
    throw new DecryptionError('Ciphertext is malformed.', { details: 'Expected a 32-byte salt, a 12-byte nonce and at least a 16-byte payload.' })
  }
  const key = hkdf(sha256, secret, hkdfSalt, EMPTY, 32)
  try {
    return gcm(key, gcmNonce, aad).decrypt(payload)
  } catch (cause) {
    throw new DecryptionError(undefined, { cause })
  }
}
