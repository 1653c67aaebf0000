/** Labels of the inbox, the conversation list and the request banner. */
export interface InboxLabels {
  conversationList: string
  viewPrimary: string
  viewRequests: string
  viewBlocked: string
  emptyConversations: string
  loadingConversations: string
  /** Shown by the list, the thread and the inbox while no wallet is connected. */
  noWallet: string
  /** The accessible name of an unread badge. */
  unread: (count: number) => string
  noMessagesYet: string
  requestTitle: string
  requestText: (peer: string) => string
  accept: string
  block: string
  back: string
  selectConversation: string
  /** The accessible name of the conversation list's search box. */
  searchConversations: string
  searchPlaceholder: string
  /** Shown when a search leaves no conversation in the active view. */
  noSearchResults: (query: string) => string
  /** Announced (politely) while searching: how many conversations match. */
  searchResults: (count: number) => string
  clearSearch: string
  conversationsError: string
  /** Shown when accepting or blocking a request failed; the request stays as it was. */
  requestFailed: string
  retryRequest: string
}

export const inboxLabels: InboxLabels = {
  conversationList: 'Conversations',
  viewPrimary: 'Primary',
  viewRequests: 'Requests',
  viewBlocked: 'Blocked',
  emptyConversations: 'No conversations',
  loadingConversations: 'Loading conversations…',
  noWallet: 'Connect a wallet to see your messages.',
  unread: (count) => `${count} unread`,
  noMessagesYet: 'No messages yet',
  requestTitle: 'Message request',
  requestText: (peer) => `${peer} wants to message you. Accept to move the conversation to Primary.`,
  accept: 'Accept',
  block: 'Block',
  back: 'Back to conversations',
  selectConversation: 'Select a conversation',
  searchConversations: 'Search conversations',
  searchPlaceholder: 'Search',
  noSearchResults: (query) => `No conversations match “${query}”`,
  searchResults: (count) => (count === 1 ? '1 conversation found' : `${count} conversations found`),
  clearSearch: 'Clear search',
  conversationsError: 'Could not load conversations.',
  requestFailed: 'Could not save your choice. Check your connection and try again.',
  retryRequest: 'Try again',
}
