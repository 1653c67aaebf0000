import type { ConversationSummary } from '@xmtp-kit/client'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { Avatar } from '../Avatar/Avatar.js'
import { dayKey, formatTime, nsToDate } from '../internal/format.js'
import type { Labels } from '../labels.js'
import { useIdentity } from '../UIProvider/UIProvider.js'
import { previewText } from './search.js'

export interface ConversationRowProps extends ComponentPropsWithoutRef<'div'> {
  summary: ConversationSummary
  /** Zero-based position in the (filtered) list. */
  index: number
  /** How many rows the list has in all (most are not rendered). */
  setSize: number
  unread: number
  selected: boolean
  /** The row Tab lands on (roving tabindex). */
  tabbable: boolean
  labels: Labels
}

/** The time of the latest message: the hour today, else the date (with the year when it is not this year's). */
export function formatListTime(date: Date, now = new Date()): string {
  if (dayKey(date) === dayKey(now)) return formatTime(date)
  return date.toLocaleDateString(undefined, date.getFullYear() === now.getFullYear() ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' })
}

/** One option of the conversation listbox: avatar, name, time, preview (plain text) and unread badge. */
export const ConversationRow = forwardRef<HTMLDivElement, ConversationRowProps>(function ConversationRow(
  { summary, index, setSize, unread, selected, tabbable, labels, className, ...rest },
  ref,
) {
  const { conversation, lastMessage } = summary
  const { displayName } = useIdentity(conversation.peerAddress)
  const preview = previewText(summary, labels)
  const sent = lastMessage ? nsToDate(lastMessage.sentNs) : undefined
  return (
    <div
      ref={ref}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      tabIndex={tabbable ? 0 : -1}
      title={conversation.peerAddress}
      data-index={index}
      data-state={selected ? 'selected' : undefined}
      data-unread={unread > 0 ? '' : undefined}
      className={['xk-conversation-list__item', className].filter(Boolean).join(' ')}
      {...rest}
    >
      <Avatar address={conversation.peerAddress} className="xk-conversation-list__avatar" />
      <span className="xk-conversation-list__name" dir="auto">
        {displayName}
      </span>
      {sent ? (
        <time className="xk-conversation-list__time" dateTime={sent.toISOString()}>
          {formatListTime(sent)}
        </time>
      ) : null}
      <span className="xk-conversation-list__preview" dir="auto" data-empty={preview === undefined ? '' : undefined}>
        {preview ?? labels.noMessagesYet}
      </span>
      {unread > 0 ? (
        <span className="xk-conversation-list__badge" role="img" aria-label={labels.unread(unread)}>
          {unread}
        </span>
      ) : null}
    </div>
  )
})
