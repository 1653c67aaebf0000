import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { type Client, type Conversation, createClient, httpTransport, startConversation, type Transport } from '@xmtp-kit/client'
import { ConnectionStatus } from '@xmtp-kit/components'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { useConversations, useMessages, XMTPProvider } from '@xmtp-kit/react'
import axe from 'axe-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRef } from 'react'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { createTestNetwork } from '../react/support.js'

async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

// The real node over HTTP, in-process, on a SQLite file: closed for an outage, restarted on the same port and file.
const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-connection-status-'))
const db = join(dir, 'node.db')
let node: StartNodeReturnType
const start = (port = 0) => startNode({ port, db, rateLimit: false, onError: () => undefined })

beforeAll(async () => {
  node = await start()
})
afterAll(async () => {
  await node.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Fails fast while the node is down, reconnects fast once it is back. */
const transport = (): Transport => httpTransport({ url: node.url, retry: { attempts: 2, baseDelayMs: 20 }, reconnect: { baseDelayMs: 50, maxDelayMs: 200 } })
const newClient = (): Promise<Client> => createClient({ signer: createCountingWallet(), transport: transport() })

/** Takes the node down for the duration of `during`, then restarts it on the same port and file. */
async function outage(during: () => Promise<void>) {
  await node.close()
  try {
    await during()
  } finally {
    node = await start(node.port)
  }
}

/** Makes jsdom's `navigator.onLine` say `online`, and tells the page. */
function setBrowserOnline(online: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online })
  act(() => {
    window.dispatchEvent(new Event(online ? 'online' : 'offline'))
  })
}

/** What an app streams beside the banner: the conversation list (and a thread, given one). */
function Streams({ conversation }: { conversation?: Conversation }) {
  useConversations()
  useMessages(conversation)
  return null
}

describe('ConnectionStatus', () => {
  test('default: nothing while live; "Reconnecting…" while the node is down; nothing once it is back', async () => {
    const me = await newClient()
    render(
      <XMTPProvider client={me}>
        <ConnectionStatus />
        <Streams />
      </XMTPProvider>,
    )
    const region = screen.getByRole('status')
    await waitFor(() => expect(region).toHaveAttribute('data-status', 'live'))
    expect(region).toBeEmptyDOMElement()

    await outage(async () => {
      await waitFor(() => expect(region).toHaveTextContent('Reconnecting…'))
      expect(region).toHaveAttribute('data-status', 'reconnecting')
    })
    await waitFor(() => expect(region).toHaveAttribute('data-status', 'live'), { timeout: 5000 })
    expect(region).toBeEmptyDOMElement()
  })

  test('behavior: "Connecting…" until the streams first connect (the node is down from the start)', async () => {
    const me = await newClient()
    await outage(async () => {
      render(
        <XMTPProvider client={me}>
          <ConnectionStatus />
          <Streams />
        </XMTPProvider>,
      )
      await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Connecting…'))
      expect(screen.getByRole('status')).toHaveAttribute('data-status', 'connecting')
    })
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-status', 'live'), { timeout: 5000 })
  })

  test('parameters: conversation (its thread stream is watched with the list)', async () => {
    const [me, peer] = await Promise.all([newClient(), newClient()])
    const conversation = await startConversation(me, { peerAddress: peer.address })
    render(
      <XMTPProvider client={me}>
        <ConnectionStatus conversation={conversation} />
        <Streams conversation={conversation} />
      </XMTPProvider>,
    )
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-status', 'live'))
    await outage(async () => {
      await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Reconnecting…'))
    })
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-status', 'live'), { timeout: 5000 })
  })

  test('behavior: alone it opens no stream and shows nothing; it reports the streams the app opens', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const subscribe = vi.spyOn(me.transport, 'subscribe')
    const page = (streaming: boolean) => (
      <XMTPProvider client={me}>
        <ConnectionStatus />
        {streaming ? <Streams /> : null}
      </XMTPProvider>
    )
    const { rerender } = render(page(false))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(subscribe).not.toHaveBeenCalled()
    expect(screen.getByRole('status')).toHaveAttribute('data-status', 'idle')
    expect(screen.getByRole('status')).toBeEmptyDOMElement()
    rerender(page(true))
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-status', 'live'))
    expect(subscribe).toHaveBeenCalled()
    subscribe.mockRestore()
  })

  test('behavior: "Offline" when the browser has no network; nothing without a client', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const { rerender } = render(
      <XMTPProvider transport={net.transport}>
        <ConnectionStatus />
      </XMTPProvider>,
    )
    // No wallet connected: nothing to report.
    expect(screen.getByRole('status')).toBeEmptyDOMElement()

    rerender(
      <XMTPProvider client={me}>
        <ConnectionStatus />
        <Streams />
      </XMTPProvider>,
    )
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-status', 'live'))
    try {
      setBrowserOnline(false)
      expect(screen.getByRole('status')).toHaveTextContent('Offline')
      expect(screen.getByRole('status')).toHaveAttribute('data-status', 'offline')
    } finally {
      setBrowserOnline(true)
    }
    await waitFor(() => expect(screen.getByRole('status')).toBeEmptyDOMElement())
  })

  test('parameters: onRetry, labels, theme, className, style, ref; no axe violations in the banner', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const user = userEvent.setup()
    const ref = createRef<HTMLDivElement>()
    let retries = 0
    const { container } = render(
      <XMTPProvider client={me}>
        <ConnectionStatus
          ref={ref}
          className="mine"
          style={{ marginTop: 4 }}
          theme="dark"
          labels={{ connectionReconnecting: 'Back soon', connectionRetry: 'Reconnect now' }}
          onRetry={() => retries++}
        />
        <Streams />
      </XMTPProvider>,
    )
    const region = screen.getByRole('status')
    expect(ref.current).toBe(region)
    expect(region).toHaveClass('xk-root', 'xk-connection-status', 'mine')
    expect(region).toHaveAttribute('data-theme', 'dark')
    expect(region.style.marginTop).toBe('4px')
    await waitFor(() => expect(region).toHaveAttribute('data-status', 'live'))
    // No button while live.
    expect(screen.queryByRole('button')).toBeNull()

    // The in-memory network drops every subscription while offline.
    net.network.setOffline(true)
    try {
      await waitFor(() => expect(region).toHaveTextContent('Back soon'))
      expect(await violations(container)).toEqual([])
      await user.click(screen.getByRole('button', { name: 'Reconnect now' }))
      expect(retries).toBe(1)
    } finally {
      net.network.setOffline(false)
    }
    await waitFor(() => expect(region).toBeEmptyDOMElement(), { timeout: 5000 })
  })
})
