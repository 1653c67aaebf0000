import { type Range, type Rect, type Virtualizer, defaultRangeExtractor, measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual'
import type { Conversation, InboxFilter } from '@xmtp-kit/client'
import { useClient, useInboxFilters, useUnreadCount } from '@xmtp-kit/react'
import {
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  forwardRef,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { EmptyStateSlot } from '../internal/EmptyStateSlot.js'
import type { Labels } from '../labels.js'
import { useUI } from '../UIProvider/UIProvider.js'
import { ConversationRow } from './ConversationRow.js'
import { fold, matchesSearch, useResolvedNames } from './search.js'

/** A view's name: the built-in consent views, or the key of one of your own `views`. */
export type ConversationListView = 'primary' | 'requests' | 'blocked' | (string & {})

/** A tab of the list: a name, its filter, and (for your own views) its label. */
export type ConversationListViews = Readonly<Record<string, InboxFilter>>

export interface ConversationListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect'> {
  /** The selected conversation's topic. */
  selectedTopic?: string | undefined
  onSelect?: ((conversation: Conversation) => void) | undefined
  /**
   * The views (tabs), in order: the client's `inboxViews` (Primary / Requests / Blocked) by default. Spread them to
   * add your own inbox filters (`{ ...inboxViews, holders: and(inboxViews.primary, holdsToken(…)) }`); build the object
   * outside the component or with `useMemo`. Name your views' tabs with `viewLabels`.
   */
  views?: ConversationListViews | undefined
  /** Tab labels of your own views, by name (the built-in ones come from `labels`). Default: the view's name. */
  viewLabels?: Readonly<Record<string, string>> | undefined
  /** The active view, controlled. */
  view?: ConversationListView | undefined
  /** The active view at first, uncontrolled. Default `primary`. */
  defaultView?: ConversationListView | undefined
  onViewChange?: ((view: ConversationListView) => void) | undefined
  /** Show the search box above the views. Default `true`. A `search` given without the box still filters. */
  searchable?: boolean | undefined
  /**
   * The search, controlled: the active view keeps the conversations whose peer address, resolved name or
   * latest message contains it (case-insensitive).
   */
  search?: string | undefined
  /** The search at first, uncontrolled. Default empty. */
  defaultSearch?: string | undefined
  onSearchChange?: ((search: string) => void) | undefined
  labels?: Partial<Labels> | undefined
}

const viewLabel = (labels: Labels, view: ConversationListView, custom: Readonly<Record<string, string>> | undefined) =>
  custom?.[view] ??
  (view === 'primary' ? labels.viewPrimary : view === 'requests' ? labels.viewRequests : view === 'blocked' ? labels.viewBlocked : view)

/** A layout effect in the browser; on the server (where it cannot run) a plain effect, without React 18's warning. */
const useBrowserLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** A row's height before it is measured (two lines of text beside the avatar, with padding). */
const ROW_ESTIMATE = 64
/** Rows rendered beyond each edge of the visible ones. */
const OVERSCAN = 5

type ListVirtualizer = Virtualizer<HTMLDivElement, HTMLDivElement>

/**
 * The scroll element's size, as the virtualizer's default observes it. An element without layout (inside a
 * hidden pane, or a DOM without layout such as jsdom) reports zero: it then counts as one window high, so a
 * first page of rows is rendered rather than none.
 */
function observeListRect(instance: ListVirtualizer, callback: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : { width: rect.width, height: instance.targetWindow?.innerHeight || 600 }))
}

/** A rendered row's measured height; the estimate when it has no layout. */
const measureRow = (element: HTMLDivElement, entry: ResizeObserverEntry | undefined, instance: ListVirtualizer) =>
  measureElement(element, entry, instance) || ROW_ESTIMATE

/**
 * The live conversation list: a search box, consent views as tabs (Primary / Requests / Blocked, with counts)
 * and a virtualized listbox of rows (avatar, name, time, preview as plain text, unread badge). Only the rows in
 * view (and a few around them) are in the DOM, so give the list a bounded height (the `Inbox` does).
 *
 * Keyboard: ↑/↓, Home/End and PageUp/PageDown move between conversations, Enter or Space selects. Focus moves
 * between the rows themselves (a roving tabindex: Tab lands on the active row), each row telling its position
 * (`aria-posinset` of `aria-setsize`); the active row stays rendered while it is scrolled out of view, so
 * focus is never lost, and moving scrolls it back. ←/→ (and Home/End) move between the views.
 *
 * @example
 * <ConversationList selectedTopic={topic} onSelect={(c) => setTopic(c.topic)} />
 * @example
 * // Your own search box
 * <ConversationList searchable={false} search={query} />
 */
