import { act, renderHook, waitFor } from '@testing-library/react'
import { type ContentCodec, createClient, registerCodecs, sendMessage, startConversation, type Signer, type Transport } from '@xmtp-kit/client'
import { XMTPProvider, useClient, useConversations, useMessages } from '@xmtp-kit/react'
import { type ReactNode, StrictMode } from 'react'
import { describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { createTestNetwork, renderHookWithClient } from './support.js'

describe('useClient', () => {
  test('default: idle, then signing, then ready with a client for the wallet', async () => {
    const net = createTestNetwork()
    const wallet = createCountingWallet()
    const statuses: string[] = []
    const { result } = renderHookWithClient(
      () => {
        const state = useClient()
        if (statuses.at(-1) !== state.status) statuses.push(state.status)
        return state
      },
      { provider: { transport: net.transport } },
    )
    expect(result.current).toMatchObject({ status: 'idle', client: undefined, isReady: false })
    const gate = gated(wallet)
    const connecting = result.current.connect(gate.signer)
    await waitFor(() => expect(result.current.status).toBe('signing'))
    gate.open()
    const client = await connecting
    expect(client?.address).toBe(wallet.address)
    await waitFor(() => expect(result.current).toMatchObject({ status: 'ready', address: wallet.address, isReady: true }))
    expect(statuses).toEqual(['idle', 'signing', 'ready'])
    expect(wallet.signatures).toBe(2)

    // The same wallet again keeps its client (no signature).
    expect(await act(() => result.current.connect(wallet))).toBe(client)
    expect(wallet.signatures).toBe(2)

    act(() => result.current.disconnect())
    expect(result.current).toMatchObject({ status: 'idle', client: undefined })
  })

  test('behavior: a wallet switch shows only the new wallet’s conversations', async () => {
    const net = createTestNetwork()
    const [first, second, peerA, peerB] = [createCountingWallet(), createCountingWallet(), await net.client(), await net.client()]
    // The second wallet has an identity already (it signs once to load it).
    await createClient({ signer: second, transport: net.transport })
    const frames: { status: string; address: string | undefined; peers: string[] }[] = []
    const { result } = renderHookWithClient(
      () => {
        const state = { client: useClient(), list: useConversations() }
        frames.push({ status: state.client.status, address: state.client.address, peers: state.list.conversations.map((s) => s.conversation.peerAddress) })
        return state
      },
      { provider: { transport: net.transport } },
    )
    await act(() => result.current.client.connect(first))
    await sendMessage(peerA, { conversation: await startConversation(peerA, { peerAddress: first.address }), content: 'for the first wallet' })
    await waitFor(() => expect(result.current.list.conversations.map((s) => s.conversation.peerAddress)).toEqual([peerA.address]))

    await sendMessage(peerB, { conversation: await startConversation(peerB, { peerAddress: second.address }), content: 'for the second wallet' })
    const switchedAt = frames.length
    const gate = gated(second)
    const switching = result.current.client.connect(gate.signer)
    await waitFor(() => expect(result.current.client.status).toBe('signing'))
    // Nothing of the first wallet while the second one signs.
    expect(result.current.list.conversations).toEqual([])
    gate.open()
    await switching
    await waitFor(() => expect(result.current.client.address).toBe(second.address))
    await waitFor(() => expect(result.current.list.conversations.map((s) => s.conversation.peerAddress)).toEqual([peerB.address]))
    // From the switch on, no frame showed the first wallet's conversation.
    expect(frames.slice(switchedAt).every((f) => !f.peers.includes(peerA.address))).toBe(true)

    // The first wallet's streams stopped: its new messages do not show.
    await sendMessage(peerA, { conversation: await startConversation(peerA, { peerAddress: first.address }), content: 'late' })
    await new Promise((r) => setTimeout(r, 100))
    expect(result.current.list.conversations.map((s) => s.conversation.peerAddress)).toEqual([peerB.address])
  })

  test('behavior: a connect superseded by another resolves undefined; the last one wins', async () => {
    const net = createTestNetwork()
    const [a, b] = [createCountingWallet(), createCountingWallet()]
    const { result } = renderHookWithClient(() => useClient(), { provider: { transport: net.transport } })
    const [ca, cb] = await act(() => Promise.all([result.current.connect(a), result.current.connect(b)]))
    expect(ca).toBeUndefined()
    expect(cb?.address).toBe(b.address)
    expect(result.current.address).toBe(b.address)
  })

  test('behavior: failures are returned as `error`, never thrown', async () => {
    const net = createTestNetwork()
    const refusing = { getAddress: async () => createCountingWallet().address, signMessage: async () => Promise.reject(new Error('User rejected')) }
    const errors: Error[] = []
    const { result } = renderHookWithClient(() => useClient(), { provider: { transport: net.transport, onError: (e) => errors.push(e) } })
    expect(await act(() => result.current.connect(refusing))).toBeUndefined()
    expect(result.current.status).toBe('error')
    expect(result.current.error).toBeInstanceOf(Error)
    expect(errors).toHaveLength(1)

    const { result: unconfigured } = renderHookWithClient(() => useClient())
    await act(() => unconfigured.current.connect(createCountingWallet()))
    expect(unconfigured.current.error).toBeInstanceOf(TypeError)
  })

  test('parameters: signer connects (and switches) by itself; keys connect without a signature', async () => {
    const net = createTestNetwork()
    const [a, b] = [createCountingWallet(), createCountingWallet()]
    const { result: auto, rerender: switchTo } = renderHookWithClientSigner(net.transport, a)
    await waitFor(() => expect(auto.current.address).toBe(a.address))
    switchTo(b)
    await waitFor(() => expect(auto.current.address).toBe(b.address))
    const keys = auto.current.client!.exportKeys()
    switchTo(undefined)
    await waitFor(() => expect(auto.current.status).toBe('idle'))

    const { result: withKeys } = renderHookWithClient(() => useClient(), { provider: { transport: net.transport } })
    const signaturesBefore = b.signatures
    const client = await act(() => withKeys.current.connect({ keys }))
    expect(client?.address).toBe(b.address)
    expect(b.signatures).toBe(signaturesBefore)
  })

  test('behavior: the same signer connected twice at once (a double click, StrictMode effects) signs once', async () => {
    const net = createTestNetwork()
    const wallet = createCountingWallet()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <XMTPProvider transport={net.transport}>{children}</XMTPProvider>
      </StrictMode>
    )
    const { result } = renderHook(() => useClient(), { wrapper })
    const [a, b] = await act(() => Promise.all([result.current.connect(wallet), result.current.connect(wallet)]))
    expect(a).toBe(b)
    expect(result.current.status).toBe('ready')
    // A new identity: one signature to create it, one to store it encrypted.
    expect(wallet.signatures).toBe(2)
  })

  test('parameters: codecs are registered on the client', async () => {
    const net = createTestNetwork()
    const pingType = { authorityId: 'example.com', typeId: 'ping', versionMajor: 1, versionMinor: 0 }
    const pingCodec: ContentCodec<number> = {
      contentType: pingType,
      encode: (n) => ({ type: pingType, parameters: {}, content: new TextEncoder().encode(String(n)) }),
      decode: (encoded) => Number(new TextDecoder().decode(encoded.content)),
      fallback: () => 'Ping',
      shouldPush: () => false,
    }
    const [me, peer] = await Promise.all([net.client(), net.client()])
    const { result } = renderHookWithClient(() => useClient(), { provider: { transport: net.transport, codecs: [pingCodec as ContentCodec<unknown>] } })
    const client = (await act(() => result.current.connect({ keys: me.exportKeys() })))!
    const peerSide = await startConversation(peer, { peerAddress: me.address })
    // The peer knows the type too.
    registerCodecs(peer, [pingCodec as ContentCodec<unknown>])
    await sendMessage(peer, { conversation: peerSide, content: 7, contentType: pingType })
    const mine = await startConversation(client, { peerAddress: peer.address })
    const { result: thread } = renderHookWithClient(() => useMessages(mine), { client })
    await waitFor(() => expect(thread.current.messages.map((m) => m.content)).toEqual([7]))
  })
})


/** A provider whose `signer` prop the test changes. */
function renderHookWithClientSigner(transport: Transport, initial: Signer | undefined) {
  let signer = initial
  const wrapper = ({ children }: { children: ReactNode }) => (
    <XMTPProvider transport={transport} signer={signer}>
      {children}
    </XMTPProvider>
  )
  const rendered = renderHook(() => useClient(), { wrapper })
  return {
    result: rendered.result,
    rerender(next: Signer | undefined) {
      signer = next
      rendered.rerender()
    },
  }
}

/** A wallet whose signatures wait until `open()`: the test sees the `signing` state for sure. */
function gated(wallet: Signer) {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  const signer: Signer = {
    getAddress: () => wallet.getAddress(),
    signMessage: async (message) => {
      await opened
      return wallet.signMessage(message)
    },
  }
  return { signer, open }
}
