import { assertFilters } from './evaluateFilters.js'
import type { AsyncInboxFilter, InboxFilter, InboxItem, SyncInboxFilter } from './types.js'

/**
 * Your own filter, checked and typed as one: sync when `fn` returns a boolean, async when it returns a
 * promise. Type its parameter to filter items you extended (`(item: MyItem) => item.pinned`). `fn` should
 * not throw: `applyInboxFilter` rejects with its error.
 *
 * @throws {TypeError} if `fn` is not a function.
 * @example
 * const recent = custom((item) => item.conversation.createdNs > weekAgoNs)
 */
export function custom<T extends InboxItem = InboxItem>(fn: (item: T) => boolean): SyncInboxFilter<T>
export function custom<T extends InboxItem = InboxItem>(fn: (item: T) => Promise<boolean>): AsyncInboxFilter<T>
export function custom<T extends InboxItem = InboxItem>(fn: (item: T) => boolean | Promise<boolean>): InboxFilter<T>
export function custom<T extends InboxItem>(fn: InboxFilter<T>): InboxFilter<T> {
  assertFilters('custom', [fn])
  return fn
}
