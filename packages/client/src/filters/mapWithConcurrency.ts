import { AbortError } from '../errors/errors.js'

/** Default number of filter evaluations in flight: enough to overlap RPC reads, few enough for rate limits. */
export const DEFAULT_CONCURRENCY = 8

export interface ConcurrencyOptions {
  /** Most async evaluations in flight at once. Default 8. */
  concurrency?: number | undefined
  /** Stops starting new evaluations and rejects with `AbortError`. */
  signal?: AbortSignal | undefined
}

/** Checks `concurrency` (naming the caller) and returns it or the default. */
export function toConcurrency(name: string, concurrency: unknown): number {
  if (concurrency === undefined) return DEFAULT_CONCURRENCY
  if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`${name}: concurrency must be a positive integer.`)
  }
  return concurrency
}

/**
 * `fn` over `count` indexes with at most `concurrency` promises pending; results keep index order. The first
 * error (or an abort) rejects and stops starting new work.
 */
export async function mapWithConcurrency<R>(
  count: number,
  fn: (index: number) => R | PromiseLike<R>,
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<R[]> {
  const results = new Array<R>(count)
  let next = 0
  let stopped = false
  const worker = async () => {
    while (!stopped && next < count) {
      if (signal?.aborted) throw new AbortError()
      const index = next++
      results[index] = await fn(index)
    }
  }
  const workers = Array.from({ length: Math.min(concurrency, count) }, () =>
    worker().catch((error: unknown) => {
      stopped = true
      throw error
    }),
  )
  await Promise.all(workers)
  if (signal?.aborted) throw new AbortError()
  return results
}
