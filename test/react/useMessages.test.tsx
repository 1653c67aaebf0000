import { render, waitFor } from '@testing-library/react'
import { createClient, sendMessage, startConversation, type Transport } from '@xmtp-kit/client'
import { XMTPProvider, useMessages, useReactions, useReplies, useSendMessage } from '@xmtp-kit/react'
import { describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { countQueries, createTestNetwork, holdPublishes, measureBurst, renderHookWithClient } from './support.js'

async function pair(wrap: (transport: Transport) => Transport = (t) => t) {
  const net = createTestNetwork()
  const transport = wrap(net.transport)
  const [me, peer] = await Promise.all([createClient({ signer: createCountingWallet(), transport }), net.client()])
  const peerSide = await startConversation(peer, { peerAddress: me.address })
  const mine = await startConversation(me, { peerAddress: peer.address })
  return { net, me, peer, peerSide, mine }
}

/** Watches one message's delivery states as rendered. */
function statesOf(content: string, rendered: { messages: readonly { content: unknown; deliveryStatus: string }[] }[]) {
  const states: string[] = []
  for (const r of rendered) {
    const item = r.messages.find((m) => m.content === content)
    if (item && states.at(-1) !== item.deliveryStatus) states.push(item.deliveryStatus)
  }
  return states
}

describe('useMessages', () => {
  test('default: loads the latest messages, then new ones arrive live without querying', async () => {
    const net = createTestNetwork()
    const transport = countQueries(net.transport)
    const [me, peer] = await Promise.all([createClient({ signer: createCountingWallet(), transport }), net.client()])
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    await sendMessage(peer, { conversation: peerSide, content: 'first' })
    const mine = await startConversation(me, { peerAddress: peer.address })

    const { result } = renderHookWithClient(() => useMessages(mine), { client: me })
    expect(result.current.isLoading).toBe(true)
    await waitFor(() => expect(result.current.status).toBe('ready'))
    await waitFor(() => expect(result.current.connection).toBe('live'))
    expect(result.current.messages.map((m) => m.content)).toEqual(['first'])
    const queries = transport.queries
    await sendMessage(peer, { conversation: peerSide, content: 'second' })
    await waitFor(() => expect(result.current.messages.map((m) => m.content)).toEqual(['first', 'second']))
    expect(transport.queries).toBe(queries)
  })

  test('parameters: pageSize and loadOlder', async () => {
    const { me, peer, peerSide, mine } = await pair()
    for (let i = 0; i < 12; i++) await sendMessage(peer, { conversation: peerSide, content: `m${i}` })
    const { result } = renderHookWithClient(() => useMessages(mine, { pageSize: 5 }), { client: me })
    await waitFor(() => expect(result.current.status).toBe('ready'))
    expect(result.current.messages.map((m) => m.content)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11'])
    expect(result.current.hasOlder).toBe(true)
    await result.current.loadOlder()
    await waitFor(() => expect(result.current.messages).toHaveLength(10))
    await result.current.loadOlder()
    await waitFor(() => expect(result.current.hasOlder).toBe(false))
    expect(result.current.messages.map((m) => m.content)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`))
  })

  test('behavior: two components on one conversation share one network subscription', async () => {
    let subscriptions = 0
    const { me, peer, peerSide, mine } = await pair((inner) => ({ ...inner, subscribe: (topics, p) => (subscriptions++, inner.subscribe(topics, p)) }))
    subscriptions = 0
    const seen: string[][] = [[], []]
    function Thread({ index }: { index: number }) {
      const { messages } = useMessages(mine)
      seen[index] = messages.map((m) => String(m.content))
      return null
    }
    render(
      <XMTPProvider client={me}>
        <Thread index={0} />
        <Thread index={1} />
      </XMTPProvider>,
    )
    await sendMessage(peer, { conversation: peerSide, content: 'to both' })
    await waitFor(() => expect(seen).toEqual([['to both'], ['to both']]))
    expect(subscriptions).toBe(1)
  })

  test('behavior: an unknown conversation is an error, not a throw; no client is idle', async () => {
    const { me } = await pair()
    const { result } = renderHookWithClient(() => useMessages('/xmtp/0/m-unknown/proto'), { client: me })
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error).toBeInstanceOf(TypeError)
    const { result: idle } = renderHookWithClient(() => useMessages(undefined))
    expect(idle.current).toMatchObject({ status: 'idle', messages: [], isLoading: false })
  })

  test('behavior: a burst of 100 incoming messages renders a consumer at most 3 times', async () => {
    const net = createTestNetwork()
    const peerTransport = holdPublishes(net.transport)
    const [me, peer] = await Promise.all([net.client(), net.client(peerTransport)])
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    const mine = await startConversation(me, { peerAddress: peer.address })
    const renders = await measureBurst(me, mine, async () => {
      peerTransport.hold()
      await Promise.all(Array.from({ length: 100 }, (_, i) => sendMessage(peer, { conversation: peerSide, content: `burst ${i}` })))
      return () => peerTransport.release()
    })
    console.info(`useMessages renders for a burst of 100 (memory network): ${renders}`)
    expect(renders).toBeLessThanOrEqual(3)
  })
})

describe('useSendMessage', () => {
  test('default: an optimistic send shows pending, then sent; offline it fails and resend succeeds', async () => {
    const { net, me, mine } = await pair()
    const rendered: { messages: readonly { content: unknown; deliveryStatus: string }[] }[] = []
    const { result } = renderHookWithClient(
      () => {
        const thread = useMessages(mine)
        rendered.push(thread)
        return { thread, sender: useSendMessage(mine) }
      },
      { client: me },
    )
    await waitFor(() => expect(result.current.thread.status).toBe('ready'))

    const sent = await result.current.sender.send('hello')
    expect(sent?.deliveryStatus).toBe('sent')
    await waitFor(() => expect(statesOf('hello', rendered)).toEqual(['pending', 'sent']))
    expect(result.current.sender.status).toBe('success')

    net.network.setOffline(true)
    const failed = await result.current.sender.send('while offline')
    expect(failed?.deliveryStatus).toBe('failed')
    await waitFor(() => expect(result.current.sender.status).toBe('error'))
    expect(result.current.sender.error).toBeInstanceOf(Error)
    await waitFor(() => expect(statesOf('while offline', rendered)).toEqual(['pending', 'failed']))

    net.network.setOffline(false)
    await result.current.sender.resend(failed!.key)
    await waitFor(() => expect(statesOf('while offline', rendered)).toEqual(['pending', 'failed', 'pending', 'sent']))
    await waitFor(() => expect(result.current.sender.status).toBe('idle'))

    net.network.setOffline(true)
    const dropped = await result.current.sender.send('cancel me')
    result.current.sender.cancel(dropped!.key)
    await waitFor(() => expect(result.current.thread.messages.some((m) => m.content === 'cancel me')).toBe(false))
    net.network.setOffline(false)
    expect(result.current.thread.messages.filter((m) => m.content === 'hello')).toHaveLength(1)
  })

  test('behavior: without a client, send resolves undefined with ClientNotReadyError', async () => {
    const { result } = renderHookWithClient(() => useSendMessage('/xmtp/0/m-x/proto'))
    expect(await result.current.send('x')).toBeUndefined()
    await waitFor(() => expect(result.current.error?.name).toBe('ClientNotReadyError'))
  })
})

describe('useReactions', () => {
  test('default: groups reactions per message, live; adding and removing mine', async () => {
    const { me, peer, peerSide, mine } = await pair()
    const target = await sendMessage(peer, { conversation: peerSide, content: 'react to me' })
    const { result } = renderHookWithClient(() => ({ thread: useMessages(mine), reactions: useReactions(mine) }), { client: me })
    await waitFor(() => expect(result.current.thread.status).toBe('ready'))

    await sendMessage(peer, { conversation: peerSide, content: { reference: target.id, action: 'added', schema: 'unicode', content: '👍' }, contentType: { authorityId: 'xmtp.org', typeId: 'reaction', versionMajor: 1, versionMinor: 0 } })
    await waitFor(() => expect(result.current.reactions.reactions.get(target.id)).toEqual([{ content: '👍', schema: 'unicode', count: 1, senders: [peer.address], mine: false, pending: false }]))

    await result.current.reactions.react(target.id, '👍')
    await waitFor(() => expect(result.current.reactions.reactions.get(target.id)?.[0]).toMatchObject({ count: 2, mine: true, pending: false }))
    await result.current.reactions.unreact(target.id, '👍')
    await waitFor(() => expect(result.current.reactions.reactions.get(target.id)?.[0]).toMatchObject({ count: 1, mine: false }))
  })
})

describe('useReplies', () => {
  test('default: groups replies per message; reply sends one', async () => {
    const { me, peer, peerSide, mine } = await pair()
    const target = await sendMessage(peer, { conversation: peerSide, content: 'question?' })
    const { result } = renderHookWithClient(() => ({ thread: useMessages(mine), replies: useReplies(mine) }), { client: me })
    await waitFor(() => expect(result.current.thread.status).toBe('ready'))
    expect(result.current.replies.replies.size).toBe(0)
    const reply = await result.current.replies.reply(target.id, 'answer')
    expect(reply?.deliveryStatus).toBe('sent')
    await waitFor(() => expect(result.current.replies.replies.get(target.id)?.map((m) => m.content?.content)).toEqual(['answer']))
  })
})
