import { assertFilters, isPromiseLike } from './evaluateFilters.js'
import type { AsyncInboxFilter, InboxFilter, InboxItem, SyncInboxFilter } from './types.js'

/**
 * A filter that passes exactly when `filter` fails; sync stays sync, async stays async.
 *
 * @throws {TypeError} if `filter` is not a function.
 * @example
 * const notBlocked = not(consentIs('denied'))
 */
export function not<T extends InboxItem = InboxItem>(filter: SyncInboxFilter<T>): SyncInboxFilter<T>
export function not<T extends InboxItem = InboxItem>(filter: AsyncInboxFilter<T>): AsyncInboxFilter<T>
export function not<T extends InboxItem = InboxItem>(filter: InboxFilter<T>): InboxFilter<T>
export function not<T extends InboxItem>(filter: InboxFilter<T>): InboxFilter<T> {
  assertFilters('not', [filter])
  return (item) => {
    const result: unknown = filter(item)
    return isPromiseLike(result) ? Promise.resolve(result).then((value) => !value) : !result
  }
}
