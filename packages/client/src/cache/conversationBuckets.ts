import { bytesToHex } from '@noble/hashes/utils.js'
import type { ConversationRecord } from '../client/clientState.js'
import type { Conversation } from '../conversations/types.js'
import { base64ToBytes } from '../utils/base64.js'
import {
  failStoredShape as fail,
  fromStoredConversation,
  fromStoredMessage,
  isStoredObject,
  parseJsonObject,
  parseStoredConsentProof,
  parseStoredContext,
  parseStoredLegacyBundle,
  StoredConversationRecord,
  toStoredConversation,
  type CachedMessage,
} from './cacheRecords.js'

/** A conversation as a bucket keeps it: its record, the invite/intro envelopes that gave it, its preview. */
export interface BucketEntry {
  record: ConversationRecord
  /** Hex ids ({@link ENVELOPE_ID_BYTES} bytes) of the envelopes that yielded it. */
  ids: readonly string[]
  last: CachedMessage | undefined
}

/** Invite/intro envelope ids: the first 16 bytes of sha256 of the envelope's message. */
export const ENVELOPE_ID_BYTES = 16
const HEX_ID = /^[0-9a-f]{32}$/

/**
 * A stored list of envelope ids: an array of hex ids, or (as schema 1 first stored them) the base64 of
 * their concatenated bytes.
 */
export function readIds(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return []
  if (typeof value === 'string') {
    const all = base64ToBytes(value)
    if (all.length % ENVELOPE_ID_BYTES !== 0) throw new TypeError('Bad envelope id list.')
    const ids: string[] = []
    for (let i = 0; i < all.length; i += ENVELOPE_ID_BYTES) ids.push(bytesToHex(all.subarray(i, i + ENVELOPE_ID_BYTES)))
    return ids
  }
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && HEX_ID.test(id))) throw new TypeError('Bad envelope id list.')
  return value as string[]
}

/*
 * Compact bucket (cache schema 2): what a restart reads first, so it is laid out to be read with one
 * JSON.parse of short arrays and no per-field decoding.
 *
 *   [0x02] [u32 LE: n] [n bytes: UTF-8 JSON {"conversations": [tuple, …]}] [binary section]
 *
 * tuple: [topic, version (1 | 2), peerAddress, flags, at, ids, last, extra]
 *   flags: bit 0 createdByMe, bit 1 has key material;
 *   at:    offset in the binary section of: createdNs (u64 LE), key material (32 bytes, if flagged), and,
 *          with a preview, its sentNs (u64 LE), envelopeNs (u64 LE) and payload;
 *   ids:   hex ids of the invite/intro envelopes that gave the conversation;
 *   last:  null, or [id, sender (0: the peer, 1: this wallet, else the address), payload length];
 *   extra: null, or {context?, consentProof?, peerLegacyBundle?} in their JSON form (rare).
 * Numbers are u64 and bytes are raw, not decimal or base64 text: nothing to parse but the JSON, and the
 * previews' payloads are views of one buffer per bucket.
 */
const COMPACT_BUCKET = 2
const CREATED_BY_ME = 1
const HAS_KEY_MATERIAL = 2
const KEY_MATERIAL_BYTES = 32

const encoder = new TextEncoder()

/** A bucket's plaintext in the compact form. `me`: this wallet's address (a preview's usual sender). */
export function encodeBucket(entries: readonly BucketEntry[], me: string): Uint8Array {
  let size = 0
  for (const { record, last } of entries) size += 8 + (record.keyMaterial ? KEY_MATERIAL_BYTES : 0) + (last ? 16 + last.payload.length : 0)
  const binary = new Uint8Array(size)
  const view = new DataView(binary.buffer)
  let at = 0
  const tuples = entries.map(({ record, ids, last }) => {
    const { conversation } = record
    const start = at
    view.setBigUint64(at, conversation.createdNs, true)
    at += 8
    const keyMaterial = record.keyMaterial
    if (keyMaterial) {
      if (keyMaterial.length !== KEY_MATERIAL_BYTES) throw new TypeError('Key material must be 32 bytes.')
      binary.set(keyMaterial, at)
      at += KEY_MATERIAL_BYTES
    }
    let stored: [string, string | 0 | 1, number] | null = null
    if (last) {
      view.setBigUint64(at, last.sentNs, true)
      view.setBigUint64(at + 8, last.envelopeNs, true)
      binary.set(last.payload, at + 16)
      at += 16 + last.payload.length
      const sender = last.senderAddress === conversation.peerAddress ? 0 : last.senderAddress === me ? 1 : last.senderAddress
      stored = [last.id, sender, last.payload.length]
    }
    let extra: Record<string, unknown> | null = null
    if (conversation.context || conversation.consentProof || conversation.version === 'v1') {
      const { context, consentProof, peerLegacyBundle } = toStoredConversation(record)
      extra = { context, consentProof, peerLegacyBundle }
    }
    const flags = (conversation.createdByMe ? CREATED_BY_ME : 0) | (keyMaterial ? HAS_KEY_MATERIAL : 0)
    return [conversation.topic, conversation.version === 'v1' ? 1 : 2, conversation.peerAddress, flags, start, ids, stored, extra]
  })
  const json = encoder.encode(JSON.stringify({ conversations: tuples }))
  const out = new Uint8Array(5 + json.length + binary.length)
  out[0] = COMPACT_BUCKET
  new DataView(out.buffer).setUint32(1, json.length, true)
  out.set(json, 5)
  out.set(binary, 5 + json.length)
  return out
}

