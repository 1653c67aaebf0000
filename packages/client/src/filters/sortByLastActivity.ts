import { getLastActivityNs } from './getLastActivityNs.js'
import type { InboxItem } from './types.js'

export interface SortByLastActivityOptions {
  /** Default `'descending'`: most recently active first, as an inbox lists them. */
  direction?: 'ascending' | 'descending' | undefined
}

/**
 * A sorted copy of `items` by {@link getLastActivityNs}. Stable: equally recent items keep their order.
 *
 * @throws {TypeError} if `direction` is neither `'ascending'` nor `'descending'`.
 * @example
 * const inbox = sortByLastActivity(await applyInboxFilter(items, inboxViews.primary))
 */
export function sortByLastActivity<T extends InboxItem>(items: readonly T[], { direction = 'descending' }: SortByLastActivityOptions = {}): T[] {
  if (direction !== 'ascending' && direction !== 'descending') {
    throw new TypeError('sortByLastActivity: direction must be "ascending" or "descending".')
  }
  const sign = direction === 'descending' ? -1 : 1
  return items
    .map((item) => ({ item, at: getLastActivityNs(item) }))
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -sign : sign))
    .map(({ item }) => item)
}
