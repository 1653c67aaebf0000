import { getAddress } from '../crypto/address.js'
import { deleteAddressLocator } from './addressLocator.js'
import { cachePrefix } from './clientCache.js'
import type { Persistence } from './Persistence.js'

export interface ClearCacheParameters {
  persistence: Persistence
  /** The wallet whose cache is deleted; other wallets' caches in the same persistence stay. */
  address: string
}

/**
 * Deletes a wallet's local cache from a persistence (on sign-out, or to start over). A client of that
 * wallet created earlier keeps what it holds in memory and writes it back when it next saves: clear the
 * cache before creating a client, or stop using the old one.
 *
 * @throws {InvalidAddressError} for a malformed address.
 * @example
 * await clearCache({ persistence, address: client.address })
 */
export async function clearCache({ persistence, address }: ClearCacheParameters): Promise<void> {
  await deleteAddressLocator(persistence, getAddress(address))
  const keys = await persistence.keys(cachePrefix(getAddress(address)))
  await Promise.all(keys.map((key) => persistence.delete(key)))
}
