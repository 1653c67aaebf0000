import { type Conversation, isDisplayableMessage, type MessageItem } from '@xmtp-kit/client'
import { useMarkRead, useMessages, useSendMessage } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, forwardRef, useEffect, useMemo, useRef, useState } from 'react'
import { dayKey, formatDay, formatTime, messageText, nsToDate, shortAddress } from '../internal/format.js'
import type { Labels } from '../labels.js'
import { useUI } from '../UIProvider/UIProvider.js'

export interface MessageListProps extends ComponentPropsWithoutRef<'div'> {
  conversation: Conversation | undefined
  /** Marks the conversation read as messages arrive while it is shown. Default true. */
  markRead?: boolean | undefined
  labels?: Partial<Labels> | undefined
}

interface Group {
  key: string
  day: string | undefined
  sender: string
  fromMe: boolean
  messages: MessageItem[]
}

/** Consecutive messages from one sender on one day form a group; a new day starts with a date separator. */
function groupMessages(messages: readonly MessageItem[], labels: Labels): Group[] {
  const groups: Group[] = []
  let lastDay: string | undefined
  for (const message of messages) {
    const date = nsToDate(message.sentNs)
    const day = dayKey(date)
    const last = groups.at(-1)
    if (last && day === lastDay && last.sender === message.senderAddress) {
      last.messages.push(message)
      continue
    }
    groups.push({ key: message.key, day: day === lastDay ? undefined : formatDay(date, labels), sender: message.senderAddress, fromMe: message.fromMe, messages: [message] })
    lastDay = day
  }
  return groups
}

/**
 * A conversation's live thread, grouped by sender and day, with delivery states (a failed message offers
 * Retry) and a polite live region announcing new messages. Content is rendered as text, never as HTML.
 * Not virtualized yet: every loaded message is in the DOM.
 *
 * @example
 * <MessageList conversation={conversation} />
 */
export const MessageList = forwardRef<HTMLDivElement, MessageListProps>(function MessageList(
  { conversation, markRead = true, labels: labelOverrides, className, ...rest },
  forwarded,
) {
  const { labels } = useUI(labelOverrides)
  const { messages, status } = useMessages(conversation)
  const { resend } = useSendMessage(conversation)
  const { markRead: mark } = useMarkRead()
  const shown = useMemo(() => messages.filter(isDisplayableMessage), [messages])
  const groups = useMemo(() => groupMessages(shown, labels), [shown, labels])
  const scroller = useRef<HTMLDivElement | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const seen = useRef<{ topic: string | undefined; last: string | undefined }>({ topic: undefined, last: undefined })
  const lastMessage = shown.at(-1)
  const lastKey = lastMessage?.key

  useEffect(() => {
    const el = scroller.current
    if (el) el.scrollTop = el.scrollHeight
    const previous = seen.current
    seen.current = { topic: conversation?.topic, last: lastKey }
    // Announce only arrivals from the peer in the thread already shown, not the first page.
    if (status !== 'ready' || !lastMessage || previous.topic !== conversation?.topic || previous.last === undefined || previous.last === lastKey) return
    if (!lastMessage.fromMe) setAnnouncement(labels.newMessage(shortAddress(lastMessage.senderAddress), messageText(lastMessage, labels.unsupportedContent)))
  }, [lastKey, conversation?.topic, status])

  useEffect(() => {
    if (markRead && conversation && status === 'ready' && lastMessage && !lastMessage.fromMe) void mark(conversation)
  }, [markRead, conversation, status, lastKey])

  return (
    <div
      ref={(el) => {
        scroller.current = el
        if (typeof forwarded === 'function') forwarded(el)
        else if (forwarded) forwarded.current = el
      }}
      className={['xk-message-list', className].filter(Boolean).join(' ')}
      data-status={status}
      {...rest}
    >
      {status === 'loading' && shown.length === 0 ? (
        <p className="xk-message-list__status" role="status">
          {labels.loadingMessages}
        </p>
      ) : shown.length === 0 ? (
        <p className="xk-message-list__status">{labels.emptyThread}</p>
      ) : (
        <ol className="xk-message-list__items" aria-label={labels.messageList}>
          {groups.map((group) => (
            <li key={group.key} className="xk-message-list__group" data-from-me={group.fromMe ? '' : undefined}>
              {group.day ? (
                <div className="xk-message-list__separator" role="separator" aria-label={group.day}>
                  <span>{group.day}</span>
                </div>
              ) : null}
              <div className="xk-message-list__sender">{group.fromMe ? labels.you : shortAddress(group.sender)}</div>
              <ol className="xk-message-list__messages">
                {group.messages.map((message) => (
                  <li key={message.key} className="xk-message" data-delivery={message.deliveryStatus} data-from-me={message.fromMe ? '' : undefined}>
                    <div className="xk-message__bubble">
                      <p className="xk-message__text">{messageText(message, labels.unsupportedContent)}</p>
                    </div>
                    <div className="xk-message__meta">
                      {message.deliveryStatus === 'pending' ? (
                        <span className="xk-message__status">{labels.sending}</span>
                      ) : message.deliveryStatus === 'failed' ? (
                        <>
                          <span className="xk-message__status" role="alert">
                            {labels.failed}
                          </span>
                          <button type="button" className="xk-message__retry" onClick={() => void resend(message.key)}>
                            {labels.retry}
                          </button>
                        </>
                      ) : (
                        <time className="xk-message__time">{formatTime(nsToDate(message.sentNs))}</time>
                      )}
                    </div>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
      <div className="xk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  )
})
