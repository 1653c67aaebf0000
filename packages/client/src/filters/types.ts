import type { Conversation, DecodedMessage } from '../conversations/types.js'

/** A conversation's consent state, as the consent module reports it (`getConversationConsent`). */
export type InboxConsentState = 'allowed' | 'requested' | 'denied'

/** What an inbox filter looks at: one conversation and what the app knows about it. */
export interface InboxItem {
  conversation: Conversation
  /** Consent for the peer, computed by the caller (filters never look consent up themselves). */
  consent: InboxConsentState
  /**
   * The conversation's messages, oldest first (as `listMessages` returns them by default). Filters do not
   * rely on the order, only sorting ties do: pass what you have (even none, or only the newest page).
   */
  messages: readonly DecodedMessage[]
  /** This wallet's address (any case): a message counts as mine when `fromMe` or sent from it. */
  myAddress: string
  /** Unread messages, when the app tracks them (see `getUnreadCount`); `undefined` means unknown. */
  unreadCount?: number | undefined
}

/** A filter that answers at once. */
export type SyncInboxFilter<T extends InboxItem = InboxItem> = (item: T) => boolean

/** A filter that needs I/O to answer (e.g. a chain read). */
export type AsyncInboxFilter<T extends InboxItem = InboxItem> = (item: T) => Promise<boolean>

/** Any inbox filter: sync or async. Combine them with `and`, `or` and `not`. */
export type InboxFilter<T extends InboxItem = InboxItem> = (item: T) => boolean | Promise<boolean>
