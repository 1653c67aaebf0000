import type { Client } from '../client/createClient.js'
import { DecodeError } from '../errors/errors.js'
import { KitError } from '../errors/KitError.js'
import { backfillStartNs } from '../streams/backfillStart.js'
import { createSerialQueue } from '../streams/createSerialQueue.js'
import type { Stream, StreamErrorHandler } from '../streams/types.js'
import type { Envelope } from '../transport/types.js'
import { applyConsentAction, commitConsent, getConsentRecord } from './consentRecord.js'
import { decodePrivatePreferencesPayload } from './privatePreferencesPayload.js'
import type { ConsentEntry } from './types.js'
import { trackConnection } from '../stores/getConnectionStore.js'

export interface StreamConsentListParameters extends StreamErrorHandler {
  /** The entries an incoming action changed (an action already applied, e.g. this client's own, changes none). */
  onChange?: ((changes: ConsentEntry[]) => void) | undefined
}

/**
 * Streams this wallet's consent actions as they are published (by this or any other of its clients, or the
 * official SDK) and applies them to the consent list and its store. After every reconnection it backfills
 * what was published while disconnected. Envelopes that do not decrypt are skipped and reported to `onError`.
 *
 * @example
 * const stream = streamConsentList(client, { onChange: (changes) => console.log(changes) })
 * stream.close()
 */
export function streamConsentList(client: Client, { onChange, onError }: StreamConsentListParameters = {}): Stream {
  const record = getConsentRecord(client)
  const report = (error: unknown) => onError?.(error instanceof Error ? error : new Error(String(error)))
  const queue = createSerialQueue(report)

  /** Applies an envelope's action; undecryptable ones are reported and change nothing. */
  const apply = (envelope: Envelope): ConsentEntry[] => {
    try {
      return applyConsentAction(record, decodePrivatePreferencesPayload(envelope.message, record.keys), envelope.timestampNs)
    } catch (error) {
      report(error instanceof KitError ? error : new DecodeError('private preferences payload', { cause: error }))
      return []
    }
  }
  const deliver = (changes: ConsentEntry[]) => {
    if (changes.length === 0) return
    commitConsent(record)
    onChange?.(changes)
  }

  const subscription = client.transport.subscribe([record.topic], {
    onEnvelope: (envelope) => void queue.push(() => deliver(apply(envelope))),
    onReconnect: (info) =>
      void queue.push(async () => {
        // One snapshot and one onChange for the whole backfill.
        const changes: ConsentEntry[] = []
        try {
          const pages = client.transport.query({ contentTopic: record.topic, direction: 'ascending', startTimeNs: backfillStartNs(info), pageSize: 500 })
          for await (const page of pages) for (const envelope of page.envelopes) changes.push(...apply(envelope))
        } finally {
          deliver(changes)
        }
      }),
  })
  trackConnection(client, 'consent', undefined, subscription.state)
  return { state: subscription.state, ready: subscription.ready, close: () => subscription.close() }
}
