import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { buildContentTopic } from '../utils/topics.js'

const INVITATION_SALT = utf8ToBytes('__XMTP__INVITATION__SALT__XMTP__')

/** JS default sort of the two checksummed addresses (UTF-16 code units, case-sensitive), as the SDK does. */
export const sortAddresses = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a])

/**
 * The deterministic topic and key material of a v2 conversation (§8.4): both sides derive the same from
 * their 3-DH secret (the lexicographically smaller address plays "recipient"), the sorted addresses and the
 * conversation id.
 */
export function deriveConversation(secret: Uint8Array, myAddress: string, peerAddress: string, conversationId = '') {
  const sorted = sortAddresses(myAddress, peerAddress)
  const topicId = bytesToHex(hmac(sha256, secret, utf8ToBytes(conversationId + sorted.join(','))))
  const keyMaterial = hkdf(sha256, secret, INVITATION_SALT, utf8ToBytes(`0|${sorted[0]}|${sorted[1]}`), 32)
  return { topic: buildContentTopic(`m-${topicId}`), keyMaterial }
}

/** 30-day periods since the epoch, as sender HMAC keys rotate (§9.2). */
export const hmacPeriod = (nowMs: number): number => Math.floor(nowMs / 1000 / 60 / 60 / 24 / 30)

/** The sender HMAC key of an address for a period: HKDF(key material, no salt, `<period>-<address>`). */
export const deriveHmacKey = (keyMaterial: Uint8Array, period: number, address: string): Uint8Array =>
  hkdf(sha256, keyMaterial, new Uint8Array(0), utf8ToBytes(`${period}-${address}`), 32)
