import { waitFor } from '@testing-library/react'
import { allow, consentIs, createClient, custom, deny, type InboxFilter, keyword, sendMessage, startConversation } from '@xmtp-kit/client'
import { useConversation, useConversations, useStartConversation } from '@xmtp-kit/react'
import { describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { countQueries, createTestNetwork, renderHookWithClient } from './support.js'

describe('useConversations', () => {
  test('default: the live list, newest activity first; new messages arrive without querying', async () => {
    const net = createTestNetwork()
    const transport = countQueries(net.transport)
    const [me, alice, bob] = await Promise.all([
      createClient({ signer: createCountingWallet(), transport }),
      net.client(),
      net.client(),
    ])
    const fromAlice = await startConversation(alice, { peerAddress: me.address })
    const fromBob = await startConversation(bob, { peerAddress: me.address })
    await sendMessage(alice, { conversation: fromAlice, content: 'hi from alice' })

    const { result } = renderHookWithClient(() => useConversations(), { client: me })
    expect(result.current.isLoading).toBe(true)
    await waitFor(() => expect(result.current.status).toBe('ready'))
    await waitFor(() => expect(result.current.connection).toBe('live'))
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([alice.address, bob.address])
    expect(result.current.conversations[0]!.lastMessage?.content).toBe('hi from alice')
    expect(result.current.conversations[0]!.unreadCount).toBe(1)

    const queries = transport.queries
    await sendMessage(bob, { conversation: fromBob, content: 'bob here' })
    await waitFor(() => expect(result.current.conversations[0]!.lastMessage?.content).toBe('bob here'))
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([bob.address, alice.address])
    expect(transport.queries).toBe(queries)
  })

  test('parameters: filter (sync, async, and live with consent)', async () => {
    const net = createTestNetwork()
    const [me, alice, bob] = await Promise.all([net.client(), net.client(), net.client()])
    await sendMessage(alice, { conversation: await startConversation(alice, { peerAddress: me.address }), content: 'invoice 42' })
    await sendMessage(bob, { conversation: await startConversation(bob, { peerAddress: me.address }), content: 'gm' })

    const requests = consentIs('requested')
    const slowBob = custom(async (item) => {
      await new Promise((r) => setTimeout(r, 5))
      return item.conversation.peerAddress === bob.address
    })
    const search = keyword('invoice')
    const { result, rerender } = renderHookWithClient(({ filter }: { filter: InboxFilter }) => useConversations({ filter }), {
      client: me,
      initialProps: { filter: requests as InboxFilter },
    })
    await waitFor(() => expect(result.current.conversations).toHaveLength(2))

    await allow(me, [alice.address])
    await waitFor(() => expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([bob.address]))

    rerender({ filter: search })
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([alice.address])

    rerender({ filter: slowBob })
    expect(result.current.isFiltering).toBe(true)
    await waitFor(() => expect(result.current.isFiltering).toBe(false))
    expect(result.current.conversations.map((s) => s.conversation.peerAddress)).toEqual([bob.address])

    rerender({ filter: custom(() => {
      throw new Error('broken filter')
    }) })
    expect(result.current.error?.message).toBe('broken filter')
    await deny(me, [bob.address])
  })

  test('behavior: no client renders an idle, empty list', () => {
    const { result } = renderHookWithClient(() => useConversations())
    expect(result.current).toMatchObject({ conversations: [], status: 'idle', isLoading: false, connection: 'idle' })
  })
})

describe('useConversation', () => {
  test('default: finds a conversation by peer or topic; a started one joins the list', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const { result } = renderHookWithClient(
      () => ({ byPeer: useConversation(alice.address.toLowerCase()), start: useStartConversation(), list: useConversations() }),
      { client: me },
    )
    await waitFor(() => expect(result.current.list.status).toBe('ready'))
    expect(result.current.byPeer).toMatchObject({ conversation: undefined, status: 'ready' })

    const started = await result.current.start.startConversation(alice.address)
    expect(started?.peerAddress).toBe(alice.address)
    await waitFor(() => expect(result.current.start.status).toBe('success'))
    await waitFor(() => expect(result.current.byPeer.conversation?.topic).toBe(started!.topic))
    expect(result.current.byPeer.summary?.consent).toBe('allowed')

    const { result: byTopic } = renderHookWithClient(() => useConversation(started!.topic), { client: me })
    await waitFor(() => expect(byTopic.current.conversation?.peerAddress).toBe(alice.address))
  })

  test('behavior: starting with an unknown wallet returns the error, it does not throw', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const { result } = renderHookWithClient(() => useStartConversation(), { client: me })
    expect(await result.current.startConversation('0x0000000000000000000000000000000000000001')).toBeUndefined()
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error?.name).toBe('NotOnNetworkError')
  })
})
