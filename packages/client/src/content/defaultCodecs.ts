import { attachmentCodec } from './attachmentCodec.js'
import type { ContentCodec } from './ContentCodec.js'
import { reactionCodec } from './reactionCodec.js'
import { readReceiptCodec } from './readReceiptCodec.js'
import { remoteAttachmentCodec } from './remoteAttachmentCodec.js'
import { replyCodec } from './replyCodec.js'
import { textCodec } from './textCodec.js'

/**
 * The codecs of the official SDK's standard content types: text, reaction, reply, read receipt,
 * attachment and remote attachment. {@link createCodecRegistry} uses them when given no codecs.
 */
export const defaultCodecs: readonly ContentCodec<unknown>[] = Object.freeze([
  textCodec,
  reactionCodec,
  replyCodec,
  readReceiptCodec,
  attachmentCodec,
  remoteAttachmentCodec,
] as ContentCodec<unknown>[])
