// Client
export { createClient, type Client, type CreateClientParameters } from './client/createClient.js'

// Conversations and messages
export { listConversations, type ListConversationsParameters } from './conversations/listConversations.js'
export {
  NotOnNetworkError,
  startConversation,
  type StartConversationParameters,
} from './conversations/startConversation.js'
export type { ConsentProof, Conversation, ConversationContext, DecodedMessage } from './conversations/types.js'
export { listMessages, type ListMessagesParameters } from './messages/listMessages.js'
export { fetchLastMessages, type FetchLastMessagesParameters } from './messages/fetchLastMessages.js'
export { sendMessage, type SendMessageParameters } from './messages/sendMessage.js'

// Consent
export { allow, type AllowParameters } from './consent/allow.js'
export { deny, type DenyParameters } from './consent/deny.js'
export { getConsentState } from './consent/getConsentState.js'
export { getConsentStore } from './consent/getConsentStore.js'
export { loadConsentList, type LoadConsentListParameters } from './consent/loadConsentList.js'
export { streamConsentList, type StreamConsentListParameters } from './consent/streamConsentList.js'
export { getConversationConsent } from './consent/getConversationConsent.js'
export { applyConsentProofs, type ApplyConsentProofsParameters } from './consent/applyConsentProofs.js'
export { isValidConsentProof, type IsValidConsentProofParameters } from './consent/isValidConsentProof.js'
export { createConsentProofText } from './consent/createConsentProofText.js'
export type { ConsentEntry, ConsentListSnapshot, ConsentState, ConversationConsent } from './consent/types.js'

// Inbox filters
export { and } from './filters/and.js'
export { or } from './filters/or.js'
export { not } from './filters/not.js'
export { custom } from './filters/custom.js'
export { consentIs } from './filters/consentIs.js'
export { hasReplied } from './filters/hasReplied.js'
export { hasUnread } from './filters/hasUnread.js'
export { keyword, type KeywordOptions } from './filters/keyword.js'
export { peerIn } from './filters/peerIn.js'
export { holdsToken, type HoldsTokenParameters, type HoldsTokenReadContractParameters } from './filters/holdsToken.js'
export { inboxViews } from './filters/inboxViews.js'
export { applyInboxFilter, type ApplyInboxFilterOptions } from './filters/applyInboxFilter.js'
export { countInboxViews, type CountInboxViewsOptions } from './filters/countInboxViews.js'
export { sortByLastActivity, type SortByLastActivityOptions } from './filters/sortByLastActivity.js'
export { getLastActivityNs } from './filters/getLastActivityNs.js'
export { getMessageText } from './filters/getMessageText.js'
export { isDisplayableMessage } from './filters/isDisplayableMessage.js'
export type { AsyncInboxFilter, InboxConsentState, InboxFilter, InboxItem, SyncInboxFilter } from './filters/types.js'

// Token holders
export {
  erc20TransferEvent,
  erc721TransferEvent,
  getTokenHolders,
  type GetTokenHoldersParameters,
  type GetTokenHoldersReturnType,
  type GetTransferLogsParameters,
  type TokenHolder,
  type TokenHoldersProgress,
  type TokenKind,
  type TokenLogReader,
  type TransferLog,
} from './holders/getTokenHolders.js'

// Broadcast
export {
  broadcast,
  type BroadcastConversationOptions,
  type BroadcastParameters,
} from './broadcast/broadcast.js'
export { checkReach, type CheckReachParameters, type CheckReachReturnType } from './broadcast/checkReach.js'
export { memoryJournal, type BroadcastJournal, type BroadcastJournalRecord, type MemoryJournal } from './broadcast/journal.js'
export type {
  BroadcastEvent,
  BroadcastFailure,
  BroadcastInvalid,
  BroadcastProgress,
  BroadcastReport,
  BroadcastSent,
  BroadcastStage,
} from './broadcast/types.js'

