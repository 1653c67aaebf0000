import type { InboxFilter, InboxItem } from './types.js'

/** Whether a filter's result must be awaited. */
export const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'

/** Throws a `TypeError` naming `name` unless every entry of `filters` is a function. */
export function assertFilters(name: string, filters: readonly unknown[]): void {
  filters.forEach((filter, i) => {
    if (typeof filter !== 'function') throw new TypeError(`${name}: filters[${i}] must be a function.`)
  })
}

/**
 * Runs `filters` on `item` in order from `from`, stopping at the first result equal to `decisive` (false for
 * `and`, true for `or`). Stays synchronous until a filter returns a promise, so all-sync chains never
 * allocate a promise; after that the remaining filters still run one at a time, so a cheap filter placed
 * first spares the expensive ones.
 */
export function evaluateFilters<T extends InboxItem>(
  filters: readonly InboxFilter<T>[],
  item: T,
  decisive: boolean,
  from = 0,
): boolean | Promise<boolean> {
  for (let i = from; i < filters.length; i++) {
    const result: unknown = filters[i]!(item)
    if (isPromiseLike(result)) {
      return Promise.resolve(result).then((value) =>
        Boolean(value) === decisive ? decisive : evaluateFilters(filters, item, decisive, i + 1),
      )
    }
    if (Boolean(result) === decisive) return decisive
  }
  return !decisive
}
