import { createClient, createMemoryNetwork, getConnectionStore, memoryTransport, startConversation, streamAllMessages, streamMessages } from '@xmtp-kit/client'
import { describe, expect, test } from 'vitest'
import { createCountingWallet } from '../../support/wallets.js'

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(check()).toBe(true)
}

describe('getConnectionStore', () => {
  test('default: lists each open stream with its status, live after connecting, gone once closed; watching it opens nothing', async () => {
    const network = createMemoryNetwork()
    const me = await createClient({ signer: createCountingWallet(), transport: memoryTransport({ network }) })
    const peer = await createClient({ signer: createCountingWallet(), transport: memoryTransport({ network }) })
    const store = getConnectionStore(me)
    expect(getConnectionStore(me)).toBe(store)
    const snapshots: unknown[] = []
    const stopWatching = store.subscribe(() => snapshots.push(store.getSnapshot()))
    expect(store.getSnapshot().streams).toEqual([])

    const conversation = await startConversation(me, { peerAddress: peer.address })
    const all = streamAllMessages(me, { onMessage: () => undefined })
    const thread = streamMessages(me, { conversation, onMessage: () => undefined })
    await Promise.all([all.ready, thread.ready])
    expect(store.getSnapshot().streams).toEqual(
      expect.arrayContaining([
        { kind: 'allMessages', topic: undefined, status: 'live' },
        { kind: 'messages', topic: conversation.topic, status: 'live' },
      ]),
    )
    expect(Object.isFrozen(store.getSnapshot()) && Object.isFrozen(store.getSnapshot().streams)).toBe(true)

    // A drop: both say so, then come back.
    network.setOffline(true)
    await until(() => store.getSnapshot().streams.every((s) => s.status !== 'live'))
    // Several reconnect attempts while offline: still one entry per stream.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(store.getSnapshot().streams).toHaveLength(2)
    network.setOffline(false)
    await until(() => store.getSnapshot().streams.length === 2 && store.getSnapshot().streams.every((s) => s.status === 'live'))

    thread.close()
    await until(() => store.getSnapshot().streams.length === 1)
    expect(store.getSnapshot().streams[0]!.kind).toBe('allMessages')
    all.close()
    await until(() => store.getSnapshot().streams.length === 0)
    expect(snapshots.length).toBeGreaterThan(3)
    stopWatching()
    // Another client's streams are not this one's.
    expect(getConnectionStore(peer).getSnapshot().streams).toEqual([])
  })
})
