import { isSameContentType } from '../content/contentTypeId.js'
import { ContentTypeReaction } from '../content/reactionCodec.js'
import { ContentTypeReadReceipt } from '../content/readReceiptCodec.js'
import { ContentTypeReply, type Reply } from '../content/replyCodec.js'
import type { DecodedMessage } from '../conversations/types.js'

/**
 * The words a message shows, for search and previews: text content, the text of a text reply, else the
 * fallback (what the sender's codec wrote for clients that cannot decode it, e.g. an attachment's
 * "Can't display "photo.png"…"). `undefined` for read receipts and reactions, which carry no words.
 *
 * @example
 * getMessageText(message) ?? '(unsupported message)'
 */
export function getMessageText(message: DecodedMessage): string | undefined {
  const { content, contentType } = message
  if (isSameContentType(contentType, ContentTypeReadReceipt) || isSameContentType(contentType, ContentTypeReaction)) return undefined
  if (typeof content === 'string') return content
  if (isSameContentType(contentType, ContentTypeReply) && typeof (content as Reply | undefined)?.content === 'string') {
    return (content as Reply<string>).content
  }
  return message.fallback
}
