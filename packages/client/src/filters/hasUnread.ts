import type { SyncInboxFilter } from './types.js'

/**
 * Passes conversations with unread messages, as `item.unreadCount` says (fill it from `getUnreadCount`);
 * an unknown count fails.
 *
 * @example
 * const unread = applyInboxFilter(items, hasUnread())
 */
export function hasUnread(): SyncInboxFilter {
  return (item) => (item.unreadCount ?? 0) > 0
}
