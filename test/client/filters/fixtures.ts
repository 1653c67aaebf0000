import {
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeReadReceipt,
  ContentTypeReply,
  ContentTypeText,
  type ContentTypeId,
  type Conversation,
  type DecodedMessage,
  getAddress,
} from '@xmtp-kit/client'
// Not exported from the package index yet: imported from source until the lead adds the export lines.
import type { InboxConsentState, InboxItem } from '../../../packages/client/src/filters/types.js'

/** Fixture builders for conversations, messages and inbox items: plain data, no network, no keys. */

/** EIP-55 addresses, as the client reports peers. */
export const ME = getAddress('0x1111111111111111111111111111111111111111')
export const ALICE = getAddress('0xa11ce00000000000000000000000000000000a11')
export const BOB = getAddress('0xb0b0000000000000000000000000000000000b0b')
export const CAROL = getAddress('0xca20100000000000000000000000000000000Ca0')

let counter = 0
const nextId = () => (++counter).toString(16).padStart(64, '0')

export function buildConversation(overrides: Partial<Conversation> = {}): Conversation {
  const peerAddress = overrides.peerAddress ?? ALICE
  return {
    topic: overrides.topic ?? `/xmtp/0/m-${nextId()}/proto`,
    version: 'v2',
    peerAddress,
    createdNs: 1_000n,
    context: undefined,
    consentProof: undefined,
    createdByMe: false,
    ...overrides,
  }
}

export interface BuildMessageParameters<T> {
  conversation: Conversation
  /** Default: the peer. */
  fromMe?: boolean
  sentNs: bigint
  content?: T
  contentType?: ContentTypeId
  fallback?: string | undefined
  senderAddress?: string
  id?: string
}

export function buildMessage<T = string>(parameters: BuildMessageParameters<T>): DecodedMessage<T> {
  const { conversation, fromMe = false, sentNs } = parameters
  return {
    id: parameters.id ?? nextId(),
    topic: conversation.topic,
    senderAddress: parameters.senderAddress ?? (fromMe ? ME : conversation.peerAddress),
    sentNs,
    contentType: parameters.contentType ?? ContentTypeText,
    content: 'content' in parameters ? parameters.content : ('hello' as T),
    fallback: parameters.fallback,
    error: undefined,
    fromMe,
  }
}

export const text = (conversation: Conversation, sentNs: bigint, content: string, fromMe = false) =>
  buildMessage({ conversation, sentNs, content, fromMe })

export const readReceipt = (conversation: Conversation, sentNs: bigint, fromMe = false) =>
  buildMessage({ conversation, sentNs, content: {}, contentType: ContentTypeReadReceipt, fromMe })

export const reaction = (conversation: Conversation, sentNs: bigint, emoji: string, action: 'added' | 'removed' = 'added', fromMe = false) =>
  buildMessage({
    conversation,
    sentNs,
    fromMe,
    contentType: ContentTypeReaction,
    content: { reference: 'ab'.repeat(32), action, schema: 'unicode', content: emoji },
    fallback: action === 'added' ? `Reacted \u201c${emoji}\u201d to an earlier message` : `Removed \u201c${emoji}\u201d from an earlier message`,
  })

export const reply = (conversation: Conversation, sentNs: bigint, content: string, fromMe = false) =>
  buildMessage({
    conversation,
    sentNs,
    fromMe,
    contentType: ContentTypeReply,
    content: { reference: 'cd'.repeat(32), contentType: ContentTypeText, content },
    fallback: `Replied with \u201c${content}\u201d to an earlier message`,
  })

export const attachment = (conversation: Conversation, sentNs: bigint, filename: string, fromMe = false) =>
  buildMessage({
    conversation,
    sentNs,
    fromMe,
    contentType: ContentTypeAttachment,
    content: { filename, mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) },
    fallback: `Can\u2019t display "${filename}". This app doesn\u2019t support attachments.`,
  })

/** A message whose content type this client has no codec for: only the fallback is known. */
export const undecodable = (conversation: Conversation, sentNs: bigint, fallback: string | undefined) =>
  buildMessage({
    conversation,
    sentNs,
    contentType: { authorityId: 'example.com', typeId: 'poll', versionMajor: 1, versionMinor: 0 },
    content: undefined,
    fallback,
  })

export interface BuildItemParameters {
  conversation?: Conversation
  peerAddress?: string
  consent?: InboxConsentState
  messages?: readonly DecodedMessage[]
  unreadCount?: number
}

export function buildItem(parameters: BuildItemParameters = {}): InboxItem {
  const conversation = parameters.conversation ?? buildConversation({ peerAddress: parameters.peerAddress ?? ALICE })
  return {
    conversation,
    consent: parameters.consent ?? 'allowed',
    messages: parameters.messages ?? [],
    myAddress: ME,
    unreadCount: parameters.unreadCount,
  }
}
