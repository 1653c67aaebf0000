/** Labels of the message list, the composer and the open thread of the inbox. */
export interface ThreadLabels {
  messageList: string
  loadingMessages: string
  loadingOlder: string
  emptyThread: string
  you: string
  sending: string
  failed: string
  retry: string
  /** Announced (politely) when a message arrives. */
  newMessage: (sender: string, text: string) => string
  unsupportedContent: string
  messagesFailed: string
  /** The button shown while scrolled up. */
  jumpToLatest: string
  /** Next to it: how many messages arrived while scrolled up. */
  newMessagesCount: (count: number) => string
  /** Under the last own message the peer has read. */
  seen: string

  /** The group of actions on a message. */
  messageActions: string
  reply: string
  /** The reactions under a message. */
  reactions: string
  addReaction: string
  reactWith: (emoji: string) => string
  /** A reaction button: its emoji, how many reacted, whether the local user did. */
  reactionButton: (emoji: string, count: number, mine: boolean) => string
  /** The quote above a reply; clicking it shows the message replied to. */
  inReplyTo: (sender: string) => string
  /** The quote of a reply whose message is not loaded. */
  originalNotLoaded: string

  /** Attachments: what a file without a name is called. */
  untitledFile: string
  /** A link that saves a file: its name and size. */
  downloadFile: (name: string, size: string) => string
  /** The button that downloads a remote attachment on demand. */
  loadAttachment: (name: string) => string
  loadingAttachment: string
  attachmentFailed: string
  retryAttachment: string

  composerPlaceholder: string
  composerLabel: string
  send: string
  cannotMessage: string
  checkingPeer: string
  attachFile: string
  /** A picked file over the composer's limit: its name, its size and the limit. Nothing is sent. */
  fileTooLarge: (name: string, size: string, limit: string) => string
  fileUnreadable: string
  /** The preview above the input while a reply target is set. */
  replyingTo: (sender: string) => string
  cancelReply: string

  today: string
  yesterday: string
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export const threadLabels: ThreadLabels = {
  messageList: 'Messages',
  loadingMessages: 'Loading messages…',
  loadingOlder: 'Loading older messages…',
  emptyThread: 'No messages yet. Say hello!',
  you: 'You',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  newMessage: (sender, text) => `New message from ${sender}: ${text}`,
  unsupportedContent: 'Unsupported message',
  messagesFailed: 'Messages could not be loaded.',
  jumpToLatest: 'Jump to latest',
  newMessagesCount: (n) => plural(n, 'new message', 'new messages'),
  seen: 'Seen',

  messageActions: 'Message actions',
  reply: 'Reply',
  reactions: 'Reactions',
  addReaction: 'Add reaction',
  reactWith: (emoji) => `React with ${emoji}`,
  reactionButton: (emoji, count, mine) => `${emoji} ${count}${mine ? ', including you' : ''}`,
  inReplyTo: (sender) => `In reply to ${sender}`,
  originalNotLoaded: 'Original message not loaded',

  untitledFile: 'Attachment',
  downloadFile: (name, size) => `Download ${name} (${size})`,
  loadAttachment: (name) => `Load ${name}`,
  loadingAttachment: 'Loading attachment…',
  attachmentFailed: 'The attachment could not be loaded.',
  retryAttachment: 'Try again',

  composerPlaceholder: 'Write a message',
  composerLabel: 'Message',
  send: 'Send',
  cannotMessage: 'This wallet is not on XMTP yet, so it cannot receive messages.',
  checkingPeer: 'Checking whether this wallet can receive messages…',
  attachFile: 'Attach a file',
  fileTooLarge: (name, size, limit) => `“${name}” is too large to send (${size}). Files can be up to ${limit}.`,
  fileUnreadable: 'The file could not be read.',
  replyingTo: (sender) => `Replying to ${sender}`,
  cancelReply: 'Cancel reply',

  today: 'Today',
  yesterday: 'Yesterday',
}
