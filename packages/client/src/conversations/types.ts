import type { ContentTypeId } from '../content/contentTypeId.js'
import type { KitError } from '../errors/KitError.js'
import type { ConversationContext } from './invitation.js'

export type { ConversationContext }

/** A signed opt-in that a recipient gave a sender (§8.1 `ConsentProofPayload`). */
export interface ConsentProof {
  /** 0x-hex wallet signature. */
  signature: string
  /** When it was signed, in ms since the epoch. */
  timestamp: number
}

/** A conversation with one peer: v2 (invitation, shared topic and key) or legacy v1. */
export interface Conversation {
  /** The content topic its messages are published on. */
  topic: string
  version: 'v1' | 'v2'
  /** EIP-55 address of the other wallet. */
  peerAddress: string
  /** When it was created (invitation time; first message for v1), ns since the epoch. */
  createdNs: bigint
  context: ConversationContext | undefined
  consentProof: ConsentProof | undefined
  /** True when this wallet (on any device) started it: its invitation or first message is ours. */
  createdByMe: boolean
}

/** A message read from a conversation, with its signature and sender verified. */
export interface DecodedMessage<T = unknown> {
  /** Lowercase hex sha256 of the envelope's message bytes, as the official SDK computes it. */
  id: string
  /** The conversation's topic. */
  topic: string
  senderAddress: string
  /** Sender's claimed send time, ns since the epoch (the header's `created_ns`). */
  sentNs: bigint
  contentType: ContentTypeId
  /** `undefined` when the content could not be decoded: show `fallback`; `error` says why. */
  content: T | undefined
  fallback: string | undefined
  error: KitError | undefined
  /** True for a message this client sent. */
  fromMe: boolean
}
