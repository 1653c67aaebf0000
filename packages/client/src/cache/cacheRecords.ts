import type { ConversationRecord } from '../client/clientState.js'
import type { Conversation } from '../conversations/types.js'
import { toSignedPublicKeyBundle, type PublicKeyBundle, type SignedPublicKeyBundle } from '../identity/keyBundle.js'
import { publicKey } from '../proto.js'
import { base64ToBytes, bytesToBase64 } from '../utils/base64.js'

/**
 * A message as the cache keeps it: what decryption and verification produced (so reading it again costs
 * no crypto), plus the envelope time that syncing is keyed on. `payload` is the `EncodedContent` bytes,
 * decoded with the client's codecs on every read, so any content type round-trips.
 */
export interface CachedMessage {
  id: string
  senderAddress: string
  sentNs: bigint
  envelopeNs: bigint
  payload: Uint8Array
}

/** JSON form of a {@link CachedMessage} (cache schema v1, history format v1). */
export interface StoredMessage {
  id: string
  senderAddress: string
  sentNs: string
  envelopeNs: string
  payload: string
}

/**
 * JSON form of a conversation record: the conversation and its secret (v2 key material; v1 the peer's
 * legacy bundle, protobuf base64). A v2 record's `peerBundle` is not kept: nothing reads it once the
 * invitation is verified (messages carry their sender's bundle; sending needs only the key material), and
 * at ~400 bytes of base64 it was a third of a warm start's reading and decrypting.
 */
export interface StoredConversation {
  topic: string
  version: 'v1' | 'v2'
  peerAddress: string
  createdNs: string
  context: { conversationId: string; metadata: Record<string, string> } | null
  consentProof: { signature: string; timestamp: number } | null
  createdByMe: boolean
  keyMaterial: string | null
  peerLegacyBundle: string | null
}

/** Thrown by the parsers below for JSON that is not what the kit wrote; callers wrap it. */
export class StoredShapeError extends Error {
  override name = 'StoredShapeError'
}

const fail = (what: string): never => {
  throw new StoredShapeError(`Malformed ${what}.`)
}
/** @throws {StoredShapeError} always: `what` is malformed. */
export const failStoredShape = (what: string): never => fail(what)
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const string = (value: unknown, what: string): string => (typeof value === 'string' ? value : fail(what))
const optionalString = (value: unknown, what: string): string | null => (value === null || value === undefined ? null : string(value, what))
/** A uint64 written as a decimal string. */
export const parseNs = (value: unknown, what: string): bigint => {
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) return fail(what)
  return BigInt(value)
}
export const parseOptionalNs = (value: unknown, what: string): bigint | undefined =>
  value === null || value === undefined ? undefined : parseNs(value, what)
export const bytes = (value: unknown, what: string): Uint8Array => {
  try {
    return base64ToBytes(string(value, what))
  } catch {
    return fail(what)
  }
}

export function toStoredMessage(message: CachedMessage): StoredMessage {
  return {
    id: message.id,
    senderAddress: message.senderAddress,
    sentNs: message.sentNs.toString(),
    envelopeNs: message.envelopeNs.toString(),
    payload: bytesToBase64(message.payload),
  }
}

export function fromStoredMessage(value: unknown): CachedMessage {
  if (!isObject(value)) return fail('message')
  const id = string(value.id, 'message id')
  if (!/^[0-9a-f]{64}$/.test(id)) fail('message id')
  return {
    id,
    senderAddress: string(value.senderAddress, 'message sender'),
    sentNs: parseNs(value.sentNs, 'message time'),
    envelopeNs: parseNs(value.envelopeNs, 'message envelope time'),
    payload: bytes(value.payload, 'message payload'),
  }
}

/**
 * A conversation record read back from storage. A v1 peer bundle stays base64 until something needs it
 * (decoding protobuf bundles is slow next to the rest of a warm start); writing the record back reuses the
 * stored text unless the bundle was replaced. `peerBundle` is derived from it (v1) or unknown (v2).
 */
export class StoredConversationRecord implements ConversationRecord {
  conversation: Conversation
  keyMaterial: Uint8Array | undefined
  #legacy: PublicKeyBundle | undefined | null = null
  #signed: SignedPublicKeyBundle | undefined | null = null
  /** The stored base64, while the bundle has not been replaced. */
  storedLegacy: string | null | undefined

  constructor(conversation: Conversation, keyMaterial: Uint8Array | undefined, legacy: string | null) {
    this.conversation = conversation
    this.keyMaterial = keyMaterial
    this.storedLegacy = legacy
  }

