import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeReply,
  ContentTypeText,
  createClient,
  createMemoryNetwork,
  listConversations,
  listMessages,
  memoryTransport,
  sendMessage,
  startConversation,
  type Client,
  type ContentCodec,
  type DecodedMessage,
} from '@xmtp-kit/client'
import { buildContactTopic } from '@xmtp-kit/client'
import { encodeContactBundles } from '../../../packages/client/src/contacts/contactBundle.js'
import { getClientState } from '../../../packages/client/src/client/clientState.js'
import { clearCache } from '../../../packages/client/src/cache/clearCache.js'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import { exportHistory } from '../../../packages/client/src/history/exportHistory.js'
import { HistoryImportError } from '../../../packages/client/src/history/HistoryImportError.js'
import { importHistory } from '../../../packages/client/src/history/importHistory.js'
import { createCountingWallet } from '../../support/wallets.js'
import { countCrypto, reopen } from './helpers.js'

/** A content type only the sender has a codec for. */
const countCodec: ContentCodec<number> = {
  contentType: { authorityId: 'example.com', typeId: 'count', versionMajor: 1, versionMinor: 0 },
  encode: (n) => ({ type: countCodec.contentType, parameters: { unit: 'items' }, content: new TextEncoder().encode(String(n)) }),
  decode: (encoded) => Number(new TextDecoder().decode(encoded.content)),
  fallback: (n) => `${n} items`,
  shouldPush: () => false,
}

const comparable = (m: DecodedMessage) => ({
  id: m.id,
  topic: m.topic,
  senderAddress: m.senderAddress,
  sentNs: m.sentNs,
  contentType: m.contentType,
  content: m.content,
  fallback: m.fallback,
  error: m.error?.code,
  fromMe: m.fromMe,
})

/** Me with two v2 conversations (various content types, compression, an unknown type) and a v1 one. */
async function history() {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  const persistence = memoryPersistence()
  const me = await createClient({ signer: createCountingWallet(), transport, persistence })
  const alice = await createClient({ signer: createCountingWallet(), transport })
  const bob = await createClient({ signer: createCountingWallet(), transport })
  const withAlice = await startConversation(alice, { peerAddress: me.address, context: { conversationId: 'shop/1', metadata: { order: '42' } } })
  const hello = await sendMessage(alice, { conversation: withAlice, content: 'hello' })
  await sendMessage(alice, { conversation: withAlice, contentType: ContentTypeReaction, content: { reference: hello.id, action: 'added', content: '👍', schema: 'unicode' } })
  await sendMessage(alice, {
    conversation: withAlice,
    contentType: ContentTypeAttachment,
    content: { filename: 'a.bin', mimeType: 'application/octet-stream', data: new Uint8Array([0, 1, 2, 255]) },
  })
  await sendMessage(alice, { conversation: withAlice, contentType: ContentTypeReply, content: { reference: hello.id, content: 'a reply', contentType: ContentTypeText } })
  // A content type the reader has no codec for: exported and imported as bytes all the same.
  getClientState(alice).registry.register(countCodec as ContentCodec<unknown>)
  await sendMessage(alice, { conversation: withAlice, contentType: countCodec.contentType, content: 7 })
  await sendMessage(alice, { conversation: withAlice, content: 'long '.repeat(2000), compression: 'deflate' })
  const withBob = await startConversation(bob, { peerAddress: me.address })
  await sendMessage(bob, { conversation: withBob, content: 'hi from bob' })
  // Carol publishes only a legacy contact, so my conversation with her is v1.
  const carol = await createClient({ signer: createCountingWallet(), transport, publishContact: false })
  await carol.publish([
    { contentTopic: buildContactTopic(carol.address), timestampNs: BigInt(Date.now()) * 1_000_000n, message: encodeContactBundles(carol.publicKeyBundle, carol.signedPublicKeyBundle)[0] },
  ])
  const withCarol = await startConversation(me, { peerAddress: carol.address })
  expect(withCarol.version).toBe('v1')
  await sendMessage(me, { conversation: withCarol, content: 'hello carol (v1)' })
  const [carolSide] = await listConversations(carol)
  await sendMessage(carol, { conversation: carolSide!, content: 'hello back' })
  const conversations = await listConversations(me)
  const mine = (await listConversations(me)).find((c) => c.topic === withAlice.topic)!
  await sendMessage(me, { conversation: mine, content: 'my answer' })
  const expected = new Map<string, ReturnType<typeof comparable>[]>()
  for (const conversation of conversations) {
    expected.set(conversation.topic, (await listMessages(me, { conversation })).map(comparable))
  }
  return { network, transport, persistence, me, alice, bob, carol, conversations, expected }
}