// Unread state and read receipts
export { getUnreadStore } from './unread/getUnreadStore.js'
export { markRead, type MarkReadParameters, type MarkReadReturnType } from './unread/markRead.js'
export { getUnreadCount, type GetUnreadCountParameters } from './unread/getUnreadCount.js'
export { getTotalUnreadCount, type GetTotalUnreadCountParameters } from './unread/getTotalUnreadCount.js'
export { getLastReadNs } from './unread/getLastReadNs.js'
export { getPeerReadNs } from './unread/getPeerReadNs.js'
export { recordReadReceipts } from './unread/recordReadReceipts.js'
export { persistReadMarkers, type PersistReadMarkersParameters } from './unread/persistReadMarkers.js'
export type { ReadMarkerPersistence, UnreadState } from './unread/types.js'

// Metrics
export { computeInboxMetrics, type ComputeInboxMetricsParameters, type InboxMetrics, type PeerMetrics } from './metrics/computeInboxMetrics.js'

// Live stores (shared, reference-counted; what the React hooks read)
export { createLiveStore, type LiveStore } from './stores/createLiveStore.js'
export {
  getConversationListStore,
  type ConversationListSnapshot,
  type ConversationSummary,
} from './stores/getConversationListStore.js'
export {
  getMessagesStore,
  type MessageDeliveryStatus,
  type MessageItem,
  type MessagesSnapshot,
  type MessagesStore,
  type SendOptions,
} from './stores/getMessagesStore.js'
export {
  getAllMessagesStore,
  type AllMessagesSnapshot,
  type AllMessagesStore,
  type AllMessagesWatcher,
} from './stores/getAllMessagesStore.js'
export { type ConnectionEntry, type ConnectionSnapshot, getConnectionStore } from './stores/getConnectionStore.js'
export { registerCodecs } from './stores/registerCodecs.js'

// Local cache and history
export type { Persistence } from './cache/Persistence.js'
export { memoryPersistence } from './cache/memoryPersistence.js'
export { indexedDbPersistence, type IndexedDbPersistenceParameters } from './cache/indexedDbPersistence.js'
export { clearCache, type ClearCacheParameters } from './cache/clearCache.js'
export { flushCache } from './cache/flushCache.js'
export type { MessageSource } from './cache/listMessagesThroughCache.js'
export { exportHistory, type ExportHistoryParameters } from './history/exportHistory.js'
export { importHistory, type ImportHistoryParameters, type ImportHistoryReturnType } from './history/importHistory.js'

// Content types
export { formatContentTypeId, isSameContentType, parseContentTypeId, type ContentTypeId } from './content/contentTypeId.js'
export type { CodecLookup, ContentCodec, EncodedContent } from './content/ContentCodec.js'
export { createCodecRegistry, type CodecRegistry } from './content/createCodecRegistry.js'
export { defaultCodecs } from './content/defaultCodecs.js'
export type { ContentCompression } from './content/compression.js'
export { encodeContent, type EncodeContentParameters } from './content/encodeContent.js'
export { decodeContent, type DecodeContentErrorType, type DecodeContentOptions, type DecodedContent } from './content/decodeContent.js'
export { ContentTypeText, textCodec } from './content/textCodec.js'
export { ContentTypeReaction, reactionCodec, type Reaction } from './content/reactionCodec.js'
export { ContentTypeReply, replyCodec, type Reply } from './content/replyCodec.js'
export { ContentTypeReadReceipt, readReceiptCodec, type ReadReceipt } from './content/readReceiptCodec.js'
export { ContentTypeAttachment, attachmentCodec, type Attachment } from './content/attachmentCodec.js'
export { ContentTypeRemoteAttachment, remoteAttachmentCodec, type RemoteAttachment } from './content/remoteAttachmentCodec.js'
export { encryptAttachment, type EncryptedAttachment } from './content/encryptAttachment.js'
export { decryptAttachment } from './content/decryptAttachment.js'
export { fetchRemoteAttachment, type FetchRemoteAttachmentParameters } from './content/fetchRemoteAttachment.js'

