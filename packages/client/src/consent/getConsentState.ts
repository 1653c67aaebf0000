import type { Client } from '../client/createClient.js'
import { getConsentRecord, normalizeAddress } from './consentRecord.js'
import type { ConsentState } from './types.js'

/**
 * A wallet's consent state as this client knows it (after `loadConsentList`, `streamConsentList`, `allow`,
 * `deny`): `allowed`, `denied` or `unknown`. Addresses compare case-insensitively; anything that is not an
 * address is `unknown`.
 */
export function getConsentState(client: Client, address: string): ConsentState {
  const normalized = typeof address === 'string' ? normalizeAddress(address) : undefined
  if (!normalized) return 'unknown'
  return getConsentRecord(client).entries.get(normalized)?.state ?? 'unknown'
}