async function expectRestored(client: Client, expected: Map<string, ReturnType<typeof comparable>[]>, conversations: { topic: string }[]) {
  const listed = await listConversations(client)
  expect(listed.map((c) => c.topic).sort()).toEqual(conversations.map((c) => c.topic).sort())
  for (const conversation of listed) {
    const messages = await listMessages(client, { conversation, source: 'cache' })
    expect(messages.map(comparable)).toEqual(expected.get(conversation.topic))
  }
}

describe('exportHistory / importHistory', () => {
  test('behavior: export → wipe the cache → import restores every conversation and message, decoded identically', async () => {
    const { transport, persistence, me, carol, conversations, expected } = await history()
    expect(conversations.map((c) => c.version).sort()).toEqual(['v1', 'v2', 'v2'])
    expect([...expected.values()].flat()).toHaveLength(10)
    const file = await exportHistory(me)
    expect(new TextDecoder('latin1').decode(file)).not.toContain('hello')

    await clearCache({ persistence, address: me.address })
    expect(await persistence.keys('')).toEqual([])
    // An offline client on the wiped cache: everything it will know comes from the file.
    const offline = memoryTransport({ network: createMemoryNetwork() })
    const restored = await reopen(me.exportKeys(), offline, persistence)
    expect(await listConversations(restored)).toEqual([])
    const crypto = countCrypto()
    expect(await importHistory(restored, { data: file })).toEqual({ conversations: 3, messages: 10 })
    await expectRestored(restored, expected, conversations)
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })

    // Written to the cache: a later start has it all too.
    await expectRestored(await reopen(me.exportKeys(), offline, persistence), expected, conversations)

    // Back on the real network, listing skips the invitations the file accounts for.
    const online = await reopen(me.exportKeys(), transport, memoryPersistence())
    await importHistory(online, { data: file })
    const crypto2 = countCrypto()
    await listConversations(online)
    expect(crypto2.ecdh).toBe(0)
    // Syncing downloads the envelopes but decrypts none it has from the file.
    for (const conversation of conversations) await listMessages(online, { conversation, source: 'cache-then-network' })
    expect(crypto2).toEqual({ ecdh: 0, verify: 0, recover: 0 })
    // The imported records can be written to (v1 needs the peer's legacy bundle, v2 the key material).
    for (const conversation of conversations) await sendMessage(online, { conversation, content: 'after import' })
    const carolSees = await listMessages(carol, { conversation: (await listConversations(carol))[0]! })
    expect(carolSees.map((m) => m.content)).toEqual(['hello carol (v1)', 'hello back', 'after import'])
  })

  test('behavior: importing merges: known conversations and messages are not duplicated', async () => {
    const { me, transport, expected, conversations } = await history()
    const file = await exportHistory(me)
    expect(await importHistory(me, { data: file })).toEqual({ conversations: 0, messages: 0 })
    const other = await reopen(me.exportKeys(), transport, memoryPersistence())
    await listConversations(other)
    expect(await importHistory(other, { data: file })).toEqual({ conversations: 0, messages: 10 })
    expect(await importHistory(other, { data: file })).toEqual({ conversations: 0, messages: 0 })
    await expectRestored(other, expected, conversations)
  })

  test("parameters: format: 'json' round-trips, and is imported only when allowed", async () => {
    const { me, expected, conversations } = await history()
    const json = await exportHistory(me, { format: 'json' })
    const document = JSON.parse(new TextDecoder().decode(json))
    expect(document).toMatchObject({ format: 'xmtp-kit-history', version: 1, address: me.address })
    expect(document.conversations).toHaveLength(3)
    expect(typeof document.conversations[0].messages[0].encodedContent).toBe('string')

    const fresh = await reopen(me.exportKeys(), memoryTransport({ network: createMemoryNetwork() }), memoryPersistence())
    const refused = await importHistory(fresh, { data: json }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(HistoryImportError)
    expect((refused as HistoryImportError).reason).toBe('plain-json-not-allowed')
    expect(await importHistory(fresh, { data: json, allowPlainJson: true })).toEqual({ conversations: 3, messages: 10 })
    await expectRestored(fresh, expected, conversations)
  })

  test('parameters: sync: false exports only what the cache holds', async () => {
    const network = createMemoryNetwork()
    const transport = memoryTransport({ network })
    const me = await createClient({ signer: createCountingWallet(), transport })
    const peer = await createClient({ signer: createCountingWallet(), transport })
    await startConversation(peer, { peerAddress: me.address })
    const empty = JSON.parse(new TextDecoder().decode(await exportHistory(me, { format: 'json', sync: false })))
    expect(empty.conversations).toEqual([])
    const full = JSON.parse(new TextDecoder().decode(await exportHistory(me, { format: 'json' })))
    expect(full.conversations).toHaveLength(1)
  })

  test('behavior: a tampered encrypted export is refused with HistoryImportError, and nothing is imported', async () => {
    const { me } = await history()
    const file = await exportHistory(me)
    const target = await reopen(me.exportKeys(), memoryTransport({ network: createMemoryNetwork() }), memoryPersistence())
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: file.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, mask) => {
        const tampered = new Uint8Array(file)
        tampered[index]! ^= mask
        const error = await importHistory(target, { data: tampered }).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(HistoryImportError)
        expect(['tampered', 'malformed', 'wrong-wallet', 'unsupported-version', 'plain-json-not-allowed']).toContain((error as HistoryImportError).reason)
        expect(await listConversations(target)).toEqual([])
      }),
      { numRuns: 100 },
    )
    // Flipping a ciphertext byte is "tampered"; truncating is refused too.
    const flipped = new Uint8Array(file)
    flipped[file.length - 20]! ^= 1
    expect(((await importHistory(target, { data: flipped }).catch((e: unknown) => e)) as HistoryImportError).reason).toBe('tampered')
    const truncated = file.subarray(0, file.length - 1)
    expect(((await importHistory(target, { data: truncated }).catch((e: unknown) => e)) as HistoryImportError).reason).toBe('tampered')
  })

  test("behavior: another wallet's export is refused", async () => {
    const { me, transport } = await history()
    const file = await exportHistory(me)
    const json = await exportHistory(me, { format: 'json' })
    const stranger = await createClient({ signer: createCountingWallet(), transport })
    const error = (await importHistory(stranger, { data: file }).catch((e: unknown) => e)) as HistoryImportError
    expect(error).toBeInstanceOf(HistoryImportError)
    expect(error.reason).toBe('wrong-wallet')
    const jsonError = (await importHistory(stranger, { data: json, allowPlainJson: true }).catch((e: unknown) => e)) as HistoryImportError
    expect(jsonError.reason).toBe('wrong-wallet')
    expect(await listConversations(stranger)).toEqual([])
  })

  test('behavior: files that are not history exports are refused as malformed', async () => {
    const { me } = await history()
    for (const data of [new Uint8Array(0), new TextEncoder().encode('{"format":"other"}'), new TextEncoder().encode('not json')]) {
      const error = (await importHistory(me, { data, allowPlainJson: true }).catch((e: unknown) => e)) as HistoryImportError
      expect(error).toBeInstanceOf(HistoryImportError)
      expect(error.reason).toBe('malformed')
    }
    const newer = new TextEncoder().encode(JSON.stringify({ format: 'xmtp-kit-history', version: 2, address: me.address, conversations: [] }))
    expect(((await importHistory(me, { data: newer, allowPlainJson: true }).catch((e: unknown) => e)) as HistoryImportError).reason).toBe(
      'unsupported-version',
    )
  })
})
