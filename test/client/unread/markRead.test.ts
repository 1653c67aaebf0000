import { beforeAll, describe, expect, test, vi } from 'vitest'
import {
  allow,
  ContentTypeReadReceipt,
  deny,
  getConversationConsent,
  createClient,
  createMemoryNetwork,
  isSameContentType,
  listConversations,
  listMessages,
  memoryTransport,
  sendMessage,
  startConversation,
  TransportError,
  type Client,
  type Conversation,
  type DecodedMessage,
  type MemoryNetwork,
} from '@xmtp-kit/client'
import { getLastReadNs } from '../../../packages/client/src/unread/getLastReadNs.js'
import { getPeerReadNs } from '../../../packages/client/src/unread/getPeerReadNs.js'
import { getTotalUnreadCount } from '../../../packages/client/src/unread/getTotalUnreadCount.js'
import { getUnreadCount } from '../../../packages/client/src/unread/getUnreadCount.js'
import { getUnreadStore } from '../../../packages/client/src/unread/getUnreadStore.js'
import { markRead } from '../../../packages/client/src/unread/markRead.js'
import { recordReadReceipts } from '../../../packages/client/src/unread/recordReadReceipts.js'
import { createCountingWallet } from '../../support/wallets.js'

/**
 * Two wallets on one in-memory network: Alice starts a conversation with Bob; Bob lists it and, unless
 * `accepted` is false, accepts it (a receipt goes only to an allowed sender).
 */
async function setup({ accepted = true } = {}) {
  const network = createMemoryNetwork()
  const alice = await createClient({ signer: createCountingWallet(), transport: memoryTransport({ network }) })
  const bob = await createClient({ signer: createCountingWallet(), transport: memoryTransport({ network }) })
  const aliceSide = await startConversation(alice, { peerAddress: bob.address })
  const bobSide = (await listConversations(bob)).find((c) => c.topic === aliceSide.topic)!
  if (accepted) await allow(bob, [alice.address])
  return { network, alice, bob, aliceSide, bobSide }
}

const isReceipt = (message: DecodedMessage) => isSameContentType(message.contentType, ContentTypeReadReceipt)

