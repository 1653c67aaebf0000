import { CacheError } from './CacheError.js'
import type { Persistence } from './Persistence.js'

export interface IndexedDbPersistenceParameters {
  /** Database name. Default `'xmtp-kit'`. Wallets share it: the client namespaces its keys per wallet. */
  name?: string | undefined
  /** The `IDBFactory` to use. Default: the global `indexedDB`. */
  indexedDB?: IDBFactory | undefined
}

const STORE = 'entries'
/**
 * The database holds one key-value object store and never changes shape: the cache's own schema is
 * versioned and migrated inside the values, so an upgrade never needs the user to delete the database.
 */
const DB_VERSION = 1

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

const unavailable = (cause: unknown) => new CacheError('unavailable', 'IndexedDB failed.', { cause })

/**
 * A {@link Persistence} on IndexedDB, for browsers: the cache survives reloads. The database opens on
 * first use; another tab upgrading or deleting it closes this connection, which reopens when next needed.
 *
 * @throws {CacheError} (`unavailable`) when this environment has no IndexedDB: feature-detect with
 * `typeof indexedDB !== 'undefined'` and fall back to `memoryPersistence()`.
 * @example
 * const persistence = typeof indexedDB !== 'undefined' ? indexedDbPersistence() : memoryPersistence()
 */
export function indexedDbPersistence({ name = 'xmtp-kit', indexedDB: factory }: IndexedDbPersistenceParameters = {}): Persistence {
  const idb = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB
  if (!idb) throw new CacheError('unavailable', 'IndexedDB is not available here.', { details: 'Use memoryPersistence() instead.' })
  if (typeof name !== 'string' || name === '') throw new TypeError('name must be a non-empty string.')

  let opening: Promise<IDBDatabase> | undefined
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = idb.open(name, DB_VERSION)
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE)
      }
      r.onsuccess = () => {
        const db = r.result
        db.onversionchange = () => {
          db.close()
          opening = undefined
        }
        db.onclose = () => {
          opening = undefined
        }
        resolve(db)
      }
      r.onerror = () => reject(unavailable(r.error))
      r.onblocked = () => reject(unavailable(new Error('Opening the database is blocked by another tab.')))
    })
    opening.catch(() => {
      opening = undefined
    })
    return opening
  }

  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open()
    try {
      const transaction = db.transaction(STORE, mode)
      // A write counts once it is committed, not merely requested.
      const done = new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve()
        transaction.onerror = () => reject(transaction.error)
        transaction.onabort = () => reject(transaction.error ?? new Error('The transaction was aborted.'))
      })
      done.catch(() => {})
      const result = await request(work(transaction.objectStore(STORE)))
      await done
      return result
    } catch (cause) {
      throw cause instanceof CacheError ? cause : unavailable(cause)
    }
  }

  return {
    async get(key) {
      const value: unknown = await run('readonly', (store) => store.get(key))
      if (value === undefined) return undefined
      return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : undefined
    },
    async set(key, value) {
      if (!(value instanceof Uint8Array)) throw new TypeError('value must be a Uint8Array.')
      await run('readwrite', (store) => store.put(value, key))
    },
    async delete(key) {
      await run('readwrite', (store) => store.delete(key))
    },
    async keys(prefix) {
      // Every key that starts with `prefix` sorts between it and `prefix` + the highest code unit.
      const keys = await run('readonly', (store) => store.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`)))
      return keys.filter((key): key is string => typeof key === 'string' && key.startsWith(prefix))
    },
  }
}
