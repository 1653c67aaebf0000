import { isDisplayableMessage } from './isDisplayableMessage.js'
import { isMyMessage } from './isMyMessage.js'
import type { SyncInboxFilter } from './types.js'

/**
 * Passes conversations where this wallet sent at least one message (read receipts and removed reactions
 * do not count: they are not replies). Looks only at `item.messages`.
 *
 * @example
 * const awaitingMyAnswer = and(consentIs('requested'), not(hasReplied()))
 */
export function hasReplied(): SyncInboxFilter {
  return (item) => item.messages.some((message) => isDisplayableMessage(message) && isMyMessage(message, item.myAddress))
}