/**
 * A bucket's entries, from its plaintext in either form: compact, or the JSON of schema 1. `compact` says
 * which (a schema 1 bucket is rewritten compactly with the next save).
 *
 * @throws {StoredShapeError | TypeError} for anything malformed: the caller drops the whole bucket.
 */
export function decodeBucket(plaintext: Uint8Array, me: string): { entries: BucketEntry[]; compact: boolean } {
  if (plaintext[0] !== COMPACT_BUCKET) {
    const bucket = parseJsonObject(plaintext, 'conversation bucket')
    if (!Array.isArray(bucket.conversations)) fail('conversation bucket')
    const entries = (bucket.conversations as unknown[]).map((value): BucketEntry => {
      const extra = value as { envelopes?: unknown; last?: unknown }
      const record = fromStoredConversation(value)
      return { record, ids: readIds(extra.envelopes), last: extra.last === null || extra.last === undefined ? undefined : fromStoredMessage(extra.last) }
    })
    return { entries, compact: false }
  }
  if (plaintext.length < 5) fail('conversation bucket')
  const length = new DataView(plaintext.buffer, plaintext.byteOffset + 1, 4).getUint32(0, true)
  if (5 + length > plaintext.length) fail('conversation bucket')
  const bucket = parseJsonObject(plaintext.subarray(5, 5 + length), 'conversation bucket')
  // Its own buffer: the previews' payloads are views of it, and the JSON text is not kept alive by them.
  const binary = plaintext.slice(5 + length)
  const view = new DataView(binary.buffer)
  const tuples = bucket.conversations
  if (!Array.isArray(tuples)) fail('conversation bucket')
  const entries: BucketEntry[] = []
  for (let i = 0; i < (tuples as unknown[]).length; i++) entries.push(decodeEntry((tuples as unknown[])[i], binary, view, me))
  return { entries, compact: true }
}

/** One compact tuple (see {@link decodeBucket}); `binary` is the bucket's binary section. */
function decodeEntry(tuple: unknown, binary: Uint8Array, view: DataView, me: string): BucketEntry {
  if (!Array.isArray(tuple) || tuple.length !== 8) fail('conversation')
  // Indexed, not destructured: a destructuring pattern iterates (allocates) until the code is optimised.
  const t = tuple as unknown[]
  const topic = t[0]
  const version = t[1]
  const peerAddress = t[2]
  const flags = t[3]
  const at = t[4]
  const ids = t[5]
  const stored = t[6]
  const extra = t[7]
  if (typeof topic !== 'string' || typeof peerAddress !== 'string' || (version !== 1 && version !== 2)) fail('conversation')
  if (typeof flags !== 'number' || typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) fail('conversation')
  const hasKeyMaterial = ((flags as number) & HAS_KEY_MATERIAL) !== 0
  let offset = at as number
  if (offset + 8 + (hasKeyMaterial ? KEY_MATERIAL_BYTES : 0) > binary.length) fail('conversation')
  const createdNs = view.getBigUint64(offset, true)
  offset += 8
  let keyMaterial: Uint8Array | undefined
  if (hasKeyMaterial) {
    keyMaterial = binary.subarray(offset, offset + KEY_MATERIAL_BYTES)
    offset += KEY_MATERIAL_BYTES
  }
  if (version === 2 && !keyMaterial) fail('key material')
  let context: Conversation['context']
  let consentProof: Conversation['consentProof']
  let legacy: string | null = null
  if (extra !== null) {
    if (!isStoredObject(extra)) return fail('conversation')
    context = parseStoredContext(extra.context)
    consentProof = parseStoredConsentProof(extra.consentProof)
    legacy = parseStoredLegacyBundle(extra.peerLegacyBundle)
  }
  if (version === 1 && legacy === null) fail('peer bundle')
  const conversation: Conversation = {
    topic: topic as string,
    version: version === 1 ? 'v1' : 'v2',
    peerAddress: peerAddress as string,
    createdNs,
    context,
    consentProof,
    createdByMe: ((flags as number) & CREATED_BY_ME) !== 0,
  }
  let last: CachedMessage | undefined
  if (stored !== null) {
    if (!Array.isArray(stored) || stored.length !== 3) return fail('message')
    const id = stored[0] as unknown
    const sender = stored[1] as unknown
    const length = stored[2] as unknown
    if (typeof id !== 'string' || id.length !== 64 || typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) return fail('message')
    if (offset + 16 + length > binary.length) fail('message')
    const senderAddress = sender === 0 ? conversation.peerAddress : sender === 1 ? me : typeof sender === 'string' ? sender : fail('message sender')
    last = {
      id,
      senderAddress,
      sentNs: view.getBigUint64(offset, true),
      envelopeNs: view.getBigUint64(offset + 8, true),
      payload: binary.subarray(offset + 16, offset + 16 + length),
    }
  }
  return { record: new StoredConversationRecord(conversation, keyMaterial, legacy), ids: readIds(ids), last }
}
