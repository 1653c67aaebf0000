import { act, waitFor } from '@testing-library/react'
import {
  allow,
  ContentTypeRemoteAttachment,
  custom,
  deny,
  encryptAttachment,
  inboxViews,
  keyword,
  type RemoteAttachment,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import {
  useAttachment,
  useCanMessage,
  useConnectionStatus,
  useConversations,
  useConsent,
  useInboxFilters,
  useInboxStats,
  useMarkRead,
  useMessages,
  useStreamAllMessages,
  useUnreadCount,
} from '@xmtp-kit/react'
import { describe, expect, test } from 'vitest'
import { createTestNetwork, renderHookWithClient } from './support.js'

async function inbox() {
  const net = createTestNetwork()
  const [me, alice, bob] = await Promise.all([net.client(), net.client(), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  const fromBob = await startConversation(bob, { peerAddress: me.address })
  await sendMessage(alice, { conversation: fromAlice, content: 'invoice from alice' })
  await sendMessage(bob, { conversation: fromBob, content: 'gm from bob' })
  return { net, me, alice, bob, fromAlice, fromBob }
}

describe('useInboxFilters', () => {
  test('default: counts per view, the active view, and views change live when consent changes', async () => {
    const { me, alice, bob } = await inbox()
    const { result } = renderHookWithClient(() => useInboxFilters(), { client: me })
    await waitFor(() => expect(result.current.counts).toEqual({ primary: 0, requests: 2, blocked: 0 }))
    expect(result.current.views).toEqual(['primary', 'requests', 'blocked'])
    expect(result.current.view).toBe('primary')
    expect(result.current.conversations).toEqual([])

    await allow(me, [alice.address])
    await waitFor(() => expect(result.current.counts).toEqual({ primary: 1, requests: 1, blocked: 0 }))
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([alice.address])

    act(() => result.current.setView('requests'))
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([bob.address])
    await deny(me, [bob.address])
    await waitFor(() => expect(result.current.counts).toEqual({ primary: 1, requests: 0, blocked: 1 }))
    expect(result.current.conversations).toEqual([])
  })

  test('parameters: custom (async) views, a search filter, controlled view', async () => {
    const { me, alice, bob } = await inbox()
    const views = {
      ...inboxViews,
      fromAlice: custom(async (item) => item.conversation.peerAddress === alice.address),
    }
    const changes: string[] = []
    const search = keyword('gm')
    const { result } = renderHookWithClient(
      () => useInboxFilters({ views, view: 'requests', filter: search, onViewChange: (v) => changes.push(v) }),
      { client: me },
    )
    await waitFor(() => expect(result.current.counts).toEqual({ primary: 0, requests: 2, blocked: 0, fromAlice: 1 }))
    await waitFor(() => expect(result.current.isFiltering).toBe(false))
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([bob.address])
    act(() => result.current.setView('fromAlice'))
    expect(changes).toEqual(['fromAlice'])
    expect(result.current.view).toBe('requests')
  })
})

describe('useConsent', () => {
  test('default: state, conversation consent, allow and deny, live', async () => {
    const { me, alice } = await inbox()
    const mine = await startConversation(me, { peerAddress: alice.address })
    const { result } = renderHookWithClient(() => ({ byAddress: useConsent(alice.address), byConversation: useConsent(mine) }), { client: me })
    await waitFor(() => expect(result.current.byAddress.status).toBe('ready'))
    expect(result.current.byAddress.state).toBe('unknown')
    // Alice wrote first: a request until allowed.
    expect(result.current.byConversation.conversationConsent).toBe('requested')
    await act(() => result.current.byAddress.deny())
    expect(result.current.byAddress.state).toBe('denied')
    expect(result.current.byConversation.conversationConsent).toBe('denied')
    await act(() => result.current.byConversation.allow())
    expect(result.current.byAddress.state).toBe('allowed')
    expect(result.current.byAddress.actionStatus).toBe('success')
    expect(result.current.byConversation.actionStatus).toBe('success')
  })
})

describe('useUnreadCount / useMarkRead', () => {
  test('default: counts fall on markRead, and the peer sees the read receipt', async () => {
    const { me, alice, fromAlice } = await inbox()
    const mine = (await startConversation(me, { peerAddress: alice.address })).topic
    // Accepted: a receipt goes only to an allowed sender (the consent rule, tested in markRead.test.ts).
    await allow(me, [alice.address])
    const { result } = renderHookWithClient(() => ({ total: useUnreadCount(), one: useUnreadCount(mine), mark: useMarkRead() }), { client: me })
    await waitFor(() => expect(result.current.total.total).toBe(2))
    expect(result.current.one.count).toBe(1)
    await sendMessage(alice, { conversation: fromAlice, content: 'another' })
    await waitFor(() => expect(result.current.one.count).toBe(2))
    expect(result.current.total.byTopic.get(mine)).toBe(2)

    const { result: peer } = renderHookWithClient(() => ({ unread: useUnreadCount(fromAlice), thread: useMessages(fromAlice) }), { client: alice })
    await waitFor(() => expect(peer.current.thread.status).toBe('ready'))
    expect(peer.current.unread.peerReadNs).toBeUndefined()

    const marked = await act(() => result.current.mark.markRead(mine, { sendReceipt: true }))
    expect(marked?.receipt).toBeDefined()
    await waitFor(() => expect(result.current.one.count).toBe(0))
    expect(result.current.total.total).toBe(1)
    // The receipt itself (sent just after) moves my marker up to its time.
    expect(result.current.one.lastReadNs! >= marked!.lastReadNs).toBe(true)
    await waitFor(() => expect(peer.current.unread.peerReadNs).toBe(marked!.receipt!.sentNs))
  })
})

describe('useCanMessage', () => {
  test('default: one or many, shared and cached', async () => {
    const { me, alice } = await inbox()
    const nobody = '0x0000000000000000000000000000000000000001'
    const { result } = renderHookWithClient(() => ({ one: useCanMessage(alice.address), many: useCanMessage([alice.address, nobody]), none: useCanMessage(undefined) }), { client: me })
    await waitFor(() => expect(result.current.one.canMessage).toBe(true))
    await waitFor(() => expect(result.current.many.canMessage).toEqual([true, false]))
    expect(result.current.none).toMatchObject({ canMessage: undefined, status: 'idle' })
  })
})

describe('useStreamAllMessages', () => {
  test('default: calls back for every new message of every conversation, with the latest callback', async () => {
    const { me, alice, bob, fromAlice, fromBob } = await inbox()
    const received: string[] = []
    const { result, rerender } = renderHookWithClient(({ tag }: { tag: string }) => useStreamAllMessages((m) => received.push(`${tag}:${String(m.content)}`)), {
      client: me,
      initialProps: { tag: 'a' },
    })
    await waitFor(() => expect(result.current.connection).toBe('live'))
    await new Promise((r) => setTimeout(r, 50))
    await sendMessage(alice, { conversation: fromAlice, content: 'one' })
    await waitFor(() => expect(received).toEqual(['a:one']))
    rerender({ tag: 'b' })
    await sendMessage(bob, { conversation: fromBob, content: 'two' })
    await waitFor(() => expect(received).toEqual(['a:one', 'b:two']))
  })
})

describe('useConnectionStatus', () => {
  test('default: offline without client, live when streaming, reconnecting after a drop', async () => {
    const { net, me } = await inbox()
    const { result: none } = renderHookWithClient(() => useConnectionStatus())
    expect(none.current.status).toBe('offline')
    // It reports the streams the app runs (here the conversation list's) and opens none itself.
    const { result: alone } = renderHookWithClient(() => useConnectionStatus(), { client: me })
    expect(alone.current).toEqual({ status: 'offline', browserOffline: false, streams: 0 })
    const { result: both } = renderHookWithClient(() => ({ status: useConnectionStatus(), list: useConversations() }), { client: me })
    const result = { get current() { return both.current.status } }
    await waitFor(() => expect(result.current.status).toBe('live'))
    expect(result.current.streams).toBeGreaterThan(0)
    net.network.setOffline(true)
    await waitFor(() => expect(result.current.status).toBe('reconnecting'))
    net.network.setOffline(false)
    await waitFor(() => expect(result.current.status).toBe('live'), { timeout: 5000 })
  })
})

describe('useInboxStats', () => {
  test('default: metrics over the conversations and the threads shown', async () => {
    const { me, alice } = await inbox()
    const mine = await startConversation(me, { peerAddress: alice.address })
    await sendMessage(me, { conversation: mine, content: 'reply to alice' })
    const { result } = renderHookWithClient(() => ({ stats: useInboxStats(), thread: useMessages(mine) }), { client: me })
    await waitFor(() => expect(result.current.thread.messages).toHaveLength(2))
    await waitFor(() => expect(result.current.stats.metrics).toMatchObject({ conversationCount: 2, messageCount: 3, sentCount: 1, receivedCount: 2, conversationsWithReplies: 1 }))
  })
})

describe('useAttachment', () => {
  test('default: downloads, checks and decrypts a remote attachment; refuses one over maxBytes', async () => {
    const data = new TextEncoder().encode('hello file')
    const encrypted = encryptAttachment({ filename: 'a.txt', mimeType: 'text/plain', data })
    const remote: RemoteAttachment = { ...encrypted, url: 'https://files.example/a', scheme: 'https://', contentLength: encrypted.payload.length, filename: 'a.txt' }
    let downloads = 0
    const fetch = async () => {
      downloads++
      return new Response(encrypted.payload.slice())
    }
    const message = { id: 'x', topic: '/xmtp/0/m-x/proto', senderAddress: '0x', sentNs: 1n, contentType: ContentTypeRemoteAttachment, content: remote, fallback: undefined, error: undefined, fromMe: false }
    const { result } = renderHookWithClient(() => ({ a: useAttachment(message, { fetch }), b: useAttachment(remote, { fetch }) }))
    await waitFor(() => expect(result.current.a.status).toBe('ready'))
    expect(result.current.a.attachment).toMatchObject({ filename: 'a.txt', mimeType: 'text/plain' })
    expect(new TextDecoder().decode(result.current.b.attachment!.data)).toBe('hello file')
    expect(downloads).toBe(1)

    const { result: capped } = renderHookWithClient(() => useAttachment(remote, { fetch, maxBytes: 4 }))
    await waitFor(() => expect(capped.current.status).toBe('error'))
    expect(capped.current.error?.name).toBe('PayloadTooLargeError')
  })
})
