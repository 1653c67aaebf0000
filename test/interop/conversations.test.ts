/**
 * Conversations and messages across implementations: `@xmtp/xmtp-js` 13.0.4 and @xmtp-kit/client, both
 * directions, through a real node with publish auth on.
 */
import { createRequire } from 'node:module'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createClient,
  httpTransport,
  listConversations,
  listMessages,
  sendMessage,
  startConversation,
  type Client,
} from '@xmtp-kit/client'
import { createCountingWallet } from '../support/wallets.js'

const { Client: SdkClient } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
type Sdk = Awaited<ReturnType<typeof SdkClient.create>>

let node: StartNodeReturnType
let sdk: Sdk
let kit: Client

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  sdk = await SdkClient.create(createCountingWallet(), { apiUrl: node.url })
  kit = await createClient({ signer: createCountingWallet(), transport: httpTransport({ url: node.url }) })
})
afterAll(async () => {
  await sdk?.close()
  await node?.close()
})

describe('conversations with the official SDK', () => {
  test('behavior: the SDK starts a conversation with context; the kit lists it, reads it and replies; the SDK reads the reply', async () => {
    const context = { conversationId: 'xmtp-kit/interop/1', metadata: { title: 'hello' } }
    const sdkConvo = await sdk.conversations.newConversation(kit.address, context)
    await sdkConvo.send('gm from the SDK')

    const conversations = await listConversations(kit)
    const found = conversations.find((c) => c.topic === sdkConvo.topic)
    expect(found).toMatchObject({ version: 'v2', peerAddress: sdk.address, context })
    const messages = await listMessages(kit, { conversation: found! })
    expect(messages.map((m) => [m.senderAddress, m.content, m.fromMe])).toEqual([[sdk.address, 'gm from the SDK', false]])

    const reply = await sendMessage(kit, { conversation: found!, content: 'gm from the kit' })
    const read = await sdkConvo.messages()
    expect(read.map((m) => [m.senderAddress, m.content])).toEqual([
      [sdk.address, 'gm from the SDK'],
      [kit.address, 'gm from the kit'],
    ])
    expect(read[1]!.id).toBe(reply.id)
    expect(messages[0]!.id).toBe(read[0]!.id)
  })

  test('behavior: the kit starts a conversation with context; the SDK lists it, reads it and replies; the kit reads the reply', async () => {
    const context = { conversationId: 'xmtp-kit/interop/2', metadata: { from: 'kit' } }
    const convo = await startConversation(kit, { peerAddress: sdk.address, context })
    await sendMessage(kit, { conversation: convo, content: 'hello SDK' })

    const sdkList = await sdk.conversations.list()
    const sdkConvo = sdkList.find((c) => c.topic === convo.topic)!
    expect(sdkConvo.peerAddress).toBe(kit.address)
    expect(sdkConvo.context).toEqual(context)
    expect((await sdkConvo.messages()).map((m) => m.content)).toEqual(['hello SDK'])
    await sdkConvo.send('hello kit')
    expect((await listMessages(kit, { conversation: convo })).map((m) => m.content)).toEqual(['hello SDK', 'hello kit'])
  })

  test('behavior: both create the same topic for the same pair and conversationId, and reuse it', async () => {
    const context = { conversationId: 'xmtp-kit/interop/same', metadata: {} }
    const fromKit = await startConversation(kit, { peerAddress: sdk.address, context })
    const fromSdk = await sdk.conversations.newConversation(kit.address, context)
    expect(fromSdk.topic).toBe(fromKit.topic)
    expect(await startConversation(kit, { peerAddress: sdk.address.toLowerCase(), context })).toBe(fromKit)
    const noContext = await startConversation(kit, { peerAddress: sdk.address })
    const sdkNoContext = await sdk.conversations.newConversation(kit.address)
    expect(sdkNoContext.topic).toBe(noContext.topic)
    expect(noContext.topic).not.toBe(fromKit.topic)
  })

  test('behavior: a v1 conversation started by the SDK is readable by the kit', async () => {
    const legacyWallet = createCountingWallet()
    // publishLegacyContact: the SDK publishes only a v1 contact, so it messages v1-only peers over v1.
    const legacy = await SdkClient.create(legacyWallet, { apiUrl: node.url, publishLegacyContact: true })
    const kitPeer = await createClient({ signer: createCountingWallet(), transport: httpTransport({ url: node.url }), publishContact: false })
    // The kit's peer publishes only a legacy contact too, so the SDK starts v1 with it.
    const { encodeContactBundles } = await import('../../packages/client/src/contacts/contactBundle.js')
    await kitPeer.publish([
      { contentTopic: `/xmtp/0/contact-${kitPeer.address}/proto`, timestampNs: BigInt(Date.now()) * 1_000_000n, message: encodeContactBundles(kitPeer.publicKeyBundle, kitPeer.signedPublicKeyBundle)[0] },
    ])
    const v1 = await legacy.conversations.newConversation(kitPeer.address)
    expect(v1.conversationVersion).toBe('v1')
    await v1.send('legacy hello')

    const listed = await listConversations(kitPeer)
    const convo = listed.find((c) => c.version === 'v1')!
    expect(convo.peerAddress).toBe(legacy.address)
    expect((await listMessages(kitPeer, { conversation: convo })).map((m) => [m.senderAddress, m.content])).toEqual([[legacy.address, 'legacy hello']])
    await sendMessage(kitPeer, { conversation: convo, content: 'legacy reply' })
    expect((await v1.messages()).map((m) => m.content)).toEqual(['legacy hello', 'legacy reply'])
    await legacy.close()
  })
})
