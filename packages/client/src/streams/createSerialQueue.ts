/**
 * Runs async tasks one after another in submission order, so a stream delivers messages in the order they
 * were received and a backfill finishes before newer live envelopes are handled.
 */
export function createSerialQueue(onError: (error: unknown) => void) {
  let tail: Promise<void> = Promise.resolve()
  return {
    push(task: () => Promise<void> | void): Promise<void> {
      tail = tail.then(task).catch(onError)
      return tail
    },
    /** Resolves when every task pushed so far has run. */
    idle: () => tail,
  }
}

/** Remembers the last `max` ids, to drop duplicates between live delivery and backfill. */
export function createSeenSet(max = 50_000) {
  const seen = new Set<string>()
  return {
    /** True the first time an id is seen. */
    add(id: string): boolean {
      if (seen.has(id)) return false
      seen.add(id)
      if (seen.size > max) seen.delete(seen.values().next().value!)
      return true
    },
  }
}
