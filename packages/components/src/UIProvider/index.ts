export {
  type EmptyStateProps,
  type MessageContentProps,
  type Slots,
  type Theme,
  XMTPUIProvider,
  type XMTPUIProviderProps,
  useIdentity,
  useUI,
} from './UIProvider.js'
export { type EnsReader, type Identity, type IdentityResolver, type ResolvedIdentity, ensIdentityResolver } from './identity.js'
