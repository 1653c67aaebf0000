import { isSameContentType } from '../content/contentTypeId.js'
import { ContentTypeReaction, type Reaction } from '../content/reactionCodec.js'
import { ContentTypeReadReceipt } from '../content/readReceiptCodec.js'
import type { DecodedMessage } from '../conversations/types.js'

/**
 * Whether a message is something to show in a thread, and so to count as unread or as activity: not a
 * read receipt, not the removal of a reaction, and with either decoded content or a fallback text.
 *
 * @example
 * const shown = messages.filter(isDisplayableMessage)
 */
export function isDisplayableMessage(message: DecodedMessage): boolean {
  if (isSameContentType(message.contentType, ContentTypeReadReceipt)) return false
  if (isSameContentType(message.contentType, ContentTypeReaction) && (message.content as Reaction | undefined)?.action === 'removed') {
    return false
  }
  return message.content !== undefined || message.fallback !== undefined
}
