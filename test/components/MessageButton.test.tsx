import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { type Conversation, startConversation } from '@xmtp-kit/client'
import { MessageButton } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import axe from 'axe-core'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient, short } from './support.js'

async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

// A wallet that never registered on the network.
const NOBODY = '0x000000000000000000000000000000000000dEaD'
const body = () => within(document.body)

describe('MessageButton', () => {
  test('default: checks the peer, then a click starts the conversation and opens the dialog on it', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const started: Conversation[] = []
    const { user } = renderWithClient(me, <MessageButton peerAddress={alice.address} onConversation={(c) => started.push(c)} />)
    const button = screen.getByRole('button', { name: 'Message' })
    // Checking first: busy and disabled.
    expect(button).toHaveAttribute('data-status', 'checking')
    expect(button).toHaveAttribute('aria-busy', 'true')
    expect(button).toBeDisabled()
    await waitFor(() => expect(button).toBeEnabled())
    expect(button).toHaveAttribute('data-status', 'ready')
    expect(button).not.toHaveAttribute('aria-busy')
    expect(button).not.toHaveAccessibleDescription()

    await user.click(button)
    const dialog = await body().findByRole('dialog', { name: 'Messages' })
    expect(await within(dialog).findByRole('heading', { name: short(alice.address) })).toBeInTheDocument() // the inbox loads as the dialog first opens
    expect(started.map((c) => c.peerAddress)).toEqual([alice.address])
    // The composer sends in that conversation.
    const box = within(dialog).getByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'hi alice{Enter}')
    await waitFor(() => expect(within(dialog).getByRole('list', { name: 'Messages' })).toHaveTextContent('hi alice'))

    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(body().queryByRole('dialog')).toBeNull()
    expect(button).toHaveFocus()
  })

  test('behavior: an existing conversation is reused', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const existing = await startConversation(alice, { peerAddress: me.address })
    const started: Conversation[] = []
    const { user } = renderWithClient(me, <MessageButton peerAddress={alice.address} onConversation={(c) => started.push(c)} />)
    const button = screen.getByRole('button', { name: 'Message' })
    await waitFor(() => expect(button).toBeEnabled())
    await user.click(button)
    await body().findByRole('dialog', { name: 'Messages' })
    expect(started.map((c) => c.topic)).toEqual([existing.topic])
  })

  test('behavior: a peer not on XMTP disables it, with the reason shown and announced', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    renderWithClient(me, <MessageButton peerAddress={NOBODY} />)
    const button = screen.getByRole('button', { name: 'Message' })
    const reason = 'This wallet is not on XMTP yet, so it cannot receive messages.'
    await waitFor(() => expect(button).toHaveAccessibleDescription(reason))
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('data-status', 'unavailable')
    expect(screen.getByRole('status')).toHaveTextContent(reason)
    expect(screen.getByText(reason)).toBeVisible()
  })

  test('behavior: the own wallet cannot be messaged', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    renderWithClient(me, <MessageButton peerAddress={me.address.toLowerCase()} />)
    const button = screen.getByRole('button', { name: 'Message' })
    expect(button).toBeDisabled()
    expect(button).toHaveAccessibleDescription('This is your own wallet.')
  })

  test('behavior: without a wallet it is disabled with a hint, or calls onConnectRequest', async () => {
    const net = createTestNetwork()
    const alice = await net.client()
    const user = userEvent.setup()
    const { rerender } = render(
      <XMTPProvider transport={net.transport}>
        <MessageButton peerAddress={alice.address} />
      </XMTPProvider>,
    )
    const button = screen.getByRole('button', { name: 'Message' })
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('data-status', 'disconnected')
    expect(button).toHaveAccessibleDescription('Connect a wallet to send messages.')

    let requests = 0
    rerender(
      <XMTPProvider transport={net.transport}>
        <MessageButton peerAddress={alice.address} onConnectRequest={() => requests++} />
      </XMTPProvider>,
    )
    expect(button).toBeEnabled()
    expect(button).not.toHaveAccessibleDescription()
    await user.click(button)
    expect(requests).toBe(1)
    expect(body().queryByRole('dialog')).toBeNull()
  })

  test('behavior: while the wallet signs it is busy; once connected it is ready', async () => {
    const net = createTestNetwork()
    const alice = await net.client()
    // A wallet that signs once told to, like a user confirming in the wallet.
    const account = createCountingWallet()
    let confirm!: () => void
    const confirmed = new Promise<void>((resolve) => (confirm = resolve))
    const wallet = { getAddress: account.getAddress, signMessage: async (message: string) => (await confirmed, account.signMessage(message)) }
    render(
      <XMTPProvider transport={net.transport} signer={wallet}>
        <MessageButton peerAddress={alice.address} />
      </XMTPProvider>,
    )
    const button = screen.getByRole('button', { name: 'Message' })
    await waitFor(() => expect(button).toHaveAttribute('data-status', 'connecting'))
    expect(button).toHaveAccessibleDescription('Enabling messaging…')
    expect(button).toBeDisabled()
    confirm()
    await waitFor(() => expect(button).toHaveAttribute('data-status', 'ready'), { timeout: 10_000 })
    expect(button).not.toHaveAccessibleDescription()
  })

  test('behavior: a failed check shows an error; a click tries again and opens the conversation', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    net.network.setOffline(true)
    const { user } = renderWithClient(me, <MessageButton peerAddress={alice.address} />)
    const button = screen.getByRole('button', { name: 'Message' })
    await waitFor(() => expect(button).toHaveAttribute('data-status', 'error'))
    expect(button).toHaveAccessibleDescription('Could not check the recipient. Try again.')
    expect(button).toBeEnabled()

    // Still down: the start fails too, and says so.
    await user.click(button)
    await waitFor(() => expect(button).toHaveAccessibleDescription('Could not open the conversation. Try again.'))
    expect(body().queryByRole('dialog')).toBeNull()

    net.network.setOffline(false)
    await user.click(button)
    expect(await body().findByRole('dialog', { name: 'Messages' })).toBeInTheDocument()
    expect(button).toHaveAttribute('data-status', 'ready')
  })

  test('parameters: conversationContext starts the conversation for that id', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const plain = await startConversation(me, { peerAddress: alice.address })
    const started: Conversation[] = []
    const context = { conversationId: 'example.com/order/42', metadata: { order: '42' } }
    const { user } = renderWithClient(me, <MessageButton peerAddress={alice.address} conversationContext={context} onConversation={(c) => started.push(c)} />)
    const button = screen.getByRole('button', { name: 'Message' })
    await waitFor(() => expect(button).toBeEnabled())
    await user.click(button)
    await body().findByRole('dialog', { name: 'Messages' })
    expect(started[0]?.context).toEqual(context)
    expect(started[0]?.topic).not.toBe(plain.topic)
  })

  test('parameters: asChild (a custom trigger), children, labels, theme, onOpenChange, className, ref', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const ref = createRef<HTMLButtonElement>()
    const changes: boolean[] = []
    const { user } = renderWithClient(
      me,
      <MessageButton ref={ref} asChild peerAddress={alice.address} theme="dark" labels={{ dialogTitle: 'Chat' }} onOpenChange={(o) => changes.push(o)} className="extra">
        <button type="button" className="mine">
          Ask the seller
        </button>
      </MessageButton>,
    )
    const button = screen.getByRole('button', { name: 'Ask the seller' })
    expect(ref.current).toBe(button)
    expect(button).toHaveClass('mine', 'extra')
    expect(button).not.toHaveClass('xk-message-button__button')
    await waitFor(() => expect(button).toBeEnabled())
    await user.click(button)
    const dialog = await body().findByRole('dialog', { name: 'Chat' })
    expect(dialog).toHaveAttribute('data-theme', 'dark')
    await user.keyboard('{Escape}')
    expect(changes).toEqual([true, false])

    // Plain children and className on the default button.
    renderWithClient(
      me,
      <MessageButton peerAddress={alice.address} className="cta">
        Write to Alice
      </MessageButton>,
    )
    expect(screen.getByRole('button', { name: 'Write to Alice' })).toHaveClass('xk-message-button__button', 'cta')
  })

  test('behavior: no axe violations, ready, unavailable and with the dialog open', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const { user } = renderWithClient(
      me,
      <>
        <MessageButton peerAddress={alice.address}>Message Alice</MessageButton>
        <MessageButton peerAddress={NOBODY}>Message nobody</MessageButton>
      </>,
    )
    const button = screen.getByRole('button', { name: 'Message Alice' })
    await waitFor(() => expect(button).toBeEnabled())
    await waitFor(() => expect(screen.getByRole('button', { name: 'Message nobody' })).toHaveAttribute('data-status', 'unavailable'))
    expect(await violations(document.body)).toEqual([])
    await user.click(button)
    await body().findByRole('dialog', { name: 'Messages' })
    expect(await violations(document.body)).toEqual([])
  })
})
