import { act, waitFor } from '@testing-library/react'
import { allow, type Client, createClient, httpTransport, sendMessage, startConversation, type Transport } from '@xmtp-kit/client'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { useClient, useConversations, useInboxFilters, useMarkRead, useMessages, useSendMessage, useUnreadCount } from '@xmtp-kit/react'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { countQueries, holdPublishes, measureBurst, renderHookWithClient } from './support.js'

// The real node over HTTP, in-process, on a SQLite file: closed to simulate an outage, restarted on the
// same port and file.
const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-react-http-'))
const db = join(dir, 'node.db')
let node: StartNodeReturnType
let url: string

beforeAll(async () => {
  node = await startNode({ port: 0, db, rateLimit: false, onError: () => undefined })
  url = node.url
})
afterAll(async () => {
  await node.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Fails fast while the node is down, reconnects fast once it is back. */
const transport = (): Transport => httpTransport({ url, retry: { attempts: 2, baseDelayMs: 20 }, reconnect: { baseDelayMs: 50, maxDelayMs: 200 } })
const newClient = (t: Transport = transport()): Promise<Client> => createClient({ signer: createCountingWallet(), transport: t })

describe('against the node over HTTP', () => {
  test('behavior: live updates arrive without refetching; an optimistic send shows pending, then sent', async () => {
    const counting = countQueries(transport())
    const [me, peer] = await Promise.all([newClient(counting), newClient()])
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    await sendMessage(peer, { conversation: peerSide, content: 'first' })
    const mine = await startConversation(me, { peerAddress: peer.address })
    const states: string[] = []
    const { result } = renderHookWithClient(
      () => {
        const value = { list: useConversations(), thread: useMessages(mine), sender: useSendMessage(mine) }
        const item = value.thread.messages.find((m) => m.content === 'mine')
        if (item && states.at(-1) !== item.deliveryStatus) states.push(item.deliveryStatus)
        return value
      },
      { client: me },
    )
    await waitFor(() => expect([result.current.list.connection, result.current.thread.connection]).toEqual(['live', 'live']))
    await waitFor(() => expect(result.current.thread.messages.map((m) => m.content)).toEqual(['first']))
    await new Promise((r) => setTimeout(r, 100))
    const queries = counting.queries
    await sendMessage(peer, { conversation: peerSide, content: 'second' })
    await waitFor(() => expect(result.current.thread.messages.map((m) => m.content)).toEqual(['first', 'second']))
    await waitFor(() => expect(result.current.list.conversations[0]?.lastMessage?.content).toBe('second'))
    expect(counting.queries).toBe(queries)

    await act(() => result.current.sender.send('mine'))
    expect(states).toEqual(['pending', 'sent'])
  })

  test('behavior: with the node down a send shows failed; resend succeeds after a restart', async () => {
    const [me, peer] = await Promise.all([newClient(), newClient()])
    const mine = await startConversation(me, { peerAddress: peer.address })
    const { result } = renderHookWithClient(() => ({ thread: useMessages(mine), sender: useSendMessage(mine) }), { client: me })
    await waitFor(() => expect(result.current.thread.connection).toBe('live'))

    await node.close()
    try {
      const failed = await act(() => result.current.sender.send('during the outage'))
      expect(failed?.deliveryStatus).toBe('failed')
      expect(result.current.thread.messages.find((m) => m.key === failed!.key)?.deliveryStatus).toBe('failed')
      expect(result.current.sender.status).toBe('error')
      await waitFor(() => expect(result.current.thread.connection).toBe('reconnecting'))
    } finally {
      node = await startNode({ port: node.port, db, rateLimit: false, onError: () => undefined })
    }
    const key = result.current.thread.messages.find((m) => m.content === 'during the outage')!.key
    await act(() => result.current.sender.resend(key))
    expect(result.current.thread.messages.find((m) => m.key === key)?.deliveryStatus).toBe('sent')
    await waitFor(() => expect(result.current.thread.connection).toBe('live'), { timeout: 5000 })
    // The peer gets it.
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    const { result: other } = renderHookWithClient(() => useMessages(peerSide), { client: peer })
    await waitFor(() => expect(other.current.messages.map((m) => m.content)).toEqual(['during the outage']))
  })

  test('behavior: a wallet switch shows only the new wallet’s conversations', async () => {
    const [first, second] = [createCountingWallet(), createCountingWallet()]
    const [peerA, peerB] = await Promise.all([newClient(), newClient()])
    await createClient({ signer: first, transport: transport() })
    await createClient({ signer: second, transport: transport() })
    await sendMessage(peerA, { conversation: await startConversation(peerA, { peerAddress: first.address }), content: 'to first' })
    await sendMessage(peerB, { conversation: await startConversation(peerB, { peerAddress: second.address }), content: 'to second' })

    const seen: string[][] = []
    const { result } = renderHookWithClient(
      () => {
        const value = { client: useClient(), list: useConversations() }
        seen.push(value.list.conversations.map((s) => s.conversation.peerAddress))
        return value
      },
      { provider: { url } },
    )
    await act(() => result.current.client.connect(first))
    await waitFor(() => expect(result.current.list.conversations.map((s) => s.conversation.peerAddress)).toEqual([peerA.address]))
    const from = seen.length
    await act(() => result.current.client.connect(second))
    await waitFor(() => expect(result.current.list.conversations.map((s) => s.conversation.peerAddress)).toEqual([peerB.address]))
    expect(seen.slice(from).every((peers) => !peers.includes(peerA.address))).toBe(true)
  })

  test('behavior: views change live when consent changes; unread counts fall on markRead and the peer sees the receipt', async () => {
    const [me, peer] = await Promise.all([newClient(), newClient()])
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    await sendMessage(peer, { conversation: peerSide, content: 'one' })
    await sendMessage(peer, { conversation: peerSide, content: 'two' })
    const { result } = renderHookWithClient(() => ({ views: useInboxFilters(), unread: useUnreadCount(peerSide.topic), mark: useMarkRead(), thread: useMessages(peerSide.topic) }), {
      client: me,
    })
    await waitFor(() => expect(result.current.views.counts).toEqual({ primary: 0, requests: 1, blocked: 0 }))
    await waitFor(() => expect(result.current.unread.count).toBe(2))

    // Allowed from another client of the same wallet: arrives through the consent stream.
    const otherDevice = await createClient({ keys: me.exportKeys(), transport: transport() })
    await allow(otherDevice, [peer.address])
    await waitFor(() => expect(result.current.views.counts).toEqual({ primary: 1, requests: 0, blocked: 0 }), { timeout: 5000 })

    const { result: peerView } = renderHookWithClient(() => ({ unread: useUnreadCount(peerSide), thread: useMessages(peerSide) }), { client: peer })
    await waitFor(() => expect(peerView.current.thread.connection).toBe('live'))
    const marked = await act(() => result.current.mark.markRead(peerSide.topic, { sendReceipt: true }))
    await waitFor(() => expect(result.current.unread.count).toBe(0))
    await waitFor(() => expect(peerView.current.unread.peerReadNs).toBe(marked!.receipt!.sentNs))
  })

  test('behavior: a burst of 100 incoming messages renders a useMessages consumer at most 3 times', async () => {
    const peerTransport = holdPublishes(transport())
    const [me, peer] = await Promise.all([newClient(), newClient(peerTransport)])
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    const mine = await startConversation(me, { peerAddress: peer.address })
    const renders = await measureBurst(me, mine, async () => {
      peerTransport.hold()
      await Promise.all(Array.from({ length: 100 }, (_, i) => sendMessage(peer, { conversation: peerSide, content: `burst ${i}` })))
      return () => peerTransport.release()
    })
    console.info(`useMessages renders for a burst of 100 (HTTP node): ${renders}`)
    expect(renders).toBeLessThanOrEqual(3)
  })
})
