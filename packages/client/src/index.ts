// Client
export { createClient, type Client, type CreateClientParameters } from './client/createClient.js'

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
