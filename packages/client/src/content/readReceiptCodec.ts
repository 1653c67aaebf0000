import { defineCodec } from './defineCodec.js'
import type { ContentTypeId } from './contentTypeId.js'

/** `xmtp.org/readReceipt:1.0`. */
export const ContentTypeReadReceipt: ContentTypeId = Object.freeze({
  authorityId: 'xmtp.org',
  typeId: 'readReceipt',
  versionMajor: 1,
  versionMinor: 0,
})

/** A read receipt carries no data: the message's sent time says up to when the sender has read. */
export type ReadReceipt = Record<string, never>

/** Read receipts (§10): empty parameters and content, no fallback, never pushed. */
export const readReceiptCodec = defineCodec<ReadReceipt>({
  contentType: ContentTypeReadReceipt,
  encode: () => ({ type: ContentTypeReadReceipt, parameters: {}, content: new Uint8Array(0) }),
  decode: () => ({}),
  fallback: () => undefined,
  shouldPush: () => false,
})
