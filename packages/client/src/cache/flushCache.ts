import type { Client } from '../client/createClient.js'
import { flushClientCache } from './clientCache.js'

/**
 * Writes the client's pending cache changes now. Changes are otherwise written a moment after they happen
 * (listing conversations, previews and cached message reads write before they resolve); call this before
 * a script exits. Never rejects: failures go to `createClient`'s `onCacheError`.
 */
export function flushCache(client: Client): Promise<void> {
  return flushClientCache(client)
}
