import { isDisplayableMessage } from './isDisplayableMessage.js'
import type { InboxItem } from './types.js'

/**
 * When the conversation last had something to show: the newest displayable message's `sentNs` (read
 * receipts do not bump a conversation), else the conversation's creation time. Ns since the epoch.
 *
 * @example
 * new Date(Number(getLastActivityNs(item) / 1_000_000n)).toLocaleString()
 */
export function getLastActivityNs(item: InboxItem): bigint {
  let last: bigint | undefined
  for (const message of item.messages) {
    if (isDisplayableMessage(message) && (last === undefined || message.sentNs > last)) last = message.sentNs
  }
  return last ?? item.conversation.createdNs
}
