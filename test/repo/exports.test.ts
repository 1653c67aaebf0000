import { expect, test } from 'vitest'
import * as node from '@xmtp-kit/node'

// A change to a package's public API shows up here in review.
test('exports: @xmtp-kit/node', () => {
  expect(Object.keys(node).sort()).toMatchInlineSnapshot(`
    [
      "ApiError",
      "DEFAULT_PAGE_SIZE",
      "GrpcCode",
      "MAX_BATCH_QUERIES",
      "MAX_MESSAGE_BYTES",
      "MAX_PAGE_SIZE",
      "MAX_TOPIC_BYTES",
      "MAX_USER_PREFERENCES_PAGE_SIZE",
      "defaultRateLimits",
      "startNode",
    ]
  `)
})

test('exports: @xmtp-kit/client', async () => {
  const client = await import('@xmtp-kit/client')
  expect(Object.keys(client).sort()).toMatchInlineSnapshot(`
    [
      "AbortError",
      "DecodeError",
      "DecryptionError",
      "InvalidAddressError",
      "KeystoreError",
      "KitError",
      "MAX_MESSAGE_BYTES",
      "MAX_TOPIC_BYTES",
      "PayloadTooLargeError",
      "SignatureError",
      "SignerError",
      "TransportError",
      "buildContactTopic",
      "buildContentTopic",
      "buildDirectMessageTopic",
      "buildIntroTopic",
      "buildInviteTopic",
      "buildPrivateStoreTopic",
      "canMessage",
      "computeDigest",
      "createAuthorization",
      "createClient",
      "createMemoryNetwork",
      "createPrivateKeyBundle",
      "createStore",
      "decodeContact",
      "decodePrivateKeyBundle",
      "encodePrivateKeyBundle",
      "fetchContact",
      "fetchContacts",
      "getAddress",
      "getPublicKeyBundle",
      "httpTransport",
      "isAddress",
      "memoryTransport",
      "recoverIdentityKeyAddress",
      "toPublicKeyBundle",
      "toSignedPublicKeyBundle",
      "toSigner",
      "verifyPublicKeyBundle",
      "verifySignedPublicKeyBundle",
    ]
  `)
})
