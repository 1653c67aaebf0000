import { PayloadTooLargeError } from '../errors/errors.js'
import type { Envelope } from './types.js'

/** Longest content topic a node accepts, in UTF-8 bytes (xmtp-node-go `MaxContentTopicNameSize`). */
export const MAX_TOPIC_BYTES = 300

/** Largest envelope `message` a node accepts, in bytes: 1 MiB less headroom (xmtp-node-go `MaxMessageSize`). */
export const MAX_MESSAGE_BYTES = 1048576 - 300 - 62

const UINT64_MAX = (1n << 64n) - 1n

const encoder = /* @__PURE__ */ new TextEncoder()

/**
 * Checks a content topic before it is sent: a non-empty string of at most {@link MAX_TOPIC_BYTES} UTF-8 bytes.
 *
 * @throws {TypeError} if `topic` is not a non-empty string.
 * @throws {PayloadTooLargeError} if it is longer than the node accepts.
 */
export function assertTopic(topic: unknown, name = 'contentTopic'): asserts topic is string {
  if (typeof topic !== 'string' || topic === '') throw new TypeError(`${name} must be a non-empty string.`)
  // Cheap bound first: a UTF-8 character takes at most 3 bytes per UTF-16 code unit.
  if (topic.length * 3 > MAX_TOPIC_BYTES) {
    const size = encoder.encode(topic).length
    if (size > MAX_TOPIC_BYTES) throw new PayloadTooLargeError('Content topic', size, MAX_TOPIC_BYTES)
  }
}

/**
 * Checks envelopes before they are published (xmtp-js refuses an empty topic or message; the node refuses
 * oversized ones): non-empty topic ≤ 300 bytes, uint64 timestamp, non-empty message ≤ {@link MAX_MESSAGE_BYTES}.
 *
 * @throws {TypeError} naming the offending field.
 * @throws {PayloadTooLargeError} for a topic or message larger than the node accepts.
 */
export function assertEnvelopes(envelopes: readonly Envelope[]): void {
  if (!Array.isArray(envelopes)) throw new TypeError('envelopes must be an array.')
  envelopes.forEach((envelope, i) => {
    assertTopic(envelope?.contentTopic, `envelopes[${i}].contentTopic`)
    const { timestampNs, message } = envelope
    if (typeof timestampNs !== 'bigint' || timestampNs < 0n || timestampNs > UINT64_MAX) {
      throw new TypeError(`envelopes[${i}].timestampNs must be a uint64 bigint.`)
    }
    if (!(message instanceof Uint8Array)) throw new TypeError(`envelopes[${i}].message must be a Uint8Array.`)
    if (message.length === 0) throw new TypeError(`envelopes[${i}].message must not be empty.`)
    if (message.length > MAX_MESSAGE_BYTES) throw new PayloadTooLargeError('Envelope message', message.length, MAX_MESSAGE_BYTES)
  })
}

/**
 * Checks a subscription's topic list and returns it without duplicates, in order.
 *
 * @throws {TypeError} / {PayloadTooLargeError} as {@link assertTopic}.
 */
export function normalizeTopics(topics: readonly string[]): readonly string[] {
  if (!Array.isArray(topics)) throw new TypeError('topics must be an array of strings.')
  topics.forEach((topic, i) => assertTopic(topic, `topics[${i}]`))
  return Object.freeze([...new Set(topics)])
}
