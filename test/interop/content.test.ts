/**
 * Content types across implementations, through a real node: a reaction, a reply and an attachment sent by
 * each side decode identically on the other.
 */
import { createRequire } from 'node:module'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeReply,
  ContentTypeText,
  createClient,
  httpTransport,
  listConversations,
  listMessages,
  sendMessage,
  type Client,
  type Conversation,
} from '@xmtp-kit/client'
import { createCountingWallet } from '../support/wallets.js'
import { sdkReaction, sdkRemoteAttachment, sdkReply, sdkText } from '../client/content/sdk.js'

const { Client: SdkClient } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
type Sdk = Awaited<ReturnType<typeof SdkClient.create>>
type SdkConversation = Awaited<ReturnType<Sdk['conversations']['newConversation']>>

let node: StartNodeReturnType
let sdk: Sdk
let kit: Client
let sdkConvo: SdkConversation
let kitConvo: Conversation

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  const codecs = [new sdkReaction.ReactionCodec(), new sdkReply.ReplyCodec(), new sdkRemoteAttachment.AttachmentCodec()]
  sdk = await SdkClient.create(createCountingWallet(), { apiUrl: node.url, codecs: codecs as never })
  kit = await createClient({ signer: createCountingWallet(), transport: httpTransport({ url: node.url }) })
  sdkConvo = await sdk.conversations.newConversation(kit.address, { conversationId: 'content', metadata: {} })
  kitConvo = (await listConversations(kit)).find((c) => c.topic === sdkConvo.topic)!
})
afterAll(async () => {
  await sdk?.close()
  await node?.close()
})

const attachment = { filename: 'hello.txt', mimeType: 'text/plain', data: new TextEncoder().encode('hello, attachment') }

describe('content types with the official SDK', () => {
  test('behavior: a reaction, a reply and an attachment sent by the SDK decode identically in the kit', async () => {
    const anchor = await sdkConvo.send('anchor')
    await sdkConvo.send({ action: 'added', reference: anchor.id, schema: 'unicode', content: '👍' }, { contentType: sdkReaction.ContentTypeReaction })
    await sdkConvo.send({ reference: anchor.id, contentType: sdkText.ContentTypeText, content: 'a reply' }, { contentType: sdkReply.ContentTypeReply })
    await sdkConvo.send(attachment, { contentType: sdkRemoteAttachment.ContentTypeAttachment })

    const messages = (await listMessages(kit, { conversation: kitConvo })).filter((m) => m.senderAddress === sdk.address)
    const [, reaction, reply, file] = messages
    expect(messages[0]).toMatchObject({ id: anchor.id, content: 'anchor' })
    expect(reaction).toMatchObject({ contentType: ContentTypeReaction, content: { action: 'added', reference: anchor.id, schema: 'unicode', content: '👍' } })
    expect(reply).toMatchObject({ contentType: ContentTypeReply, content: { reference: anchor.id, contentType: ContentTypeText, content: 'a reply' } })
    expect(file).toMatchObject({ contentType: ContentTypeAttachment, content: { filename: 'hello.txt', mimeType: 'text/plain' } })
    expect((file!.content as typeof attachment).data).toEqual(attachment.data)
  })

  test('behavior: a reaction, a reply and an attachment sent by the kit decode identically in the SDK', async () => {
    const anchor = await sendMessage(kit, { conversation: kitConvo, content: 'kit anchor' })
    await sendMessage(kit, { conversation: kitConvo, contentType: ContentTypeReaction, content: { action: 'added', reference: anchor.id, schema: 'unicode', content: '🎉' } })
    await sendMessage(kit, { conversation: kitConvo, contentType: ContentTypeReply, content: { reference: anchor.id, contentType: ContentTypeText, content: 'kit reply' } })
    await sendMessage(kit, { conversation: kitConvo, contentType: ContentTypeAttachment, content: attachment })

    const fromKit = (await sdkConvo.messages()).filter((m) => m.senderAddress === kit.address)
    const [first, reaction, reply, file] = fromKit
    expect(first).toMatchObject({ id: anchor.id, content: 'kit anchor' })
    expect(reaction!.contentType.sameAs(sdkReaction.ContentTypeReaction)).toBe(true)
    expect(reaction!.content).toMatchObject({ action: 'added', reference: anchor.id, schema: 'unicode', content: '🎉' })
    expect(reply!.contentType.sameAs(sdkReply.ContentTypeReply)).toBe(true)
    expect(reply!.content).toMatchObject({ reference: anchor.id, content: 'kit reply' })
    expect(file!.contentType.sameAs(sdkRemoteAttachment.ContentTypeAttachment)).toBe(true)
    expect(file!.content).toMatchObject({ filename: 'hello.txt', mimeType: 'text/plain' })
    expect(new Uint8Array((file!.content as typeof attachment).data)).toEqual(attachment.data)
  })
})