// Streams
export { streamAllMessages, type StreamAllMessagesParameters } from './streams/streamAllMessages.js'
export { streamConversations, type StreamConversationsParameters } from './streams/streamConversations.js'
export { streamMessages, type StreamMessagesParameters } from './streams/streamMessages.js'
export type { Stream, StreamErrorHandler } from './streams/types.js'

// Signers
export type { Signer } from './signer/types.js'
export { toSigner, type ViemAccountLike, type ViemWalletClientLike } from './signer/toSigner.js'

// Identity and keys
export {
  createPrivateKeyBundle,
  getPublicKeyBundle,
  recoverIdentityKeyAddress,
  toPublicKeyBundle,
  toSignedPublicKeyBundle,
  verifyPublicKeyBundle,
  verifySignedPublicKeyBundle,
  type CreatePrivateKeyBundleOptions,
  type PrivateKeyBundleV1,
  type PublicKey,
  type PublicKeyBundle,
  type SignedPublicKey,
  type SignedPublicKeyBundle,
} from './identity/keyBundle.js'
export { createAuthorization } from './identity/authToken.js'
export { decodePrivateKeyBundle, encodePrivateKeyBundle } from './keystore/privateKeyBundleEncoding.js'

// Contacts
export { canMessage, type CanMessageParameters } from './contacts/canMessage.js'
export { fetchContact, fetchContacts, type FetchContactParameters, type FetchContactsParameters } from './contacts/fetchContact.js'
export { decodeContact, type Contact } from './contacts/contactBundle.js'

// Transports
export { httpTransport, type HttpTransportParameters, type HttpTransportReturnType } from './transport/httpTransport.js'
export { memoryTransport, type MemoryTransportParameters, type MemoryTransportReturnType } from './transport/memoryTransport.js'
export {
  createMemoryNetwork,
  type MemoryConnection,
  type MemoryConnectionHandlers,
  type MemoryNetwork,
  type MemoryQueryRequest,
} from './transport/memoryNetwork.js'
export type { ReconnectOptions } from './transport/createSubscription.js'
export { computeDigest } from './transport/computeDigest.js'
export { MAX_MESSAGE_BYTES, MAX_TOPIC_BYTES } from './transport/assertEnvelopes.js'
export type {
  Cursor,
  Envelope,
  PublishParameters,
  QueryPage,
  QueryParameters,
  ReconnectInfo,
  SortDirection,
  SubscribeParameters,
  Subscription,
  SubscriptionState,
  SubscriptionStatus,
  Transport,
} from './transport/types.js'

// Crypto backend
export {
  getSecp256k1Backend,
  nobleSecp256k1Backend,
  setSecp256k1Backend,
  type Secp256k1Backend,
} from './crypto/backend.js'

// Addresses and topics
export { getAddress, isAddress } from './crypto/address.js'
export {
  buildContactTopic,
  buildContentTopic,
  buildDirectMessageTopic,
  buildIntroTopic,
  buildInviteTopic,
  buildPrivateStoreTopic,
} from './utils/topics.js'

// Stores
export { createStore, type Store, type WritableStore } from './store/createStore.js'

// Errors
export { KitError, type KitErrorParameters } from './errors/KitError.js'
export { ContentDigestError } from './content/ContentDigestError.js'
export { ContentTypeError } from './content/ContentTypeError.js'
export { TokenBalanceError } from './filters/TokenBalanceError.js'
export { TokenHoldersError } from './holders/TokenHoldersError.js'
export { BroadcastError } from './broadcast/BroadcastError.js'
export { CacheError, type CacheErrorReason } from './cache/CacheError.js'
export { HistoryImportError, type HistoryImportErrorReason } from './history/HistoryImportError.js'
export {
  AbortError,
  DecodeError,
  DecryptionError,
  InvalidAddressError,
  KeystoreError,
  PayloadTooLargeError,
  SignatureError,
  SignerError,
  TransportError,
} from './errors/errors.js'
