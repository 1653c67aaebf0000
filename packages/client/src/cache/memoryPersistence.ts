import type { Persistence } from './Persistence.js'

/**
 * A {@link Persistence} in memory: the cache lasts as long as this object. Values are copied in and out,
 * so callers cannot alter what is stored. For tests, servers and short-lived scripts.
 *
 * @example
 * const persistence = memoryPersistence()
 * const client = await createClient({ signer, transport, persistence })
 */
export function memoryPersistence(): Persistence {
  const entries = new Map<string, Uint8Array>()
  return {
    get: async (key) => {
      const value = entries.get(key)
      return value === undefined ? undefined : new Uint8Array(value)
    },
    set: async (key, value) => {
      if (!(value instanceof Uint8Array)) throw new TypeError('value must be a Uint8Array.')
      entries.set(key, new Uint8Array(value))
    },
    delete: async (key) => {
      entries.delete(key)
    },
    keys: async (prefix) => [...entries.keys()].filter((key) => key.startsWith(prefix)),
  }
}
