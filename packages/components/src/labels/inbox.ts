/** Labels of the inbox, the conversation list and the request banner. */
export interface InboxLabels {
  conversationList: string
  viewPrimary: string
  viewRequests: string
  viewBlocked: string
  emptyConversations: string
  loadingConversations: string
  /** The accessible name of an unread badge. */
  unread: (count: number) => string
  noMessagesYet: string
  requestTitle: string
  requestText: (peer: string) => string
  accept: string
  block: string
  back: string
  selectConversation: string
}

export const inboxLabels: InboxLabels = {
  conversationList: 'Conversations',
  viewPrimary: 'Primary',
  viewRequests: 'Requests',
  viewBlocked: 'Blocked',
  emptyConversations: 'No conversations',
  loadingConversations: 'Loading conversations…',
  unread: (count) => `${count} unread`,
  noMessagesYet: 'No messages yet',
  requestTitle: 'Message request',
  requestText: (peer) => `${peer} wants to message you. Accept to move the conversation to Primary.`,
  accept: 'Accept',
  block: 'Block',
  back: 'Back to conversations',
  selectConversation: 'Select a conversation',
}
