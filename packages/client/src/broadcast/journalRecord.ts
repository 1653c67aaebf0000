/**
 * One line of a broadcast's journal, JSON-safe. A run writes `start` once, then for each recipient
 * `sending` (before the message is published) and `sent` (after the node took it).
 */
export type BroadcastJournalRecord =
  | {
      type: 'start'
      /** Identifies the broadcast: the sender and the encoded message (a SHA-256, hex). */
      fingerprint: string
      /** When the first run started, ns since the epoch, as a decimal string. */
      startedNs: string
    }
  | { type: 'sending'; address: string; topic: string }
  | { type: 'sent'; address: string; topic: string; messageId?: string | undefined }

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** Whether `value` is a well-formed record (a journal may end with a torn or foreign line: such are skipped). */
export function isJournalRecord(value: unknown): value is BroadcastJournalRecord {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  switch (r.type) {
    case 'start':
      return isString(r.fingerprint) && isString(r.startedNs) && /^\d+$/.test(r.startedNs)
    case 'sending':
      return isString(r.address) && isString(r.topic)
    case 'sent':
      return isString(r.address) && isString(r.topic) && (r.messageId === undefined || isString(r.messageId))
    default:
      return false
  }
}
