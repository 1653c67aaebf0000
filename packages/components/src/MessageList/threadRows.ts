import type { MessageItem } from '@xmtp-kit/client'
import { dayKey, formatDay, nsToDate } from '../internal/format.js'
import { isThreadRow, messageKind } from '../internal/threadContent.js'

/** One message of the thread as the list shows it. */
export interface ThreadRow {
  key: string
  message: MessageItem
  /** The date separator above the row, when a new day starts with it. */
  day: string | undefined
  /** First of a run of messages from one sender on one day: the sender's name shows above it. */
  groupStart: boolean
}

/**
 * The rows of a thread, oldest first: every displayable message except reactions (they show under the message
 * they react to). Consecutive messages from one sender on one day form a group; a new day starts with a date
 * separator.
 */
export function buildThreadRows(messages: readonly MessageItem[], labels: { today: string; yesterday: string }, now = new Date()): ThreadRow[] {
  const rows: ThreadRow[] = []
  let lastDay: string | undefined
  let lastSender: string | undefined
  for (const message of messages) {
    if (!isThreadRow(message)) continue
    const date = nsToDate(message.sentNs)
    const day = dayKey(date)
    const sender = message.senderAddress.toLowerCase()
    const newDay = day !== lastDay
    rows.push({ key: message.key, message, day: newDay ? formatDay(date, labels, now) : undefined, groupStart: newDay || sender !== lastSender })
    lastDay = day
    lastSender = sender
  }
  return rows
}

/**
 * A first guess of a row's height in pixels, before it is measured (and the height used where nothing can be
 * measured, e.g. before layout).
 */
export function estimateRowHeight(row: ThreadRow | undefined, hasReactions: boolean): number {
  if (!row) return 56
  let height = 56
  if (row.day) height += 40
  if (row.groupStart) height += 20
  const kind = messageKind(row.message)
  if (kind === 'reply') height += 44
  else if (kind === 'attachment' || kind === 'remoteAttachment') height += 48
  if (hasReactions) height += 32
  return height
}
