import type { Conversation } from '@xmtp-kit/client'
import { useInboxFilters, useUnreadCount } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, type KeyboardEvent, forwardRef, useId, useRef, useState } from 'react'
import { formatTime, messageText, nsToDate, shortAddress } from '../internal/format.js'
import type { Labels } from '../labels.js'
import { useUI } from '../UIProvider/UIProvider.js'

/** The built-in consent views. */
export type ConversationListView = 'primary' | 'requests' | 'blocked'

export interface ConversationListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect'> {
  /** The selected conversation's topic. */
  selectedTopic?: string | undefined
  onSelect?: ((conversation: Conversation) => void) | undefined
  /** The active view, controlled. */
  view?: ConversationListView | undefined
  /** The active view at first, uncontrolled. Default `primary`. */
  defaultView?: ConversationListView | undefined
  onViewChange?: ((view: ConversationListView) => void) | undefined
  labels?: Partial<Labels> | undefined
}

const viewLabel = (labels: Labels, view: ConversationListView) =>
  view === 'primary' ? labels.viewPrimary : view === 'requests' ? labels.viewRequests : labels.viewBlocked

/**
 * The live conversation list with consent views (Primary / Requests / Blocked, with counts), previews and
 * unread badges. A listbox: arrow keys, Home and End move between conversations, Enter or Space selects.
 *
 * @example
 * <ConversationList selectedTopic={topic} onSelect={(c) => setTopic(c.topic)} />
 */
export const ConversationList = forwardRef<HTMLDivElement, ConversationListProps>(function ConversationList(
  { selectedTopic, onSelect, view, defaultView, onViewChange, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels } = useUI(labelOverrides)
  const inbox = useInboxFilters<ConversationListView>({ view, defaultView, onViewChange })
  const { byTopic } = useUnreadCount()
  const id = useId()
  const options = useRef<(HTMLDivElement | null)[]>([])
  const [active, setActive] = useState(0)
  const count = inbox.conversations.length
  const current = Math.min(active, Math.max(0, count - 1))

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    let next: number | undefined
    if (event.key === 'ArrowDown') next = Math.min(current + 1, count - 1)
    else if (event.key === 'ArrowUp') next = Math.max(current - 1, 0)
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = count - 1
    else if (event.key === 'Enter' || event.key === ' ') {
      const summary = inbox.conversations[current]
      if (summary) {
        event.preventDefault()
        onSelect?.(summary.conversation)
      }
      return
    }
    if (next === undefined || next < 0) return
    event.preventDefault()
    setActive(next)
    options.current[next]?.focus()
  }

  return (
    <div ref={ref} className={['xk-conversation-list', className].filter(Boolean).join(' ')} data-status={inbox.status} {...rest}>
      <div className="xk-conversation-list__tabs" role="tablist" aria-label={labels.conversationList}>
        {inbox.views.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`${id}-tab-${v}`}
            aria-selected={v === inbox.view}
            aria-controls={`${id}-panel`}
            className="xk-conversation-list__tab"
            data-state={v === inbox.view ? 'active' : 'inactive'}
            onClick={() => {
              setActive(0)
              inbox.setView(v)
            }}
          >
            {viewLabel(labels, v)} <span className="xk-conversation-list__count">{inbox.counts[v]}</span>
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${inbox.view}`} className="xk-conversation-list__panel">
        {count === 0 ? (
          <p className="xk-conversation-list__empty" role="status">
            {inbox.status === 'loading' ? labels.loadingConversations : labels.emptyConversations}
          </p>
        ) : (
          <div role="listbox" aria-label={viewLabel(labels, inbox.view)} className="xk-conversation-list__items" onKeyDown={onKeyDown}>
            {inbox.conversations.map((summary, i) => {
              const { conversation, lastMessage } = summary
              const unread = byTopic.get(conversation.topic) ?? summary.unreadCount
              const selected = conversation.topic === selectedTopic
              const name = shortAddress(conversation.peerAddress)
              return (
                <div
                  key={conversation.topic}
                  ref={(el) => {
                    options.current[i] = el
                  }}
                  role="option"
                  aria-selected={selected}
                  tabIndex={i === current ? 0 : -1}
                  title={conversation.peerAddress}
                  className="xk-conversation-list__item"
                  data-state={selected ? 'selected' : undefined}
                  data-unread={unread > 0 ? '' : undefined}
                  onFocus={() => setActive(i)}
                  onClick={() => onSelect?.(conversation)}
                >
                  <span className="xk-conversation-list__avatar" aria-hidden="true" style={{ background: avatarColor(conversation.peerAddress) }} />
                  <span className="xk-conversation-list__name">{name}</span>
                  {lastMessage ? <time className="xk-conversation-list__time">{formatTime(nsToDate(lastMessage.sentNs))}</time> : null}
                  <span className="xk-conversation-list__preview">{lastMessage ? messageText(lastMessage, labels.unsupportedContent) : labels.noMessagesYet}</span>
                  {unread > 0 ? (
                    <span className="xk-conversation-list__badge" aria-label={labels.unread(unread)}>
                      {unread}
                    </span>
                  ) : null}
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
})

/** A deterministic colour per address. */
function avatarColor(address: string): string {
  let hash = 0
  for (const c of address.toLowerCase()) hash = (hash * 31 + c.charCodeAt(0)) >>> 0
  return `hsl(${hash % 360} 55% 55%)`
}