  get peerLegacyBundle(): PublicKeyBundle | undefined {
    if (this.#legacy === null) this.#legacy = this.storedLegacy ? publicKey.PublicKeyBundle.decode(base64ToBytes(this.storedLegacy)) : undefined
    return this.#legacy
  }
  set peerLegacyBundle(bundle: PublicKeyBundle | undefined) {
    this.#legacy = bundle
    this.storedLegacy = undefined
  }
  get peerBundle(): SignedPublicKeyBundle | undefined {
    if (this.#signed === null) {
      const legacy = this.peerLegacyBundle
      this.#signed = legacy ? toSignedPublicKeyBundle(legacy) : undefined
    }
    return this.#signed
  }
  set peerBundle(bundle: SignedPublicKeyBundle | undefined) {
    this.#signed = bundle
  }
}

export function toStoredConversation(record: ConversationRecord): StoredConversation {
  const { conversation } = record
  const stored = record instanceof StoredConversationRecord ? record : undefined
  const legacy =
    stored?.storedLegacy !== undefined
      ? stored.storedLegacy
      : record.peerLegacyBundle
        ? bytesToBase64(publicKey.PublicKeyBundle.encode(record.peerLegacyBundle).finish())
        : null
  return {
    topic: conversation.topic,
    version: conversation.version,
    peerAddress: conversation.peerAddress,
    createdNs: conversation.createdNs.toString(),
    context: conversation.context ? { conversationId: conversation.context.conversationId, metadata: { ...conversation.context.metadata } } : null,
    consentProof: conversation.consentProof ? { signature: conversation.consentProof.signature, timestamp: conversation.consentProof.timestamp } : null,
    createdByMe: conversation.createdByMe,
    keyMaterial: record.keyMaterial ? bytesToBase64(record.keyMaterial) : null,
    peerLegacyBundle: legacy,
  }
}

/** A stored conversation context (`null`/absent: none). */
export function parseStoredContext(value: unknown): Conversation['context'] {
  if (value === null || value === undefined) return undefined
  if (!isObject(value) || !isObject(value.metadata)) return fail('conversation context')
  // Own properties whatever their names (a peer's invitation may use `__proto__` as a key).
  const metadata: Record<string, string> = Object.fromEntries(Object.entries(value.metadata).map(([k, v]) => [k, string(v, 'conversation metadata')]))
  return { conversationId: string(value.conversationId, 'conversation id'), metadata }
}

/** A stored consent proof (`null`/absent: none). */
export function parseStoredConsentProof(value: unknown): Conversation['consentProof'] {
  if (value === null || value === undefined) return undefined
  if (!isObject(value) || typeof value.timestamp !== 'number') return fail('consent proof')
  return { signature: string(value.signature, 'consent proof'), timestamp: value.timestamp }
}

/** A stored v1 peer bundle (base64), kept as text: `null` when absent. */
export const parseStoredLegacyBundle = (value: unknown): string | null => optionalString(value, 'peer bundle')

export function fromStoredConversation(value: unknown): StoredConversationRecord {
  if (!isObject(value)) return fail('conversation')
  const version = value.version === 'v1' || value.version === 'v2' ? value.version : fail('conversation version')
  const context = parseStoredContext(value.context)
  const consentProof = parseStoredConsentProof(value.consentProof)
  const keyMaterial = value.keyMaterial === null || value.keyMaterial === undefined ? undefined : bytes(value.keyMaterial, 'key material')
  if (version === 'v2' && keyMaterial?.length !== 32) fail('key material')
  const conversation: Conversation = {
    topic: string(value.topic, 'conversation topic'),
    version,
    peerAddress: string(value.peerAddress, 'peer address'),
    createdNs: parseNs(value.createdNs, 'conversation time'),
    context,
    consentProof,
    createdByMe: typeof value.createdByMe === 'boolean' ? value.createdByMe : fail('conversation creator'),
  }
  const legacy = parseStoredLegacyBundle(value.peerLegacyBundle)
  if (version === 'v1' && legacy === null) fail('peer bundle')
  return new StoredConversationRecord(conversation, keyMaterial, legacy)
}

/** Parses JSON bytes as an object. @throws {StoredShapeError} */
export function parseJsonObject(data: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(data))
  } catch {
    return fail(what)
  }
  return isObject(value) ? value : fail(what)
}

export const isStoredObject = isObject

const decoder = new TextDecoder('utf-8', { fatal: true })
