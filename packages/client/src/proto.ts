// The XMTP protobuf message types used by the client. @xmtp/proto is the single source of their encodings.
export {
  authn,
  ciphertext,
  contact,
  content,
  invitation,
  message,
  privateKey,
  privatePreferences,
  publicKey,
  signature,
} from '@xmtp/proto'
