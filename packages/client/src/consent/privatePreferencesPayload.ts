import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { decrypt, encrypt } from '../crypto/encryption.js'
import { DecodeError } from '../errors/errors.js'
import { privatePreferences } from '../proto.js'
import { plainBytes } from '../content/plainBytes.js'

export type PrivatePreferencesAction = privatePreferences.PrivatePreferencesAction

/** What encrypts a wallet's consent actions (§11.2). Secret: never logged or exposed. */
export interface PrivatePreferencesKeys {
  /** HKDF-SHA256(identity private key, salt "XMTP_PRIVATE_PREFERENCES_ENCRYPTION"). */
  secret: Uint8Array
  /** The 65-byte uncompressed identity public key: the additional data of every payload. */
  publicKey: Uint8Array
}

const ENCRYPTION_SALT = /* @__PURE__ */ utf8ToBytes('XMTP_PRIVATE_PREFERENCES_ENCRYPTION')
const EMPTY = new Uint8Array(0)

/**
 * The consent-action keys of a (v1) identity key pair.
 *
 * @throws {TypeError} for a private key that is not 32 bytes or a public key that is not 65 bytes.
 */
export function derivePrivatePreferencesKeys(identityPrivateKey: Uint8Array, identityPublicKey: Uint8Array): PrivatePreferencesKeys {
  if (identityPrivateKey.length !== 32) throw new TypeError('identityPrivateKey must be 32 bytes.')
  if (identityPublicKey.length !== 65) throw new TypeError('identityPublicKey must be 65 bytes (uncompressed).')
  return { secret: hkdf(sha256, identityPrivateKey, ENCRYPTION_SALT, EMPTY, 32), publicKey: identityPublicKey }
}

/** `PrivatePreferencesPayload{v1: encrypt(encode(action), secret, aad = identity public key)}` (§11.2). */
export function encodePrivatePreferencesPayload(action: PrivatePreferencesAction, keys: PrivatePreferencesKeys): Uint8Array {
  const plain = privatePreferences.PrivatePreferencesAction.encode(action).finish()
  const ciphertext = encrypt(plain, keys.secret, keys.publicKey)
  return plainBytes(privatePreferences.PrivatePreferencesPayload.encode({ v1: { aes256GcmHkdfSha256: ciphertext } }).finish())
}

/**
 * Inverse of {@link encodePrivatePreferencesPayload}.
 *
 * @throws {DecodeError} for bytes that are not a v1 payload or do not hold an action.
 * @throws {DecryptionError} for a payload of another identity or a tampered one.
 */
export function decodePrivatePreferencesPayload(message: Uint8Array, keys: PrivatePreferencesKeys): PrivatePreferencesAction {
  let ciphertext
  try {
    ciphertext = privatePreferences.PrivatePreferencesPayload.decode(message).v1?.aes256GcmHkdfSha256
  } catch (cause) {
    throw new DecodeError('private preferences payload', { cause })
  }
  if (!ciphertext) throw new DecodeError('private preferences payload', { details: 'It has no v1 ciphertext.' })
  const plain = decrypt(ciphertext, keys.secret, keys.publicKey)
  try {
    return privatePreferences.PrivatePreferencesAction.decode(plain)
  } catch (cause) {
    throw new DecodeError('private preferences action', { cause })
  }
}
