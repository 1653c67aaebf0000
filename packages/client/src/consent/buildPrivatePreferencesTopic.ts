import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { bytesToBase64 } from '../utils/base64.js'
import { buildContentTopic } from '../utils/topics.js'

const TOPIC_SALT = /* @__PURE__ */ utf8ToBytes('XMTP_PRIVATE_PREFERENCES_TOPIC')
const EMPTY = new Uint8Array(0)

/** RFC 4648 §5 without padding: the only place XMTP uses the URL-safe alphabet (§15.9). */
const toBase64UrlNoPad = (bytes: Uint8Array) => bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/**
 * The topic where a wallet keeps its encrypted consent actions (§11.1):
 * `/xmtp/0/userpreferences-<base64url(sha256(HKDF-SHA256(identity key, "XMTP_PRIVATE_PREFERENCES_TOPIC")))>/proto`.
 * Only the owner of the identity key can compute it.
 *
 * @throws {TypeError} when `identityPrivateKey` is not 32 bytes.
 * @example
 * buildPrivatePreferencesTopic(identityPrivateKey) // '/xmtp/0/userpreferences-EBsHSM9l…/proto'
 */
export function buildPrivatePreferencesTopic(identityPrivateKey: Uint8Array): string {
  if (!(identityPrivateKey instanceof Uint8Array) || identityPrivateKey.length !== 32) {
    throw new TypeError('identityPrivateKey must be 32 bytes.')
  }
  const id = sha256(hkdf(sha256, identityPrivateKey, TOPIC_SALT, EMPTY, 32))
  return buildContentTopic(`userpreferences-${toBase64UrlNoPad(id)}`)
}
