import type { Conversation, MessageItem } from '@xmtp-kit/client'
import { useClient, useMarkRead, useMessages, useReactions, useSendMessage, useUnreadCount } from '@xmtp-kit/react'
import { measureElement, observeElementRect, type Rect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import {
  type ComponentPropsWithoutRef,
  type ForwardedRef,
  forwardRef,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { EmptyStateSlot } from '../internal/EmptyStateSlot.js'
import { previewText, replyOf } from '../internal/threadContent.js'
import type { Labels } from '../labels.js'
import { useIdentity, useUI } from '../UIProvider/UIProvider.js'
import type { AttachmentOptions } from './MessageAttachment.js'
import { MessageRow } from './MessageRow.js'
import { buildThreadRows, estimateRowHeight } from './threadRows.js'

export interface MessageListProps extends ComponentPropsWithoutRef<'div'> {
  conversation: Conversation | undefined
  /** Marks the conversation read as messages arrive while it is shown. Default true. */
  markRead?: boolean | undefined
  /** With `markRead`, also tells the peer (a read receipt), so their thread shows "Seen". Default false. */
  sendReadReceipts?: boolean | undefined
  /** Messages per page, for the first load and each older page (scrolling up). Give the `Composer` the same. Default 30. */
  pageSize?: number | undefined
  /** Shows a Reply action on each message; called with the message to reply to (pass it to the `Composer`'s `replyTo`). */
  onReply?: ((message: MessageItem) => void) | undefined
  /** The emoji offered by "Add reaction". Default 👍 ❤️ 😂 😮 😢 🙏. */
  reactionEmojis?: readonly string[] | undefined
  /** Limits and `fetch` for downloading remote attachments (each on demand). */
  attachmentOptions?: AttachmentOptions | undefined
  /** Rows rendered beyond each edge of the visible ones. Default 6. */
  overscan?: number | undefined
  labels?: Partial<Labels> | undefined
}

const DEFAULT_EMOJIS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏']
/** Within this many pixels of the end, the list counts as at the end and follows new messages. */
const END_SLOP = 64
/** Within this many pixels of the top, the next older page loads. */
const OLDER_SLOP = 240
const PADDING = 12
/**
 * The viewport assumed while the scroller has no layout (not yet in the document, `display: none`, or a DOM
 * without layout): enough rows for a phone screen, not the whole thread.
 */
const UNLAID_VIEWPORT: Rect = { width: 360, height: 640 }

type ListVirtualizer = Virtualizer<HTMLDivElement, HTMLLIElement>

/** Layout effects where there is a DOM; on a server (where they would warn) plain effects, which never run. */
const useBrowserLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

const observeRect = (instance: ListVirtualizer, callback: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : UNLAID_VIEWPORT))

/** A row's measured height, or its estimate where nothing is laid out (a height of 0 would pull in every row). */
const measureRow = (element: HTMLLIElement, entry: ResizeObserverEntry | undefined, instance: ListVirtualizer) => {
  const size = measureElement(element, entry, instance)
  return size > 0 ? size : instance.options.estimateSize(instance.indexFromElement(element))
}

/**
 * A conversation's live thread, virtualized (only the rows in view, plus `overscan`, are in the DOM), grouped
 * by sender and day. Scrolling near the top loads older messages without moving what is shown; while scrolled
 * up, a button jumps back to the latest and counts the messages that arrived. Messages show their reactions
 * (click to add or remove yours), the message a reply quotes (click to show it), attachments (images inline,
 * other files as downloads, remote files on demand), delivery states (a failed message offers Retry) and
 * "Seen" under the last message the peer has read. New messages are announced politely. Content is rendered
 * as text, never as HTML; the `MessageContent` slot replaces it.
 *
 * @example
 * const [replyTo, setReplyTo] = useState<MessageItem>()
 * <MessageList conversation={conversation} onReply={setReplyTo} />
 * <Composer conversation={conversation} replyTo={replyTo} onCancelReply={() => setReplyTo(undefined)} />
 */
export const MessageList = forwardRef<HTMLDivElement, MessageListProps>(function MessageList(props, ref) {
  // One thread per conversation: switching starts afresh (scroll position, counts, row sizes).
  return <Thread key={props.conversation?.topic ?? ''} {...props} forwardedRef={ref} />
})

function Thread({
  conversation,
  markRead = true,
  sendReadReceipts = false,
  pageSize,
  onReply,
  reactionEmojis = DEFAULT_EMOJIS,
  attachmentOptions,
  overscan = 6,
  labels: labelOverrides,
  className,
  forwardedRef,
  ...rest
}: MessageListProps & { forwardedRef: ForwardedRef<HTMLDivElement> }) {
  const { labels } = useUI(labelOverrides)
  const { status: clientStatus } = useClient()
  const { messages, status, hasOlder, loadingOlder, loadOlder } = useMessages(conversation, { pageSize })
  const { resend } = useSendMessage(conversation, { pageSize })
  const { reactions, react, unreact } = useReactions(conversation, { pageSize })
  const { markRead: mark } = useMarkRead()
  const { peerReadNs } = useUnreadCount(conversation)
  const rows = useMemo(() => buildThreadRows(messages, labels), [messages, labels])
  const indexById = useMemo(() => {
    const map = new Map<string, number>()
    rows.forEach((row, i) => row.message.id && map.set(row.message.id, i))
    return map
  }, [rows])
  // For each reply: the message it quotes and where, or null when that message is not loaded.
  const parents = useMemo(() => {
    const map = new Map<string, { message: MessageItem; index: number } | null>()
    for (const row of rows) {
      const reply = replyOf(row.message)
      if (!reply) continue
      const index = indexById.get(reply.reference)
      map.set(row.key, index === undefined ? null : { message: rows[index]!.message, index })
    }
    return map
  }, [rows, indexById])
  const seenKey = useMemo(() => {
    if (peerReadNs === undefined) return undefined
    for (let i = rows.length - 1; i >= 0; i--) {
      const { message } = rows[i]!
      if (message.fromMe && message.deliveryStatus === 'sent' && message.sentNs <= peerReadNs) return message.key
    }
    return undefined
  }, [rows, peerReadNs])

  const scroller = useRef<HTMLDivElement | null>(null)
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows])
  const estimateSize = useCallback((index: number) => estimateRowHeight(rows[index], reactions.has(rows[index]?.message.id ?? '')), [rows, reactions])
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan,
    paddingStart: PADDING,
    paddingEnd: PADDING,
    // Prepending older messages keeps the rows in view where they are.
    anchorTo: 'end',
    initialRect: UNLAID_VIEWPORT,
    observeElementRect: observeRect,
    measureElement: measureRow,
    useFlushSync: false,
  })

  // Following the end, the jump-to-latest button, and new messages counted while scrolled up.
  const atEnd = useRef(true)
  const [scrolledUp, setScrolledUp] = useState(false)
  const [newCount, setNewCount] = useState(0)
  const seen = useRef<{ keys: Set<string>; newestNs: bigint } | undefined>(undefined)
  useBrowserLayoutEffect(() => {
    if (rows.length === 0) return
    const previous = seen.current
    let newestNs = previous?.newestNs ?? 0n
    for (const { message } of rows) if (message.deliveryStatus === 'sent' && message.sentNs > newestNs) newestNs = message.sentNs
    seen.current = { keys: new Set(rows.map((r) => r.key)), newestNs }
    if (!previous) {
      virtualizer.scrollToEnd()
      return
    }
    // Rows not seen before are older pages (above) or new messages (below the newest seen).
    const added = rows.filter((r) => !previous.keys.has(r.key) && (r.message.deliveryStatus !== 'sent' || r.message.sentNs >= previous.newestNs))
    if (added.length === 0) return
    if (atEnd.current || added.some((r) => r.message.fromMe && r.message.deliveryStatus === 'pending')) virtualizer.scrollToEnd()
    else {
      const incoming = added.filter((r) => !r.message.fromMe).length
      if (incoming > 0) setNewCount((n) => n + incoming)
    }
  }, [rows, virtualizer])

  const canLoadOlder = hasOlder && !loadingOlder && status === 'ready' && seen.current !== undefined
  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    const end = el.scrollHeight - el.clientHeight - el.scrollTop <= END_SLOP
    atEnd.current = end
    setScrolledUp(!end)
    if (end) setNewCount(0)
    if (el.scrollTop > OLDER_SLOP || !canLoadOlder) return
    // Not before the virtualizer has seen this scroll (its listener may run after this one, and a page can
    // arrive within the event): it keeps the rows in view in place as the page comes in, from where they are.
    setTimeout(() => {
      if (scroller.current && scroller.current.scrollTop <= OLDER_SLOP) void loadOlder()
    }, 0)
  }
  useEffect(() => {
    // The viewport shrinking (a reply preview, a keyboard) would hide the latest messages: follow the end.
    const el = scroller.current
    if (!el || typeof ResizeObserver === 'undefined') return
    let height = el.clientHeight
    const observer = new ResizeObserver(() => {
      if (el.clientHeight !== height && atEnd.current) virtualizer.scrollToEnd()
      height = el.clientHeight
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [virtualizer])
  useEffect(() => {
    // A first page shorter than the viewport gives nothing to scroll: load more until it fills (when laid out).
    const el = scroller.current
    if (el && canLoadOlder && el.clientHeight > 0 && el.scrollHeight <= el.clientHeight) void loadOlder()
  })

  // Showing the message a reply quotes: scroll it into view, then it takes focus.
  const [highlight, setHighlight] = useState<{ key: string; nonce: number }>()
  const showMessage = useCallback(
    (index: number) => {
      const row = rowsRef.current[index]
      if (!row) return
      virtualizer.scrollToIndex(index, { align: 'center' })
      setHighlight((h) => ({ key: row.key, nonce: (h?.nonce ?? 0) + 1 }))
    },
    [virtualizer],
  )
  const onReact = useCallback((id: string, emoji: string, mine: boolean) => void (mine ? unreact(id, emoji) : react(id, emoji)), [react, unreact])
  const onRetry = useCallback((key: string) => void resend(key), [resend])

  // A polite announcement of messages from the peer arriving in the thread shown (not the first page).
  const peerName = useIdentity(conversation?.peerAddress ?? '').displayName
  const [announcement, setAnnouncement] = useState('')
  const announced = useRef<string | undefined>(undefined)
  const lastRow = rows.at(-1)
  useEffect(() => {
    const previous = announced.current
    announced.current = lastRow?.key
    if (status !== 'ready' || !lastRow || previous === undefined || previous === lastRow.key || lastRow.message.fromMe) return
    setAnnouncement(labels.newMessage(peerName, previewText(lastRow.message, labels)))
  }, [lastRow?.key, status])

  useEffect(() => {
    if (markRead && conversation && status === 'ready' && lastRow && !lastRow.message.fromMe) void mark(conversation, { sendReceipt: sendReadReceipts })
  }, [markRead, conversation, status, lastRow?.key])

  const items = virtualizer.getVirtualItems()
  return (
    <div ref={forwardedRef} className={['xk-message-list', className].filter(Boolean).join(' ')} data-status={status} {...rest}>
      <div ref={scroller} className="xk-message-list__scroller" onScroll={onScroll}>
        {rows.length === 0 ? (
          clientStatus === 'idle' ? (
            <div className="xk-message-list__status" role="status">
              <EmptyStateSlot kind="wallet" text={labels.noWallet} className="xk-message-list__wallet" />
            </div>
          ) : conversation && (status === 'loading' || status === 'idle') ? (
            <p className="xk-message-list__status" role="status">
              {labels.loadingMessages}
            </p>
          ) : status === 'error' ? (
            <p className="xk-message-list__status" role="alert">
              {labels.messagesFailed}
            </p>
          ) : (
            <EmptyStateSlot kind="messages" text={labels.emptyThread} className="xk-message-list__status" />
          )
        ) : (
          <ol className="xk-message-list__items" aria-label={labels.messageList} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]!
              return (
                <MessageRow
                  key={item.key as string}
                  row={row}
                  index={item.index}
                  count={rows.length}
                  start={item.start}
                  measure={virtualizer.measureElement}
                  reactions={reactions.get(row.message.id)}
                  parent={parents.get(row.key)}
                  seen={row.key === seenKey}
                  highlighted={highlight?.key === row.key ? highlight.nonce : 0}
                  emojis={reactionEmojis}
                  attachmentOptions={attachmentOptions}
                  labels={labels}
                  onRetry={onRetry}
                  onReact={onReact}
                  onReply={onReply}
                  onShowMessage={showMessage}
                />
              )
            })}
          </ol>
        )}
      </div>
      {loadingOlder ? (
        <p className="xk-message-list__older" role="status">
          {labels.loadingOlder}
        </p>
      ) : null}
      {scrolledUp ? (
        <button type="button" className="xk-message-list__jump" onClick={() => virtualizer.scrollToEnd()}>
          {labels.jumpToLatest}
          {newCount > 0 ? (
            <>
              {' '}
              <span className="xk-message-list__new-count">{labels.newMessagesCount(newCount)}</span>
            </>
          ) : null}
        </button>
      ) : null}
      <div className="xk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  )
}
