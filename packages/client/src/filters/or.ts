import { assertFilters, evaluateFilters } from './evaluateFilters.js'
import type { InboxFilter, InboxItem, SyncInboxFilter } from './types.js'

/**
 * A filter that passes when any filter passes (`or()` of nothing passes nothing). Filters run in order and
 * stop at the first that passes. Synchronous filters give a synchronous filter; with any async one the
 * result may be a promise.
 *
 * @throws {TypeError} if a filter is not a function.
 * @example
 * const fromFriendsOrHolders = or(peerIn(friends), holdsToken({ token, readContract }))
 */
export function or<T extends InboxItem = InboxItem>(...filters: SyncInboxFilter<T>[]): SyncInboxFilter<T>
export function or<T extends InboxItem = InboxItem>(...filters: InboxFilter<T>[]): InboxFilter<T>
export function or<T extends InboxItem>(...filters: InboxFilter<T>[]): InboxFilter<T> {
  assertFilters('or', filters)
  const list = Object.freeze([...filters])
  return (item) => evaluateFilters(list, item, true)
}
