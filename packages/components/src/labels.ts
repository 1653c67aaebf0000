/** Every string the components show, keyed by stable ids. Override any of them through a component's `labels`. */
export interface Labels {
  conversationList: string
  viewPrimary: string
  viewRequests: string
  viewBlocked: string
  emptyConversations: string
  loadingConversations: string
  /** The accessible name of an unread badge. */
  unread: (count: number) => string
  noMessagesYet: string
  messageList: string
  loadingMessages: string
  emptyThread: string
  you: string
  sending: string
  failed: string
  retry: string
  /** Announced (politely) when a message arrives. */
  newMessage: (sender: string, text: string) => string
  unsupportedContent: string
  composerPlaceholder: string
  composerLabel: string
  send: string
  cannotMessage: string
  checkingPeer: string
  requestTitle: string
  requestText: (peer: string) => string
  accept: string
  block: string
  back: string
  selectConversation: string
  today: string
  yesterday: string
}

/** The English defaults. */
export const defaultLabels: Labels = {
  conversationList: 'Conversations',
  viewPrimary: 'Primary',
  viewRequests: 'Requests',
  viewBlocked: 'Blocked',
  emptyConversations: 'No conversations',
  loadingConversations: 'Loading conversations…',
  unread: (count) => `${count} unread`,
  noMessagesYet: 'No messages yet',
  messageList: 'Messages',
  loadingMessages: 'Loading messages…',
  emptyThread: 'No messages yet. Say hello!',
  you: 'You',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  newMessage: (sender, text) => `New message from ${sender}: ${text}`,
  unsupportedContent: 'Unsupported message',
  composerPlaceholder: 'Write a message',
  composerLabel: 'Message',
  send: 'Send',
  cannotMessage: 'This wallet is not on XMTP yet, so it cannot receive messages.',
  checkingPeer: 'Checking whether this wallet can receive messages…',
  requestTitle: 'Message request',
  requestText: (peer) => `${peer} wants to message you. Accept to move the conversation to Primary.`,
  accept: 'Accept',
  block: 'Block',
  back: 'Back to conversations',
  selectConversation: 'Select a conversation',
  today: 'Today',
  yesterday: 'Yesterday',
}

/** Defaults with the given overrides. */
export function mergeLabels(labels: Partial<Labels> | undefined): Labels {
  return labels ? { ...defaultLabels, ...labels } : defaultLabels
}
