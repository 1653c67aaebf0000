import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import type { Envelope } from './types.js'

/**
 * An envelope's id on the network and its dedupe key: `sha256(utf8(contentTopic) || message)` (xmtp-node-go
 * `computeDigest`). The timestamp is not part of it. Query cursors carry it; pages are ordered by
 * `(timestampNs, digest)`.
 */
export function computeDigest(envelope: Pick<Envelope, 'contentTopic' | 'message'>): Uint8Array {
  return sha256.create().update(utf8ToBytes(envelope.contentTopic)).update(envelope.message).digest()
}
