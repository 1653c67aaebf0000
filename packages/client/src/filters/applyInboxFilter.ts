import { assertFilters } from './evaluateFilters.js'
import { mapWithConcurrency, toConcurrency, type ConcurrencyOptions } from './mapWithConcurrency.js'
import type { InboxFilter, InboxItem } from './types.js'

export type ApplyInboxFilterOptions = ConcurrencyOptions

/**
 * The items that pass `filter`, in their original order. Async filters are evaluated at most
 * `concurrency` at a time (default 8).
 *
 * @throws {TypeError} if `filter` is not a function or `concurrency` not a positive integer.
 * @throws {AbortError} when `signal` aborts; otherwise rejects with the first error a filter throws
 * (the built-in filters never throw).
 * @example
 * const requests = await applyInboxFilter(items, inboxViews.requests)
 */
export async function applyInboxFilter<T extends InboxItem>(
  items: readonly T[],
  filter: InboxFilter<T>,
  { concurrency, signal }: ApplyInboxFilterOptions = {},
): Promise<T[]> {
  assertFilters('applyInboxFilter', [filter])
  const passes = await mapWithConcurrency(items.length, (i) => filter(items[i]!), toConcurrency('applyInboxFilter', concurrency), signal)
  return items.filter((_, i) => Boolean(passes[i]))
}
