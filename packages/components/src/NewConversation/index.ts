export { NewConversation, type NewConversationProps } from './NewConversation.js'
export { type AddressResolver, type EnsAddressReader, ensAddressResolver } from './recipient.js'
