import { type ConversationListSnapshot, type ConversationSummary, type InboxFilter, inboxViews } from '@xmtp-kit/client'
import { useCallback, useMemo, useState } from 'react'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useFilterResults } from './internal/useFilterResults.js'
import { useInboxItems } from './internal/useInboxItems.js'

export interface UseInboxFiltersParameters<K extends string> {
  /**
   * The views (tabs) by name: the client's `inboxViews` (`primary`, `requests`, `blocked`) by default; spread
   * it to add your own (`{ ...inboxViews, holders: and(inboxViews.primary, holdsToken(…)) }`). Build the object
   * outside the component or with `useMemo`.
   */
  views?: Readonly<Record<K, InboxFilter>> | undefined
  /** Applied on top of the active view, e.g. `keyword(search)`; not counted in `counts`. */
  filter?: InboxFilter | undefined
  /** The active view, controlled. */
  view?: NoInfer<K> | undefined
  /** The active view at first, uncontrolled. Default: the first view. */
  defaultView?: NoInfer<K> | undefined
  onViewChange?: ((view: NoInfer<K>) => void) | undefined
}

export interface UseInboxFiltersReturnType<K extends string> {
  /** The view names, in order. */
  views: readonly K[]
  view: K
  setView(view: K): void
  /** Conversations in each view (before `filter`), for tab badges. */
  counts: Readonly<Record<K, number>>
  /** The active view's conversations (and `filter`'s), newest activity first. */
  conversations: readonly ConversationSummary[]
  status: ConversationListSnapshot['status']
  /** An async filter has not answered for every conversation yet. */
  isFiltering: boolean
  error: Error | undefined
}

/**
 * Inbox tabs over the live conversation list: built-in and custom filters composed into views, the count of
 * each, and the active view's conversations. Everything follows the list live, consent changes included.
 *
 * @example
 * const { views, view, setView, counts, conversations } = useInboxFilters()
 * views.map((v) => <Tab key={v} selected={v === view} onClick={() => setView(v)}>{v} ({counts[v]})</Tab>)
 */
export function useInboxFilters<K extends string = keyof typeof inboxViews>(parameters: UseInboxFiltersParameters<K> = {}): UseInboxFiltersReturnType<K> {
  const client = useCurrentClient()
  const views = (parameters.views ?? inboxViews) as Readonly<Record<K, InboxFilter>>
  const names = useMemo(() => Object.keys(views) as K[], [views])
  const [uncontrolled, setUncontrolled] = useState<K | undefined>(parameters.defaultView)
  const view = (parameters.view ?? uncontrolled ?? names[0]) as K
  const { onViewChange } = parameters
  const setView = useCallback(
    (next: K) => {
      setUncontrolled(next)
      onViewChange?.(next)
    },
    [onViewChange],
  )

  const { list, items } = useInboxItems(client)
  const byView = useFilterResults(items, views)
  const search = useFilterResults(items, useMemo(() => ({ search: parameters.filter }), [parameters.filter]))

  const counts = useMemo(() => {
    const result = {} as Record<K, number>
    for (const name of names) result[name] = byView.passes[name].reduce<number>((n, passes) => (passes ? n + 1 : n), 0)
    return result
  }, [names, byView.passes])
  const active = byView.passes[view]
  const searched = search.passes.search
  const conversations = useMemo(
    () => items.filter((_, i) => (active?.[i] ?? false) && (searched?.[i] ?? true)).map((item) => item.summary),
    [items, active, searched],
  )
  return {
    views: names,
    view,
    setView,
    counts,
    conversations,
    status: list.status,
    isFiltering: byView.pending || search.pending,
    error: list.error ?? byView.error ?? search.error,
  }
}
