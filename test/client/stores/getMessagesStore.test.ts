import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  memoryTransport,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { getMessagesStore, type MessagesSnapshot } from '../../../packages/client/src/stores/getMessagesStore.js'
import { createCountingWallet } from '../../support/wallets.js'

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = read()
    if (ok(value)) return value
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met: ${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function setup() {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  const [me, peer] = await Promise.all([createClient({ signer: createCountingWallet(), transport }), createClient({ signer: createCountingWallet(), transport })])
  const peerSide = await startConversation(peer, { peerAddress: me.address })
  const mine = await startConversation(me, { peerAddress: peer.address })
  return { network, me, peer, peerSide, mine }
}

describe('getMessagesStore', () => {
  test('behavior: loads the latest page, streams new messages, and coalesces a burst of 100 into few notifications', async () => {
    const { me, peer, peerSide, mine } = await setup()
    await sendMessage(peer, { conversation: peerSide, content: 'before' })
    const store = getMessagesStore(me, mine)
    expect(getMessagesStore(me, mine.topic)).toBe(store)
    let notifications = 0
    const stop = store.subscribe(() => notifications++)
    await until(() => store.getSnapshot(), (s) => s.status === 'ready' && s.messages.length === 1)
    notifications = 0
    await Promise.all(Array.from({ length: 100 }, (_, i) => sendMessage(peer, { conversation: peerSide, content: `burst ${i}` })))
    const done = await until(() => store.getSnapshot(), (s) => s.messages.length === 101)
    expect(notifications).toBeLessThanOrEqual(5)
    expect(done.messages.map((m) => m.content).slice(1).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `burst ${i}`).sort())
    stop()
  })

  test('behavior: an optimistic send is pending, then sent; offline it fails, and resend succeeds once back', async () => {
    const { network, me, mine } = await setup()
    const store = getMessagesStore(me, mine)
    const stop = store.subscribe(() => undefined)
    await until(() => store.getSnapshot(), (s) => s.status === 'ready')
    const states: string[] = []
    const watch = store.subscribe(() => {
      const item = store.getSnapshot().messages.find((m) => m.content === 'hello')
      if (item && states.at(-1) !== item.deliveryStatus) states.push(item.deliveryStatus)
    })
    const sent = await store.send('hello')
    expect(sent.deliveryStatus).toBe('sent')
    await until(() => states, (s) => s.at(-1) === 'sent')
    expect(states).toEqual(['pending', 'sent'])
    // The stream echoes our own message: it is kept once.
    await new Promise((r) => setTimeout(r, 50))
    expect(store.getSnapshot().messages.filter((m) => m.content === 'hello')).toHaveLength(1)

    network.setOffline(true)
    const failed = await store.send('while offline')
    expect(failed.deliveryStatus).toBe('failed')
    expect(failed.sendError).toBeInstanceOf(Error)
    network.setOffline(false)
    await store.resend(failed.key)
    expect(store.getSnapshot().messages.find((m) => m.key === failed.key)?.deliveryStatus).toBe('sent')

    network.setOffline(true)
    const dropped = await store.send('cancel me')
    store.cancel(dropped.key)
    expect(store.getSnapshot().messages.some((m) => m.key === dropped.key)).toBe(false)
    network.setOffline(false)
    watch()
    stop()
  })

  test('behavior: loadOlder pages back through history without duplicates', async () => {
    const { me, peer, peerSide, mine } = await setup()
    for (let i = 0; i < 25; i++) await sendMessage(peer, { conversation: peerSide, content: `m${i}` })
    const store = getMessagesStore(me, mine, { pageSize: 10 })
    const stop = store.subscribe(() => undefined)
    let snapshot: MessagesSnapshot = await until(() => store.getSnapshot(), (s) => s.status === 'ready')
    expect(snapshot.messages.map((m) => m.content)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 15}`))
    await store.loadOlder()
    await store.loadOlder()
    await store.loadOlder()
    snapshot = store.getSnapshot()
    expect(snapshot.messages.map((m) => m.content)).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`))
    expect(snapshot.hasOlder).toBe(false)
    stop()
  })
})
