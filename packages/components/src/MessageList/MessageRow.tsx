import type { DecodedMessage, MessageItem } from '@xmtp-kit/client'
import type { ReactionGroup } from '@xmtp-kit/react'
import { memo, useCallback, useEffect, useRef } from 'react'
import { formatTime, nsToDate } from '../internal/format.js'
import { messageKind, previewText, replyOf } from '../internal/threadContent.js'
import type { Labels } from '../labels.js'
import { useIdentity, useUI } from '../UIProvider/UIProvider.js'
import { type AttachmentOptions, MessageAttachment } from './MessageAttachment.js'
import { ReactionList, ReactionPicker } from './MessageReactions.js'
import type { ThreadRow } from './threadRows.js'

export interface MessageRowProps {
  row: ThreadRow
  index: number
  count: number
  /** Where the row sits in the list, in pixels from its top. */
  start: number
  measure: (element: HTMLLIElement | null) => void
  reactions: readonly ReactionGroup[] | undefined
  /** For a reply: the message it answers and its row index, or `null` when that message is not loaded. */
  parent: { message: MessageItem; index: number } | null | undefined
  seen: boolean
  /** Non-zero while the row is the one a quote showed (a new number each time, so it takes focus again). */
  highlighted: number
  emojis: readonly string[]
  attachmentOptions: AttachmentOptions | undefined
  labels: Labels
  onRetry: (key: string) => void
  onReact: (messageId: string, emoji: string, mine: boolean) => void
  onReply: ((message: MessageItem) => void) | undefined
  onShowMessage: (index: number) => void
}

/** The name shown for a sender: "You", or the resolved name (the short address until it resolves). */
export function SenderName({ message, labels }: { message: Pick<DecodedMessage, 'fromMe' | 'senderAddress'>; labels: Labels }) {
  const { displayName } = useIdentity(message.senderAddress)
  return <>{message.fromMe ? labels.you : displayName}</>
}

function useSenderName(message: Pick<DecodedMessage, 'fromMe' | 'senderAddress'>, labels: Labels) {
  const { displayName } = useIdentity(message.senderAddress)
  return message.fromMe ? labels.you : displayName
}

/** The default rendering of a message's content: plain text (never HTML), or its attachment. */
function DefaultContent({ message, labels, attachmentOptions }: { message: DecodedMessage; labels: Labels; attachmentOptions: AttachmentOptions | undefined }) {
  const kind = messageKind(message)
  if (kind === 'attachment' || kind === 'remoteAttachment') return <MessageAttachment message={message} options={attachmentOptions} labels={labels} />
  return <p className="xk-message__text">{previewText(message, labels)}</p>
}

function Quote({ parent, labels, onShow }: { parent: { message: MessageItem; index: number } | null; labels: Labels; onShow: (index: number) => void }) {
  if (!parent) {
    return (
      <div className="xk-quote" data-missing="">
        <span className="xk-quote__text">{labels.originalNotLoaded}</span>
      </div>
    )
  }
  return <LoadedQuote parent={parent} labels={labels} onShow={onShow} />
}

function LoadedQuote({ parent, labels, onShow }: { parent: { message: MessageItem; index: number }; labels: Labels; onShow: (index: number) => void }) {
  const sender = useSenderName(parent.message, labels)
  return (
    <button type="button" className="xk-quote" onClick={() => onShow(parent.index)}>
      <span className="xk-quote__sender">{labels.inReplyTo(sender)}</span>{' '}
      <span className="xk-quote__text">{previewText(parent.message, labels)}</span>
    </button>
  )
}

/** One message of the list, with its date separator and sender when it starts a group. */
export const MessageRow = memo(function MessageRow({
  row,
  index,
  count,
  start,
  measure,
  reactions,
  parent,
  seen,
  highlighted,
  emojis,
  attachmentOptions,
  labels,
  onRetry,
  onReact,
  onReply,
  onShowMessage,
}: MessageRowProps) {
  const { message } = row
  const { components } = useUI()
  const Content = components.MessageContent
  const element = useRef<HTMLLIElement | null>(null)
  const isReply = replyOf(message) !== undefined
  const sent = message.deliveryStatus === 'sent' && message.id !== ''
  const ref = useCallback(
    (el: HTMLLIElement | null) => {
      element.current = el
      measure(el)
    },
    [measure],
  )

  useEffect(() => {
    // A message shown from a quote takes focus, so that keyboard and screen reader users land on it too.
    if (highlighted > 0) element.current?.focus({ preventScroll: true })
  }, [highlighted])

  return (
    <li
      ref={ref}
      data-index={index}
      className="xk-message"
      data-delivery={message.deliveryStatus}
      data-from-me={message.fromMe ? '' : undefined}
      data-group-start={row.groupStart ? '' : undefined}
      data-highlighted={highlighted > 0 ? '' : undefined}
      aria-setsize={count}
      aria-posinset={index + 1}
      tabIndex={-1}
      style={{ transform: `translateY(${start}px)` }}
    >
      {row.day ? (
        <div className="xk-message-list__separator" role="separator" aria-label={row.day}>
          <span>{row.day}</span>
        </div>
      ) : null}
      {row.groupStart ? (
        <div className="xk-message-list__sender">
          <SenderName message={message} labels={labels} />
        </div>
      ) : null}
      <div className="xk-message__body">
        <div className="xk-message__bubble">
          {isReply ? <Quote parent={parent ?? null} labels={labels} onShow={onShowMessage} /> : null}
          {Content ? <Content message={message} fromMe={message.fromMe} /> : <DefaultContent message={message} labels={labels} attachmentOptions={attachmentOptions} />}
        </div>
        {sent ? (
          <div className="xk-message__actions" role="group" aria-label={labels.messageActions}>
            <ReactionPicker
              emojis={emojis}
              mine={(emoji) => reactions?.some((r) => r.content === emoji && r.mine) ?? false}
              onPick={(emoji, mine) => onReact(message.id, emoji, mine)}
              labels={labels}
            />
            {onReply ? (
              <button type="button" className="xk-message__action" aria-label={labels.reply} onClick={() => onReply(message)}>
                <span aria-hidden="true">↩</span>
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {reactions && reactions.length > 0 ? <ReactionList groups={reactions} onToggle={(emoji, mine) => onReact(message.id, emoji, mine)} labels={labels} /> : null}
      <div className="xk-message__meta">
        {message.deliveryStatus === 'pending' ? (
          <span className="xk-message__status">{labels.sending}</span>
        ) : message.deliveryStatus === 'failed' ? (
          <>
            <span className="xk-message__status" role="alert">
              {labels.failed}
            </span>
            <button type="button" className="xk-message__retry" onClick={() => onRetry(message.key)}>
              {labels.retry}
            </button>
          </>
        ) : (
          <time className="xk-message__time" dateTime={nsToDate(message.sentNs).toISOString()}>
            {formatTime(nsToDate(message.sentNs))}
          </time>
        )}
        {seen ? <span className="xk-message__seen">{labels.seen}</span> : null}
      </div>
    </li>
  )
})
