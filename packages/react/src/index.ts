'use client'
// Headless React hooks over @xmtp-kit/client. Nothing here touches `window` when loaded.

// Provider and client
export { XMTPProvider, type XMTPProviderProps } from './XMTPProvider.js'
export { useClient, type UseClientReturnType, type UseClientStatus } from './useClient.js'
export type { ConnectSource } from './internal/context.js'
export { walletClientToSigner } from './walletClientToSigner.js'

// Stores
export { useStore } from './useStore.js'

// Conversations
export { useConversations, type UseConversationsParameters, type UseConversationsReturnType } from './useConversations.js'
export { useConversation, type UseConversationParameters, type UseConversationReturnType } from './useConversation.js'
export { useStartConversation, type UseStartConversationReturnType } from './useStartConversation.js'

// Messages
export { useMessages, type UseMessagesParameters, type UseMessagesReturnType } from './useMessages.js'
export { useSendMessage, type UseSendMessageParameters, type UseSendMessageReturnType } from './useSendMessage.js'
export { useStreamAllMessages, type UseStreamAllMessagesParameters, type UseStreamAllMessagesReturnType } from './useStreamAllMessages.js'
export { useReactions, type ReactionGroup, type UseReactionsParameters, type UseReactionsReturnType } from './useReactions.js'
export { useReplies, type UseRepliesParameters, type UseRepliesReturnType } from './useReplies.js'
export { useAttachment, type UseAttachmentParameters, type UseAttachmentReturnType } from './useAttachment.js'

// Contacts and consent
export { useCanMessage, type UseCanMessageReturnType } from './useCanMessage.js'
export { useConsent, type UseConsentReturnType } from './useConsent.js'

// Inbox
export { useInboxFilters, type UseInboxFiltersParameters, type UseInboxFiltersReturnType } from './useInboxFilters.js'
export { useUnreadCount, type UseUnreadCountReturnType } from './useUnreadCount.js'
export { useMarkRead, type UseMarkReadReturnType } from './useMarkRead.js'
export { useInboxStats, type UseInboxStatsReturnType } from './useInboxStats.js'
export { useConnectionStatus, type ConnectionStatus, type UseConnectionStatusParameters, type UseConnectionStatusReturnType } from './useConnectionStatus.js'

// Errors
export { ClientNotReadyError } from './ClientNotReadyError.js'
export { ProviderNotFoundError } from './ProviderNotFoundError.js'
