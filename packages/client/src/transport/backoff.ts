import { AbortError } from '../errors/errors.js'

export interface BackoffOptions {
  baseDelayMs: number
  maxDelayMs: number
}

/**
 * Capped exponential backoff with "equal jitter": attempt `n` (from 0) waits between half and all of
 * `min(maxDelayMs, baseDelayMs · 2^n)`, so clients that lost the same node do not come back in lockstep.
 */
export function backoffDelay(attempt: number, { baseDelayMs, maxDelayMs }: BackoffOptions): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 30))
  return cap / 2 + (Math.random() * cap) / 2
}

/**
 * Waits `ms`, or rejects with {@link AbortError} as soon as `signal` aborts.
 *
 * @throws {AbortError}
 */
export function sleep(ms: number, signal?: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError())
    const onAbort = () => {
      clearTimeout(timer)
      reject(new AbortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** @throws {AbortError} if `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError()
}
