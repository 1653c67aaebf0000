/** Labels of the message list and the composer. */
export interface ThreadLabels {
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
  today: string
  yesterday: string
}

export const threadLabels: ThreadLabels = {
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
  today: 'Today',
  yesterday: 'Yesterday',
}
