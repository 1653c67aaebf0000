import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  getConversationListStore,
  listConversations,
  memoryTransport,
  sendMessage,
  startConversation,
  streamAllMessages,
  type Conversation,
  type DecodedMessage,
  type Subscription,
  type Transport,
} from '@xmtp-kit/client'
import { createCountingWallet } from '../../support/wallets.js'

async function until(ok: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('streamAllMessages', () => {
  test('behavior: conversations listed by someone else while the stream starts are subscribed too', async () => {
    const transport = memoryTransport({ network: createMemoryNetwork() })
    const [me, peer] = await Promise.all([0, 1].map(() => createClient({ signer: createCountingWallet(), transport })))
    const conversation = await startConversation(peer!, { peerAddress: me!.address })
    await sendMessage(peer!, { conversation, content: 'before' })

    const received: DecodedMessage[] = []
    const stream = streamAllMessages(me!, { onMessage: (m) => received.push(m) })
    // Listed in parallel, as the conversation list store does: the stream's own listing then finds nothing new.
    await listConversations(me!)
    await stream.ready
    await new Promise((r) => setTimeout(r, 50))
    await sendMessage(peer!, { conversation, content: 'after' })
    await until(() => received.some((m) => m.content === 'after'))
    stream.close()
  })

  test('behavior: the conversation list store shows new messages of conversations that existed before it started', async () => {
    const transport = memoryTransport({ network: createMemoryNetwork() })
    const [me, peer] = await Promise.all([0, 1].map(() => createClient({ signer: createCountingWallet(), transport })))
    const conversation = await startConversation(peer!, { peerAddress: me!.address })
    await sendMessage(peer!, { conversation, content: 'first' })
    const store = getConversationListStore(me!)
    const stop = store.subscribe(() => undefined)
    await until(() => store.getSnapshot().status === 'ready' && store.getSnapshot().connection === 'live')
    await new Promise((r) => setTimeout(r, 50))
    await sendMessage(peer!, { conversation, content: 'second' })
    await until(() => store.getSnapshot().conversations[0]?.lastMessage?.content === 'second')
    expect(store.getSnapshot().conversations).toHaveLength(1)
    stop()
  })

  test('behavior: a conversation this client starts while streaming is announced, and its messages arrive', async () => {
    const transport = memoryTransport({ network: createMemoryNetwork() })
    const [me, peer] = await Promise.all([0, 1].map(() => createClient({ signer: createCountingWallet(), transport })))
    const announced: Conversation[] = []
    const received: DecodedMessage[] = []
    const stream = streamAllMessages(me!, { onMessage: (m) => received.push(m), onConversation: (c) => announced.push(c) })
    await stream.ready
    await new Promise((r) => setTimeout(r, 50))
    const mine = await startConversation(me!, { peerAddress: peer!.address })
    await until(() => announced.some((c) => c.topic === mine.topic))
    const theirs = await startConversation(peer!, { peerAddress: me!.address })
    expect(theirs.topic).toBe(mine.topic)
    await sendMessage(peer!, { conversation: theirs, content: 'reply' })
    await until(() => received.some((m) => m.content === 'reply'))
    expect(announced.filter((c) => c.topic === mine.topic)).toHaveLength(1)
    stream.close()
  })

  test('behavior: a conversation that arrived before the connection was live is found, announced and streamed', async () => {
    const network = createMemoryNetwork()
    const transport = memoryTransport({ network })
    // The stream's connection opens only when the test says: whatever is published before is missed live.
    let open!: () => void
    const opened = new Promise<void>((resolve) => (open = resolve))
    const late: Transport = { ...transport, subscribe: (topics, parameters) => deferSubscription(opened, () => transport.subscribe(topics, parameters)) }
    const [me, peer] = await Promise.all([createClient({ signer: createCountingWallet(), transport: late }), createClient({ signer: createCountingWallet(), transport })])
    const store = getConversationListStore(me!)
    const stop = store.subscribe(() => undefined)
    await until(() => store.getSnapshot().status === 'ready')
    const conversation = await startConversation(peer!, { peerAddress: me!.address })
    await sendMessage(peer!, { conversation, content: 'early' })
    open()
    await until(() => store.getSnapshot().conversations.length === 1)
    await until(() => store.getSnapshot().connection === 'live')
    await new Promise((r) => setTimeout(r, 50))
    await sendMessage(peer!, { conversation, content: 'later' })
    await until(() => store.getSnapshot().conversations[0]?.lastMessage?.content === 'later')
    stop()
  })
})

/** A subscription whose connection is made once `opened` resolves. */
function deferSubscription(opened: Promise<void>, make: () => Subscription): Subscription {
  let inner: Subscription | undefined
  let closed = false
  const listeners = new Set<() => void>()
  const connecting = { status: 'connecting' as const, reconnects: 0, error: undefined }
  const made = opened.then(() => {
    if (closed) throw new Error('closed')
    inner = make()
    inner.state.subscribe(() => listeners.forEach((l) => l()))
    listeners.forEach((l) => l())
    return inner
  })
  made.catch(() => undefined)
  return {
    state: {
      getSnapshot: () => inner?.state.getSnapshot() ?? connecting,
      subscribe(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
    ready: made.then((s) => s.ready),
    get topics() {
      return inner?.topics ?? []
    },
    updateTopics: (topics) => made.then((s) => s.updateTopics(topics)),
    close() {
      closed = true
      inner?.close()
    },
  }
}
