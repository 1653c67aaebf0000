'use client'
// Styled drop-in components over @xmtp-kit/react. Import `@xmtp-kit/components/styles.css` once.

// Settings shared by every component: labels, slots, names and avatars, theme
export {
  type EmptyStateProps,
  type MessageContentProps,
  type Slots,
  type Theme,
  XMTPUIProvider,
  type XMTPUIProviderProps,
  useIdentity,
} from './UIProvider/index.js'
export { type EnsReader, type Identity, type IdentityResolver, type ResolvedIdentity, ensIdentityResolver } from './UIProvider/index.js'
export { defaultLabels, type Labels } from './labels.js'
export { Avatar, type AvatarProps, avatarGradient } from './Avatar/index.js'

// Inbox
export { Inbox, type InboxProps } from './Inbox/index.js'
export { ConversationList, type ConversationListProps, type ConversationListView, type ConversationListViews } from './ConversationList/index.js'
export { MessageList, type MessageListProps } from './MessageList/index.js'
export { Composer, type ComposerProps } from './Composer/index.js'
export { RequestBanner, type RequestBannerProps } from './RequestBanner/index.js'

// Dialogs and buttons
export { InboxDialog, type InboxDialogProps, type DialogContainer } from './InboxDialog/index.js'
export { MessageButton, type MessageButtonProps, type MessageButtonStatus } from './MessageButton/index.js'
export { NewConversation, type NewConversationProps, type AddressResolver, type EnsAddressReader, ensAddressResolver } from './NewConversation/index.js'
export { ConnectButton, type ConnectButtonProps } from './ConnectButton/index.js'
export { ConnectionStatus, type ConnectionStatusProps, type ConnectionBannerStatus } from './ConnectionStatus/index.js'

// Reaching token holders
export { MessageHoldersButton, type MessageHoldersButtonProps, type HoldersList, type HoldersToken } from './MessageHoldersButton/index.js'

// Senders: signed opt-in
export { SubscribeButton, type SubscribeButtonProps, type SubscribeButtonStatus, type SubscribeProof } from './SubscribeButton/index.js'