export const ConversationList = forwardRef<HTMLDivElement, ConversationListProps>(function ConversationList(
  {
    selectedTopic,
    onSelect,
    views,
    viewLabels,
    view,
    defaultView,
    onViewChange,
    searchable = true,
    search,
    defaultSearch,
    onSearchChange,
    labels: labelOverrides,
    className,
    ...rest
  },
  ref,
) {
  const { labels, components, resolveIdentity } = useUI(labelOverrides)
  const { status: clientStatus } = useClient()
  const inbox = useInboxFilters<ConversationListView>({ views, view, defaultView, onViewChange })
  const { byTopic } = useUnreadCount()
  const id = useId()

  // Search
  const [searchState, setSearchState] = useState(defaultSearch ?? '')
  const query = search ?? searchState
  const needle = fold(query.trim())
  const setQuery = (next: string) => {
    setSearchState(next)
    onSearchChange?.(next)
  }
  const addresses = useMemo(() => inbox.conversations.map((s) => s.conversation.peerAddress), [inbox.conversations])
  const names = useResolvedNames(resolveIdentity, addresses, needle !== '')
  const rows = useMemo(
    () => (needle === '' ? inbox.conversations : inbox.conversations.filter((s) => matchesSearch(s, needle, names, labels))),
    [inbox.conversations, needle, names, labels.unsupportedContent],
  )

  // The active row (roving tabindex), followed by topic so that it stays on its conversation as the list reorders
  const [activeTopic, setActiveTopic] = useState<string | undefined>(undefined)
  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1
    const find = (topic: string | undefined) => (topic === undefined ? -1 : rows.findIndex((s) => s.conversation.topic === topic))
    const active = find(activeTopic)
    if (active >= 0) return active
    const selected = find(selectedTopic)
    return selected >= 0 ? selected : 0
  }, [rows, activeTopic, selectedTopic])

  // Virtualization: the panel scrolls; the active row is always rendered, wherever the list is scrolled
  const panelRef = useRef<HTMLDivElement | null>(null)
  const listboxRef = useRef<HTMLDivElement | null>(null)
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range)
      if (activeIndex < 0 || indexes.includes(activeIndex)) return indexes
      return [...indexes, activeIndex].sort((a, b) => a - b)
    },
    [activeIndex],
  )
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => panelRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => rows[index]?.conversation.topic ?? index,
    overscan: OVERSCAN,
    rangeExtractor,
    observeElementRect: observeListRect,
    measureElement: measureRow,
  })

  // A new view or search starts at the top.
  const shown = `${inbox.view}\n${needle}`
  const previousShown = useRef(shown)
  useEffect(() => {
    if (previousShown.current === shown) return
    previousShown.current = shown
    setActiveTopic(undefined)
    virtualizer.scrollToOffset(0)
  }, [shown, virtualizer])

  // Focus follows a keyboard move once the row is rendered.
  const focusPending = useRef(false)
  const focusRow = (index: number) => listboxRef.current?.querySelector<HTMLElement>(`[role="option"][data-index="${index}"]`)?.focus({ preventScroll: true })
  useBrowserLayoutEffect(() => {
    if (!focusPending.current) return
    focusPending.current = false
    focusRow(activeIndex)
  })

  const moveTo = (index: number) => {
    const target = rows[index]
    if (!target) return
    virtualizer.scrollToIndex(index, { align: 'auto' })
    if (index === activeIndex) focusRow(index)
    else {
      focusPending.current = true
      setActiveTopic(target.conversation.topic)
    }
  }

  /** Rows in a page: as many as fit in the panel (at least one). */
  const pageSize = () => {
    const height = virtualizer.scrollRect?.height ?? 0
    const row = virtualizer.measurementsCache[activeIndex]?.size || ROW_ESTIMATE
    return Math.max(1, Math.floor(height / row))
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey || event.ctrlKey || activeIndex < 0) return
    const last = rows.length - 1
    let next: number
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(activeIndex + 1, last)
        break
      case 'ArrowUp':
        next = Math.max(activeIndex - 1, 0)
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = last
        break
      case 'PageDown':
        next = Math.min(activeIndex + pageSize(), last)
        break
      case 'PageUp':
        next = Math.max(activeIndex - pageSize(), 0)
        break
      case 'Enter':
      case ' ': {
        const summary = rows[activeIndex]
        if (!summary) return
        event.preventDefault()
        onSelect?.(summary.conversation)
        return
      }
      default:
        return
    }
    event.preventDefault()
    moveTo(next)
  }

  // Views: a tablist with its own roving tabindex
  const tabs = useRef(new Map<ConversationListView, HTMLButtonElement | null>())
  const selectView = (next: ConversationListView) => {
    if (next !== inbox.view) inbox.setView(next)
  }
  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const i = inbox.views.indexOf(inbox.view)
    const n = inbox.views.length
    const next =
      event.key === 'ArrowRight'
        ? inbox.views[(i + 1) % n]
        : event.key === 'ArrowLeft'
          ? inbox.views[(i - 1 + n) % n]
          : event.key === 'Home'
            ? inbox.views[0]
            : event.key === 'End'
              ? inbox.views[n - 1]
              : undefined
    if (next === undefined) return
    event.preventDefault()
    selectView(next)
    tabs.current.get(next)?.focus()
  }

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault()
      event.stopPropagation()
      setQuery('')
    }
  }

  const count = rows.length
  const Empty = components.EmptyState
  let content
  if (count > 0) {
    const items = virtualizer.getVirtualItems()
    content = (
      <div
        ref={listboxRef}
        role="listbox"
        aria-label={viewLabel(labels, inbox.view, viewLabels)}
        className="xk-conversation-list__items"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onListKeyDown}
      >
        {items.map((item) => {
          const summary = rows[item.index]
          if (!summary) return null
          const { conversation } = summary
          return (
            <ConversationRow
              key={item.key}
              ref={virtualizer.measureElement}
              summary={summary}
              index={item.index}
              setSize={count}
              unread={byTopic.get(conversation.topic) ?? summary.unreadCount}
              selected={conversation.topic === selectedTopic}
              tabbable={item.index === activeIndex}
              labels={labels}
              style={{ transform: `translateY(${item.start}px)` }}
              onFocus={() => setActiveTopic(conversation.topic)}
              onClick={() => onSelect?.(conversation)}
            />
          )
        })}
      </div>
    )
  } else if (needle !== '' && inbox.conversations.length > 0) {
    content = <p className="xk-conversation-list__empty">{labels.noSearchResults(query.trim())}</p>
  } else if (inbox.status === 'error') {
    content = (
      <p className="xk-conversation-list__empty" role="alert">
        {labels.conversationsError}
      </p>
    )
  } else if (clientStatus === 'idle') {
    content = (
      <div className="xk-conversation-list__empty" role="status">
        <EmptyStateSlot kind="wallet" text={labels.noWallet} className="xk-conversation-list__wallet" />
      </div>
    )
  } else if (inbox.status === 'loading' || inbox.status === 'idle') {
    content = (
      <p className="xk-conversation-list__empty" role="status">
        {labels.loadingConversations}
      </p>
    )
  } else {
    content = (
      <div className="xk-conversation-list__empty" role="status">
        {Empty ? <Empty kind="conversations" text={labels.emptyConversations} /> : labels.emptyConversations}
      </div>
    )
  }

  return (
    <div ref={ref} className={['xk-conversation-list', className].filter(Boolean).join(' ')} data-status={inbox.status} {...rest}>
      {searchable ? (
        <div className="xk-conversation-list__search">
          <input
            type="search"
            className="xk-conversation-list__search-input"
            aria-label={labels.searchConversations}
            aria-controls={`${id}-panel`}
            placeholder={labels.searchPlaceholder}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
            onKeyDown={onSearchKeyDown}
          />
          {query !== '' ? (
            <button type="button" className="xk-conversation-list__search-clear" aria-label={labels.clearSearch} onClick={() => setQuery('')}>
              ×
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="xk-conversation-list__tabs" role="tablist" aria-label={labels.conversationList} onKeyDown={onTabKeyDown}>
        {inbox.views.map((v) => (
          <button
            key={v}
            ref={(el) => {
              tabs.current.set(v, el)
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${v}`}
            aria-selected={v === inbox.view}
            aria-controls={`${id}-panel`}
            tabIndex={v === inbox.view ? 0 : -1}
            className="xk-conversation-list__tab"
            data-state={v === inbox.view ? 'active' : 'inactive'}
            onClick={() => selectView(v)}
          >
            {viewLabel(labels, v, viewLabels)} <span className="xk-conversation-list__count">{inbox.counts[v]}</span>
          </button>
        ))}
      </div>
      <p className="xk-visually-hidden" role="status">
        {needle !== '' ? labels.searchResults(count) : ''}
      </p>
      <div ref={panelRef} id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${inbox.view}`} className="xk-conversation-list__panel">
        {content}
      </div>
    </div>
  )
})
