import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  deny,
  getConversationListStore,
  markRead,
  memoryTransport,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { createCountingWallet } from '../../support/wallets.js'

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = read()
    if (ok(value)) return value
    if (Date.now() - start > timeoutMs) throw new Error('condition not met')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('getConversationListStore', () => {
  test('behavior: lists with previews, updates live, moves on consent changes and read markers', async () => {
    const transport = memoryTransport({ network: createMemoryNetwork() })
    const [me, alice, bob] = await Promise.all([0, 1, 2].map(() => createClient({ signer: createCountingWallet(), transport })))
    const fromAlice = await startConversation(alice!, { peerAddress: me!.address })
    await sendMessage(alice!, { conversation: fromAlice, content: 'hi from alice' })

    const store = getConversationListStore(me!)
    expect(getConversationListStore(me!)).toBe(store)
    const stop = store.subscribe(() => undefined)
    let snapshot = await until(() => store.getSnapshot(), (s) => s.status === 'ready' && s.conversations.length === 1)
    expect(snapshot.conversations[0]).toMatchObject({ consent: 'requested', unreadCount: 1, lastMessage: { content: 'hi from alice' } })

    // A new conversation and message arrive live, and sort first.
    const fromBob = await startConversation(bob!, { peerAddress: me!.address })
    await sendMessage(bob!, { conversation: fromBob, content: 'hi from bob' })
    snapshot = await until(() => store.getSnapshot(), (s) => s.conversations[0]?.lastMessage?.content === 'hi from bob')
    expect(snapshot.conversations.map((c) => c.conversation.peerAddress)).toEqual([bob!.address, alice!.address])

    await deny(me!, [bob!.address])
    snapshot = await until(() => store.getSnapshot(), (s) => s.conversations[0]?.consent === 'denied')

    await markRead(me!, fromAlice.topic)
    snapshot = await until(() => store.getSnapshot(), (s) => s.conversations.find((c) => c.conversation.topic === fromAlice.topic)?.unreadCount === 0)
    stop()
  })
})
