import type { ConversationSummary } from '@xmtp-kit/client'
import { useEffect, useMemo, useState } from 'react'
import { previewText as messagePreview } from '../internal/threadContent.js'
import { type IdentityResolver, lookup } from '../UIProvider/identity.js'

/** Case- and normalisation-insensitive text for matching. */
export const fold = (text: string) => text.normalize('NFKC').toLowerCase()

/** What a preview needs from the labels. */
export interface PreviewLabels {
  unsupportedContent: string
  untitledFile: string
}

/** The preview of a row as plain text (as the thread shows it: a reply's text, `📎 name` for a file), `undefined` when the conversation has no message yet. */
export const previewText = (summary: ConversationSummary, labels: PreviewLabels) =>
  summary.lastMessage ? messagePreview(summary.lastMessage, labels) : undefined

/**
 * Whether a conversation matches a search (`needle` already folded and trimmed): any part of the peer's
 * address, of its resolved name, or of the latest message's text.
 */
export function matchesSearch(summary: ConversationSummary, needle: string, names: ReadonlyMap<string, string>, labels: PreviewLabels): boolean {
  if (needle === '') return true
  const address = summary.conversation.peerAddress.toLowerCase()
  if (address.includes(needle)) return true
  const name = names.get(address)
  if (name !== undefined && fold(name).includes(needle)) return true
  const preview = previewText(summary, labels)
  return preview !== undefined && fold(preview).includes(needle)
}

/**
 * The resolved names of `addresses` (keyed by lower-cased address) while `enabled`, through the provider's
 * resolver and its shared cache, so a search can match names of rows that are not rendered. Names arrive as
 * the resolver answers; without a resolver the map stays empty.
 */
export function useResolvedNames(resolver: IdentityResolver | undefined, addresses: readonly string[], enabled: boolean): ReadonlyMap<string, string> {
  const [state, setState] = useState<{ resolver: IdentityResolver | undefined; names: ReadonlyMap<string, string> }>(() => ({ resolver, names: new Map() }))
  useEffect(() => {
    if (!enabled || !resolver) return
    let active = true
    let batch: Map<string, string> | undefined
    // Answers already cached resolve in the same microtask round: apply them as one update.
    const flush = () => {
      const found = batch
      batch = undefined
      if (!active || !found) return
      setState((previous) => {
        const base = previous.resolver === resolver ? previous.names : new Map<string, string>()
        let changed = previous.resolver !== resolver
        const names = new Map(base)
        for (const [address, name] of found) {
          if (names.get(address) === name) continue
          names.set(address, name)
          changed = true
        }
        return changed ? { resolver, names } : previous
      })
    }
    const unique = new Map(addresses.map((a) => [a.toLowerCase(), a]))
    for (const [key, address] of unique) {
      void lookup(resolver, address).then((resolved) => {
        const name = typeof resolved?.name === 'string' ? resolved.name.trim() : ''
        if (!active || !name) return
        if (!batch) {
          batch = new Map()
          setTimeout(flush, 0)
        }
        batch.set(key, name)
      })
    }
    return () => {
      active = false
    }
  }, [resolver, addresses, enabled])
  return useMemo(() => (state.resolver === resolver ? state.names : new Map<string, string>()), [state, resolver])
}
