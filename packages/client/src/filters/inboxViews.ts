import { consentIs } from './consentIs.js'
import type { SyncInboxFilter } from './types.js'

/**
 * The three standard inbox tabs by consent: `primary` (allowed), `requests` (not yet decided) and `blocked`
 * (denied). Spread it to add your own: `{ ...inboxViews, holders: and(inboxViews.primary, holdsToken(…)) }`.
 *
 * @example
 * const counts = await countInboxViews(items, inboxViews) // { primary: 12, requests: 3, blocked: 1 }
 */
export const inboxViews: {
  readonly primary: SyncInboxFilter
  readonly requests: SyncInboxFilter
  readonly blocked: SyncInboxFilter
} = Object.freeze({
  primary: consentIs('allowed'),
  requests: consentIs('requested'),
  blocked: consentIs('denied'),
})
