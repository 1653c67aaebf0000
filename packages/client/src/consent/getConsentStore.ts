import type { Client } from '../client/createClient.js'
import type { Store } from '../store/createStore.js'
import { getConsentRecord } from './consentRecord.js'
import type { ConsentListSnapshot } from './types.js'

/**
 * The client's consent list as a live store (the same store on every call): one snapshot per change made by
 * `loadConsentList`, `streamConsentList`, `allow`, `deny` or an automatic allow. Subscribing fetches
 * nothing: load or stream the list to fill it.
 *
 * @example
 * const store = getConsentStore(client)
 * const stop = store.subscribe(() => render(store.getSnapshot().entries))
 */
export function getConsentStore(client: Client): Store<ConsentListSnapshot> {
  return getConsentRecord(client).store
}
