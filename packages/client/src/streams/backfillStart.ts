import type { ReconnectInfo } from '../transport/types.js'

/**
 * Senders choose envelope timestamps, so a message published during a disconnection may carry a time
 * somewhat before it. Backfill reaches back this far before the earlier of the last envelope seen and the
 * disconnection; duplicates are dropped by message id.
 */
export const BACKFILL_MARGIN_NS = 60_000n * 1_000_000n

/** Where to start querying after a reconnection (or a subscription's start) so nothing is missed. */
export function backfillStartNs(info: Pick<ReconnectInfo, 'lastEnvelopeTimestampNs' | 'disconnectedAt'>): bigint {
  const dropped = BigInt(info.disconnectedAt) * 1_000_000n
  const from = info.lastEnvelopeTimestampNs !== undefined && info.lastEnvelopeTimestampNs < dropped ? info.lastEnvelopeTimestampNs : dropped
  return from > BACKFILL_MARGIN_NS ? from - BACKFILL_MARGIN_NS : 1n
}
