/** One token bucket's shape: `perMinute` tokens refill each minute, up to `burst`. */
export interface BucketLimit {
  perMinute: number
  burst: number
}

/** Per-IP limits. `general` covers every request; `publish` is charged one token per envelope. */
export interface RateLimits {
  general: BucketLimit
  publish: BucketLimit
}

/**
 * Defaults: ten times xmtp-node-go's (2,000/min, burst 10,000; publish 200/min, burst 1,000), so that a
 * demo seeding dozens of wallets or a test suite on one loopback address stays well inside them.
 */
export const defaultRateLimits: RateLimits = {
  general: { perMinute: 20_000, burst: 100_000 },
  publish: { perMinute: 2_000, burst: 10_000 },
}

interface Bucket {
  tokens: number
  updatedAt: number
}

/** Token buckets keyed by client IP and bucket kind; idle buckets are forgotten once full again. */
export function createRateLimiter(limits: RateLimits, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>()
  let lastSweep = now()

  const sweep = (t: number) => {
    if (t - lastSweep < 60_000) return
    lastSweep = t
    for (const [key, bucket] of buckets) {
      const limit = key.startsWith('p:') ? limits.publish : limits.general
      if (bucket.tokens + ((t - bucket.updatedAt) / 60_000) * limit.perMinute >= limit.burst) buckets.delete(key)
    }
  }

  return {
    /** Takes `cost` tokens from the IP's bucket; false when there are not enough (nothing is taken). */
    take(ip: string, kind: keyof RateLimits, cost: number): boolean {
      const t = now()
      sweep(t)
      const limit = limits[kind]
      const key = `${kind === 'publish' ? 'p' : 'g'}:${ip}`
      const bucket = buckets.get(key) ?? { tokens: limit.burst, updatedAt: t }
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.updatedAt) / 60_000) * limit.perMinute)
      bucket.updatedAt = t
      buckets.set(key, bucket)
      if (bucket.tokens < cost) return false
      bucket.tokens -= cost
      return true
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
