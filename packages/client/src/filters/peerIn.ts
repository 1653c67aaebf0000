import type { SyncInboxFilter } from './types.js'

/**
 * Passes conversations whose peer is one of `addresses`, compared case-insensitively (so checksummed and
 * lowercase forms match).
 *
 * @throws {TypeError} if `addresses` is not an iterable of strings.
 * @example
 * applyInboxFilter(items, peerIn(contacts.map((c) => c.address)))
 */
export function peerIn(addresses: Iterable<string>): SyncInboxFilter {
  if (typeof (addresses as Iterable<string> | undefined)?.[Symbol.iterator] !== 'function' || typeof addresses === 'string') {
    throw new TypeError('peerIn: addresses must be an iterable of strings.')
  }
  const wanted = new Set<string>()
  for (const address of addresses) {
    if (typeof address !== 'string') throw new TypeError('peerIn: addresses must be an iterable of strings.')
    wanted.add(address.toLowerCase())
  }
  return (item) => wanted.has(item.conversation.peerAddress.toLowerCase())
}
