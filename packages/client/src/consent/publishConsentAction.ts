import type { Client } from '../client/createClient.js'
import { getAddress } from '../crypto/address.js'
import { applyConsentAction, commitConsent, getConsentRecord } from './consentRecord.js'
import { encodePrivatePreferencesPayload } from './privatePreferencesPayload.js'
import type { ConsentEntry } from './types.js'

/**
 * Publishes one allow or deny action for `addresses` on the private preferences topic and applies it locally
 * at once; the local change is undone if the publish fails.
 *
 * @throws {TypeError} when `addresses` is not an array; {@link InvalidAddressError} for a malformed address.
 * @throws {TransportError} when the node refuses the action or cannot be reached.
 */
export async function publishConsentAction(
  client: Client,
  state: ConsentEntry['state'],
  addresses: readonly string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!Array.isArray(addresses)) throw new TypeError('addresses must be an array of addresses.')
  const normalized = [...new Set(addresses.map((a: string) => getAddress(a)))]
  if (normalized.length === 0) return
  const record = getConsentRecord(client)
  // Strictly increasing, whole milliseconds (the SDK orders by ms), and after what it overrides even when
  // another device's clock ran ahead: the user's latest choice must read as the latest everywhere.
  let nextMs = Math.max(Date.now(), record.lastPublishedMs + 1)
  for (const address of normalized) {
    const updatedNs = record.entries.get(address)?.updatedNs
    if (updatedNs !== undefined && BigInt(nextMs) * 1_000_000n <= updatedNs) nextMs = Number(updatedNs / 1_000_000n) + 1
  }
  record.lastPublishedMs = nextMs
  const timestampNs = BigInt(nextMs) * 1_000_000n
  const action = state === 'allowed' ? { allowAddress: { walletAddresses: normalized } } : { denyAddress: { walletAddresses: normalized } }
  const message = encodePrivatePreferencesPayload(action, record.keys)

  const previous = new Map(normalized.map((address) => [address, record.entries.get(address)]))
  const applied = applyConsentAction(record, action, timestampNs)
  commitConsent(record)
  try {
    await client.publish([{ contentTopic: record.topic, timestampNs, message }], { signal })
  } catch (error) {
    for (const entry of applied) {
      if (record.entries.get(entry.address) !== entry) continue
      const before = previous.get(entry.address)
      if (before) record.entries.set(entry.address, before)
      else record.entries.delete(entry.address)
      record.dirty = true
    }
    commitConsent(record)
    throw error
  }
}
