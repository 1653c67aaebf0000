import type { InboxConsentState, SyncInboxFilter } from './types.js'

const STATES: ReadonlySet<unknown> = new Set<InboxConsentState>(['allowed', 'requested', 'denied'])

/**
 * Passes conversations whose consent is `state`.
 *
 * @throws {TypeError} if `state` is not `'allowed' | 'requested' | 'denied'`.
 * @example
 * applyInboxFilter(items, consentIs('requested')) // the message requests
 */
export function consentIs(state: InboxConsentState): SyncInboxFilter {
  if (!STATES.has(state)) throw new TypeError('consentIs: state must be "allowed", "requested" or "denied".')
  return (item) => item.consent === state
}
