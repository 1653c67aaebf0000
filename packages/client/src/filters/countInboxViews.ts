import { assertFilters } from './evaluateFilters.js'
import { mapWithConcurrency, toConcurrency, type ConcurrencyOptions } from './mapWithConcurrency.js'
import type { InboxFilter, InboxItem } from './types.js'

export type CountInboxViewsOptions = ConcurrencyOptions

/**
 * How many items each view lets through, e.g. for the badges of inbox tabs. All view × item evaluations
 * share one pool of at most `concurrency` (default 8).
 *
 * @throws {TypeError} if a view is not a function or `concurrency` not a positive integer.
 * @throws {AbortError} when `signal` aborts; otherwise rejects with the first error a filter throws.
 * @example
 * const { primary, requests } = await countInboxViews(items, inboxViews)
 */
export async function countInboxViews<T extends InboxItem, K extends string>(
  items: readonly T[],
  views: Readonly<Record<K, InboxFilter<T>>>,
  { concurrency, signal }: CountInboxViewsOptions = {},
): Promise<Record<K, number>> {
  const names = Object.keys(views) as K[]
  const filters = names.map((name) => views[name])
  filters.forEach((filter, i) => assertFilters(`countInboxViews: views.${names[i]}`, [filter]))
  const limit = toConcurrency('countInboxViews', concurrency)
  const passes = await mapWithConcurrency(
    names.length * items.length,
    (index) => filters[Math.floor(index / items.length)]!(items[index % items.length]!),
    limit,
    signal,
  )
  const counts = {} as Record<K, number>
  names.forEach((name, v) => {
    let count = 0
    for (let i = 0; i < items.length; i++) if (passes[v * items.length + i]) count++
    counts[name] = count
  })
  return counts
}
