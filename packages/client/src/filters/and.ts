import { assertFilters, evaluateFilters } from './evaluateFilters.js'
import type { InboxFilter, InboxItem, SyncInboxFilter } from './types.js'

/**
 * A filter that passes when every filter passes (`and()` of nothing passes everything). Filters run in
 * order and stop at the first that fails, so put cheap ones first. Synchronous filters give a synchronous
 * filter; with any async one the result may be a promise.
 *
 * @throws {TypeError} if a filter is not a function.
 * @example
 * const unreadPrimary = and(consentIs('allowed'), hasUnread())
 * applyInboxFilter(items, and(unreadPrimary, holdsToken({ token, readContract: publicClient.readContract })))
 */
export function and<T extends InboxItem = InboxItem>(...filters: SyncInboxFilter<T>[]): SyncInboxFilter<T>
export function and<T extends InboxItem = InboxItem>(...filters: InboxFilter<T>[]): InboxFilter<T>
export function and<T extends InboxItem>(...filters: InboxFilter<T>[]): InboxFilter<T> {
  assertFilters('and', filters)
  const list = Object.freeze([...filters])
  return (item) => evaluateFilters(list, item, false)
}
