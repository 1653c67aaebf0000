import type { Client } from '../client/createClient.js'
import { AbortError, DecodeError } from '../errors/errors.js'
import { KitError } from '../errors/KitError.js'
import { applyConsentAction, commitConsent, getConsentRecord, toError } from './consentRecord.js'
import { decodePrivatePreferencesPayload } from './privatePreferencesPayload.js'
import type { ConsentEntry } from './types.js'

/** Each load re-reads this far before the previous one started, as the SDK does (§11.3). */
const RESYNC_OVERLAP_MS = 10_000

/** A node serves up to 500 envelopes per page for a query on one `userpreferences-` topic (§15.10). */
const PAGE_SIZE = 500

export interface LoadConsentListParameters {
  /** Read the whole topic instead of what is new since the last load. */
  refresh?: boolean | undefined
  signal?: AbortSignal | undefined
  /** Called for each envelope skipped because it does not decode or decrypt. */
  onError?: ((error: KitError) => void) | undefined
}

/**
 * Reads this wallet's consent actions from its private preferences topic (§11): what is new since the last
 * load (less 10 s), oldest first, each decrypted and applied in timestamp order, a later action overriding
 * an earlier one. Envelopes that do not decrypt are skipped. Loads run one at a time. Resolves with every
 * allowed or denied wallet, oldest change first.
 *
 * @throws {TransportError} when the node cannot be reached (the snapshot records it); {@link AbortError}.
 * @example
 * const entries = await loadConsentList(client)
 */
export function loadConsentList(client: Client, parameters: LoadConsentListParameters = {}): Promise<ConsentEntry[]> {
  const record = getConsentRecord(client)
  const run = async (): Promise<ConsentEntry[]> => {
    const { refresh = false, signal, onError } = parameters
    const startedMs = Date.now()
    const fromMs = refresh || record.lastRunMs === undefined ? undefined : record.lastRunMs - RESYNC_OVERLAP_MS
    const startTimeNs = fromMs === undefined ? undefined : fromMs > 0 ? BigInt(fromMs) * 1_000_000n : 1n
    const { status } = record.store.getSnapshot()
    if (status === 'idle' || status === 'error') commitConsent(record, { status: 'loading' })
    try {
      const pages = client.transport.query({ contentTopic: record.topic, direction: 'ascending', startTimeNs, pageSize: PAGE_SIZE, signal })
      for await (const page of pages) {
        // Ascending pages are in timestamp order, so applying as they come is applying in timestamp order.
        for (const envelope of page.envelopes) {
          try {
            applyConsentAction(record, decodePrivatePreferencesPayload(envelope.message, record.keys), envelope.timestampNs)
          } catch (error) {
            onError?.(error instanceof KitError ? error : new DecodeError('private preferences payload', { cause: error }))
          }
        }
      }
    } catch (error) {
      const loading = record.store.getSnapshot().status === 'loading'
      if (error instanceof AbortError) commitConsent(record, loading ? { status } : {})
      else commitConsent(record, { ...(loading ? { status: 'error' as const } : {}), error: toError(error) })
      throw error
    }
    record.lastRunMs = startedMs
    commitConsent(record, { status: 'ready', error: undefined })
    return [...record.entries.values()].sort((a, b) => (a.updatedNs < b.updatedNs ? -1 : a.updatedNs > b.updatedNs ? 1 : 0))
  }
  const result = record.loads.then(run, run)
  record.loads = result.catch(() => undefined)
  return result
}
