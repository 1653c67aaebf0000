'use client'
// Styled drop-in components over @xmtp-kit/react. Import `@xmtp-kit/components/styles.css` once.

export { Inbox, type InboxProps } from './Inbox/index.js'
export { ConversationList, type ConversationListProps, type ConversationListView } from './ConversationList/index.js'
export { MessageList, type MessageListProps } from './MessageList/index.js'
export { Composer, type ComposerProps } from './Composer/index.js'
export { RequestBanner, type RequestBannerProps } from './RequestBanner/index.js'
export { defaultLabels, type Labels } from './labels.js'