describe('markRead / getUnreadCount / read receipts on the in-memory network', () => {
  let network: MemoryNetwork
  let alice: Client
  let bob: Client
  let aliceSide: Conversation
  let bobSide: Conversation

  beforeAll(async () => {
    ;({ network, alice, bob, aliceSide, bobSide } = await setup())
  })

  test('behavior: counts, marks read, counts again, sends a receipt, and the peer sees it', async () => {
    for (const content of ['one', 'two', 'three']) await sendMessage(alice, { conversation: aliceSide, content })
    let messages = await listMessages(bob, { conversation: bobSide })
    expect(getUnreadCount(bob, { conversation: bobSide, messages })).toBe(3)
    expect(getUnreadCount(alice, { conversation: aliceSide, messages: await listMessages(alice, { conversation: aliceSide }) })).toBe(0)

    // Read the first two only.
    const { lastReadNs, receipt: none } = await markRead(bob, bobSide, { upToNs: messages[1]!.sentNs })
    expect(lastReadNs).toBe(messages[1]!.sentNs)
    expect(none).toBeUndefined()
    expect(getUnreadCount(bob, { conversation: bobSide, messages })).toBe(1)

    const { receipt } = await markRead(bob, bobSide, { upToNs: messages[2]!.sentNs, sendReceipt: true })
    expect(receipt).toMatchObject({ topic: bobSide.topic, fromMe: true, content: {}, contentType: ContentTypeReadReceipt })
    expect(getUnreadCount(bob, { conversation: bobSide, messages })).toBe(0)

    // Bob's receipt is on the network and does not count as unread for either side.
    messages = await listMessages(bob, { conversation: bobSide })
    expect(messages.filter(isReceipt)).toHaveLength(1)
    expect(getUnreadCount(bob, { conversation: bobSide, messages })).toBe(0)
    const aliceMessages = await listMessages(alice, { conversation: aliceSide })
    expect(getUnreadCount(alice, { conversation: aliceSide, messages: aliceMessages })).toBe(0)

    // Alice takes in the receipt: Bob has seen everything up to it.
    expect(getPeerReadNs(alice, aliceSide)).toBeUndefined()
    recordReadReceipts(alice, aliceMessages)
    const seenUpTo = getPeerReadNs(alice, aliceSide)!
    expect(seenUpTo).toBe(receipt!.sentNs)
    for (const message of aliceMessages.filter((m) => m.fromMe)) expect(message.sentNs <= seenUpTo).toBe(true)
    // Alice's own marker is untouched by Bob's receipt.
    expect(getLastReadNs(alice, aliceSide)).toBeUndefined()

    // A new message is unread again for Bob, and not yet seen for Alice.
    const four = await sendMessage(alice, { conversation: aliceSide, content: 'four' })
    messages = await listMessages(bob, { conversation: bobSide })
    expect(getUnreadCount(bob, { conversation: bobSide, messages })).toBe(1)
    expect(four.sentNs > seenUpTo).toBe(true)
  })

  test('behavior: a marker never moves back, and no receipt is sent when it does not move', async () => {
    const before = getLastReadNs(bob, bobSide)!
    const published = vi.spyOn(bob, 'publish')
    const result = await markRead(bob, bobSide, { upToNs: before - 1n, sendReceipt: true })
    expect(result).toEqual({ lastReadNs: before, receipt: undefined })
    expect((await markRead(bob, bobSide, { upToNs: before, sendReceipt: true })).receipt).toBeUndefined()
    expect(published).not.toHaveBeenCalled()
    published.mockRestore()
  })

  test('default: upToNs is now', async () => {
    const start = BigInt(Date.now()) * 1_000_000n
    const { lastReadNs } = await markRead(bob, bobSide)
    expect(lastReadNs >= start && lastReadNs <= BigInt(Date.now()) * 1_000_000n).toBe(true)
    expect(getUnreadCount(bob, { conversation: bobSide, messages: await listMessages(bob, { conversation: bobSide }) })).toBe(0)
  })

  test('behavior: my own receipt from another device moves my marker there (multi-device)', async () => {
    const secondDevice = await createClient({ keys: bob.exportKeys(), transport: memoryTransport({ network }), publishContact: false })
    const conversation = (await listConversations(secondDevice)).find((c) => c.topic === bobSide.topic)!
    const messages = await listMessages(secondDevice, { conversation })
    expect(getUnreadCount(secondDevice, { conversation, messages })).toBeGreaterThan(0)
    recordReadReceipts(secondDevice, messages)
    const ownReceipt = messages.filter((m) => isReceipt(m) && m.fromMe).at(-1)!
    expect(getLastReadNs(secondDevice, conversation)).toBe(ownReceipt.sentNs)
    expect(getPeerReadNs(secondDevice, conversation)).toBeUndefined()
    // Only 'four', sent after the receipt, is still unread there.
    expect(getUnreadCount(secondDevice, { conversation, messages })).toBe(1)
  })

  test('behavior: the store notifies on changes only, with immutable snapshots', async () => {
    const store = getUnreadStore(alice)
    expect(getUnreadStore(alice)).toBe(store)
    expect(getUnreadStore(bob)).not.toBe(store)
    expect('setState' in store).toBe(false)
    const listener = vi.fn()
    const stop = store.subscribe(listener)
    const before = store.getSnapshot()
    const messages = await listMessages(alice, { conversation: aliceSide })
    recordReadReceipts(alice, messages) // already taken in: no change
    expect(listener).not.toHaveBeenCalled()
    expect(store.getSnapshot()).toBe(before)
    await markRead(alice, aliceSide, { upToNs: 1n })
    expect(listener).toHaveBeenCalledTimes(1)
    const after = store.getSnapshot()
    expect(after).not.toBe(before)
    expect(after.peerReadNs).toBe(before.peerReadNs)
    expect(Object.isFrozen(after) && Object.isFrozen(after.lastReadNs)).toBe(true)
    expect(before.lastReadNs[aliceSide.topic]).toBeUndefined()
    stop()
  })

  test('behavior: total unread across conversations of one client', async () => {
    const { alice: a, bob: b, aliceSide: conv1, bobSide: bobConv1 } = await setup()
    const carol = await createClient({ signer: createCountingWallet(), transport: a.transport })
    const conv2 = await startConversation(carol, { peerAddress: b.address })
    await sendMessage(a, { conversation: conv1, content: 'hi' })
    await sendMessage(carol, { conversation: conv2, content: 'hey' })
    await sendMessage(carol, { conversation: conv2, content: 'there' })
    const bobConversations = await listConversations(b)
    const messagesByTopic = new Map<string, DecodedMessage[]>()
    for (const c of bobConversations) messagesByTopic.set(c.topic, await listMessages(b, { conversation: c }))
    expect(getTotalUnreadCount(b, { messagesByTopic })).toBe(3)
    await markRead(b, bobConv1)
    expect(getTotalUnreadCount(b, { messagesByTopic })).toBe(2)
  })

  test('behavior: a failed receipt rejects but keeps the marker', async () => {
    const { network: n, bob: b, bobSide: conversation } = await setup()
    n.setOffline(true)
    await expect(markRead(b, conversation, { upToNs: 42n, sendReceipt: true })).rejects.toBeInstanceOf(TransportError)
    expect(getLastReadNs(b, conversation)).toBe(42n)
    n.setOffline(false)
  })

  test('parameters: upToNs must be a non-negative bigint; conversation must be known to send a receipt', async () => {
    await expect(markRead(bob, bobSide, { upToNs: -1n })).rejects.toThrow(new TypeError('markRead: upToNs must be a non-negative bigint.'))
    await expect(markRead(bob, bobSide, { upToNs: 5 as unknown as bigint })).rejects.toThrow(TypeError)
    await expect(markRead(bob, '/xmtp/0/m-unknown/proto', { sendReceipt: true })).rejects.toThrow(TypeError)
    // Without a receipt, any topic can hold a marker (e.g. restored before listing).
    expect((await markRead(bob, '/xmtp/0/m-later/proto', { upToNs: 7n })).lastReadNs).toBe(7n)
  })

  test('behavior: reading a request or a blocked conversation sends nothing and consents to nothing', async () => {
    const { alice: a, bob: b, aliceSide: fromAlice, bobSide: request } = await setup({ accepted: false })
    await sendMessage(a, { conversation: fromAlice, content: 'are you there?' })
    const messages = await listMessages(b, { conversation: request })
    expect(getConversationConsent(b, request)).toBe('requested')
    const published = vi.spyOn(b, 'publish')
    const read = await markRead(b, request, { upToNs: messages.at(-1)!.sentNs, sendReceipt: true })
    expect(read).toEqual({ lastReadNs: messages.at(-1)!.sentNs, receipt: undefined })
    expect(getUnreadCount(b, { conversation: request, messages })).toBe(0)
    expect(published).not.toHaveBeenCalled()
    expect(getConversationConsent(b, request)).toBe('requested')
    expect((await listMessages(a, { conversation: fromAlice })).filter(isReceipt)).toEqual([])

    // Blocked: the same.
    await deny(b, [a.address])
    published.mockClear()
    await sendMessage(a, { conversation: fromAlice, content: 'hello??' })
    const more = await listMessages(b, { conversation: request })
    expect((await markRead(b, request, { upToNs: more.at(-1)!.sentNs, sendReceipt: true })).receipt).toBeUndefined()
    expect(published).not.toHaveBeenCalled()
    expect(getConversationConsent(b, request)).toBe('denied')

    // Accepted, the next read tells Alice.
    await allow(b, [a.address])
    await sendMessage(a, { conversation: fromAlice, content: 'thanks' })
    const last = (await listMessages(b, { conversation: request })).at(-1)!
    expect((await markRead(b, request, { upToNs: last.sentNs, sendReceipt: true })).receipt).toMatchObject({ fromMe: true })
    published.mockRestore()
  })

  test("behavior: the user's own reply in a request allows the sender", async () => {
    const { bob: b, bobSide: request } = await setup({ accepted: false })
    expect(getConversationConsent(b, request)).toBe('requested')
    await sendMessage(b, { conversation: request, content: 'hi, who is this?' })
    expect(getConversationConsent(b, request)).toBe('allowed')
  })
})
