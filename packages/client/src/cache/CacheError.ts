import { KitError, type KitErrorParameters } from '../errors/KitError.js'

/**
 * Why the local cache could not be used:
 * - `unreadable`: stored data does not decrypt or parse (corrupt, tampered, or written with other keys);
 * - `unsupported-version`: written by a newer version of the kit, or a migration failed;
 * - `unavailable`: the storage itself failed (IndexedDB missing or blocked, quota exceeded).
 */
export type CacheErrorReason = 'unreadable' | 'unsupported-version' | 'unavailable'

/**
 * The local cache could not be read or written. Never thrown by client actions: reported to
 * `createClient`'s `onCacheError`, after which the client rebuilds what it lost from the network.
 */
export class CacheError extends KitError {
  override name = 'CacheError' as const
  readonly reason: CacheErrorReason

  constructor(reason: CacheErrorReason, shortMessage: string, parameters?: KitErrorParameters) {
    super(shortMessage, parameters, 'CACHE_FAILED')
    this.reason = reason
  }
}
