import { screen, waitFor, within } from '@testing-library/react'
import { allow, ContentTypeReply, type Conversation, isSameContentType, listMessages, sendMessage, startConversation } from '@xmtp-kit/client'
import { ConversationList, type EmptyStateProps, Inbox, type IdentityResolver, MessageList, XMTPUIProvider } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import { render } from '@testing-library/react'
import { createCountingWallet } from '../support/wallets.js'
import { useState } from 'react'
import { describe, expect, test, vi } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { gatePublishes, renderWithClient, short } from './support.js'

async function inbox() {
  const net = createTestNetwork()
  const held = gatePublishes(net.transport)
  const [me, alice, bob] = await Promise.all([net.client(held), net.client(), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  const fromBob = await startConversation(bob, { peerAddress: me.address })
  await sendMessage(alice, { conversation: fromAlice, content: 'invoice from alice' })
  await sendMessage(alice, { conversation: fromAlice, content: 'second from alice' })
  await sendMessage(bob, { conversation: fromBob, content: 'gm from bob' })
  await allow(me, [alice.address])
  return { net, held, me, alice, bob, fromAlice, fromBob }
}

const option = (address: string) => screen.findByRole('option', { name: new RegExp(short(address)) })

describe('Inbox', () => {
  test('default: the list shows conversations with previews, unread badges and view counts', async () => {
    const { me, alice } = await inbox()
    renderWithClient(me, <Inbox />)
    const row = await option(alice.address)
    expect(row).toHaveTextContent('second from alice')
    // Counted among the messages the client has seen (here the latest), so at least one.
    expect(within(row).getByLabelText(/^[1-9]\d* unread$/)).toHaveTextContent(/^[1-9]/)
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveAttribute('aria-selected', 'true')
    await waitFor(() => expect(screen.getByRole('tab', { name: /Requests/ })).toHaveTextContent('Requests 1'))
    expect(screen.getByRole('tab', { name: /Blocked/ })).toHaveTextContent('Blocked 0')
    expect(screen.getAllByRole('option')).toHaveLength(1)
  })

  test('behavior: selecting a conversation shows its thread, grouped by sender with a date separator, and marks it read', async () => {
    const { me, alice } = await inbox()
    const { user } = renderWithClient(me, <Inbox />)
    await user.click(await option(alice.address))
    const thread = await screen.findByRole('list', { name: 'Messages' })
    await within(thread).findByText('invoice from alice')
    expect(within(thread).getByText('second from alice')).toBeInTheDocument()
    expect(within(thread).getByRole('separator', { name: 'Today' })).toBeInTheDocument()
    // Two messages from one sender on one day: one group, one sender line.
    expect(within(thread).getAllByText(short(alice.address))).toHaveLength(1)
    expect(screen.getByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByLabelText(/unread$/)).toBeNull())
  })

  test('behavior: typing and Enter sends; the message shows pending, then sent', async () => {
    const { me, alice, held } = await inbox()
    const { user } = renderWithClient(me, <Inbox />)
    await user.click(await option(alice.address))
    const box = await screen.findByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toBeEnabled())
    held.hold()
    await user.type(box, 'hello alice{Enter}')
    expect(box).toHaveValue('')
    const thread = screen.getByRole('list', { name: 'Messages' })
    const mine = (await within(thread).findByText('hello alice')).closest('li')!
    expect(mine).toHaveAttribute('data-delivery', 'pending')
    expect(within(mine).getByText('Sending…')).toBeInTheDocument()
    await held.release()
    await waitFor(() => expect(mine).toHaveAttribute('data-delivery', 'sent'))
    expect(within(mine).queryByText('Sending…')).toBeNull()
  })

  test('behavior: Shift+Enter inserts a newline and does not send', async () => {
    const { me, alice } = await inbox()
    const { user } = renderWithClient(me, <Inbox />)
    await user.click(await option(alice.address))
    const box = await screen.findByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two')
    expect(box).toHaveValue('line one\nline two')
    expect(screen.queryByText(/line one/, { selector: '.xk-message__text' })).toBeNull()
  })

  test('behavior: a request shows the banner, and Block moves it to Blocked', async () => {
    const { me, bob } = await inbox()
    const { user } = renderWithClient(me, <Inbox />)
    await user.click(await screen.findByRole('tab', { name: /Requests/ }))
    await user.click(await option(bob.address))
    const banner = await screen.findByRole('region', { name: 'Message request' })
    expect(banner).toHaveTextContent(`${short(bob.address)} wants to message you`)
    await user.click(within(banner).getByRole('button', { name: 'Block' }))
    await waitFor(() => expect(screen.getByRole('tab', { name: /Blocked/ })).toHaveTextContent('Blocked 1'))
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveTextContent('Requests 0')
    expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull()
    await user.click(screen.getByRole('tab', { name: /Blocked/ }))
    expect(await option(bob.address)).toBeInTheDocument()
  })

  test('behavior: with read receipts on, reading a request or a blocked conversation tells the sender nothing and consents to nothing', async () => {
    const { me, bob, fromBob } = await inbox()
    const published = vi.spyOn(me, 'publish')
    // What the client published where Bob reads (a receipt would go there; consent actions go to my own topic).
    const toBob = () => published.mock.calls.flatMap(([envelopes]) => envelopes).filter((e) => e.contentTopic === fromBob.topic)
    const { user } = renderWithClient(me, <Inbox sendReadReceipts defaultView="requests" />)
    const request = await option(bob.address)
    await waitFor(() => expect(within(request).getByLabelText(/^[1-9]\d* unread$/)).toBeInTheDocument())
    await user.click(request)
    const thread = await screen.findByRole('list', { name: 'Messages' })
    await within(thread).findByText('gm from bob')
    // Read: the badge goes (the marker moved), and still nothing left for Bob.
    await waitFor(() => expect(screen.queryByLabelText(/unread$/)).toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(published).not.toHaveBeenCalled()
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveTextContent('Requests 1')
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveTextContent('Primary 1')
    const banner = screen.getByRole('region', { name: 'Message request' })
    expect(within(banner).getByRole('button', { name: 'Accept' })).toBeInTheDocument()
    expect((await listMessages(bob, { conversation: fromBob })).map((m) => m.content)).toEqual(['gm from bob'])

    // Blocked, and Bob writes again: opening it sends nothing either.
    await user.click(within(banner).getByRole('button', { name: 'Block' }))
    await waitFor(() => expect(screen.getByRole('tab', { name: /Blocked/ })).toHaveTextContent('Blocked 1'))
    await sendMessage(bob, { conversation: fromBob, content: 'hello??' })
    await user.click(screen.getByRole('tab', { name: /Blocked/ }))
    await user.click(await option(bob.address))
    await within(await screen.findByRole('list', { name: 'Messages' })).findByText('hello??')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(toBob()).toEqual([])
    expect((await listMessages(bob, { conversation: fromBob })).map((m) => m.content)).toEqual(['gm from bob', 'hello??'])
    published.mockRestore()
  })

  test('behavior: with no wallet yet, Inbox, ConversationList and MessageList say a wallet is needed (and the EmptyState slot can replace it); a wallet brings the list', async () => {
    const { net } = await inbox()
    const page = (signer?: ReturnType<typeof createCountingWallet>) => (
      <XMTPProvider transport={net.transport} signer={signer}>
        <Inbox />
      </XMTPProvider>
    )
    const { rerender, unmount } = render(page())
    expect(screen.getAllByText('Connect a wallet to see your messages.')).toHaveLength(2) // the list and the thread pane
    expect(screen.queryByText('Loading conversations…')).toBeNull()
    expect(screen.queryByText('Select a conversation')).toBeNull()
    // A wallet connects: the list of its conversations (none yet) replaces the label.
    rerender(page(createCountingWallet()))
    await screen.findByText('No conversations')
    expect(screen.queryByText('Connect a wallet to see your messages.')).toBeNull()
    expect(screen.getByText('Select a conversation')).toBeInTheDocument()
    unmount()

    const Empty = ({ kind, text }: EmptyStateProps) => <em data-kind={kind}>{text.toUpperCase()}</em>
    render(
      <XMTPProvider transport={net.transport}>
        <XMTPUIProvider components={{ EmptyState: Empty }} labels={{ noWallet: 'Sign in first' }}>
          <ConversationList />
          <MessageList conversation={undefined} />
        </XMTPUIProvider>
      </XMTPProvider>,
    )
    const slots = screen.getAllByText('SIGN IN FIRST')
    expect(slots.map((slot) => slot.dataset.kind)).toEqual(['wallet', 'wallet'])
    expect(screen.getAllByRole('status').filter((status) => status.contains(slots[0]!) || status.contains(slots[1]!))).toHaveLength(2)
  })

  test('behavior: Accept moves a request to Primary', async () => {
    const { me, bob } = await inbox()
    const { user } = renderWithClient(me, <Inbox defaultView="requests" />)
    await user.click(await option(bob.address))
    const banner = await screen.findByRole('region', { name: 'Message request' })
    await user.click(within(banner).getByRole('button', { name: 'Accept' }))
    await waitFor(() => expect(screen.getByRole('tab', { name: /Primary/ })).toHaveTextContent('Primary 2'))
    expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull()
  })

  test('behavior: keyboard navigation with arrow keys, Home/End, and Enter to select', async () => {
    const { me, alice, bob } = await inbox()
    await allow(me, [bob.address])
    const { user } = renderWithClient(me, <Inbox />)
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
    const [first, second] = screen.getAllByRole('option') as [HTMLElement, HTMLElement]
    // Bob wrote last: newest activity first.
    expect(first).toHaveAccessibleName(expect.stringContaining(short(bob.address)))
    // Tab through whatever precedes the list (search, view tabs) into it: the list is one tab stop.
    for (let i = 0; i < 10 && document.activeElement !== first; i++) await user.tab()
    expect(first).toHaveFocus()
    expect(second).toHaveAttribute('tabindex', '-1')
    await user.keyboard('{ArrowDown}')
    expect(second).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(second).toHaveFocus()
    await user.keyboard('{Home}')
    expect(first).toHaveFocus()
    await user.keyboard('{End}')
    expect(second).toHaveFocus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(second).toHaveAttribute('aria-selected', 'true'))
    expect(screen.getByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
    await user.keyboard('{ArrowUp}')
    expect(first).toHaveFocus()
  })

  test('behavior: an XSS payload renders as inert text', async () => {
    const { me, alice, fromAlice } = await inbox()
    const payload = `<img src=x onerror="globalThis.__xss=1"><script>globalThis.__xss=1</script><a href="javascript:alert(1)">x</a>`
    await sendMessage(alice, { conversation: fromAlice, content: payload })
    const { user, container } = renderWithClient(me, <Inbox />)
    const row = await option(alice.address)
    await waitFor(() => expect(row).toHaveTextContent(payload))
    await user.click(row)
    const thread = await screen.findByRole('list', { name: 'Messages' })
    expect(await within(thread).findByText(payload)).toBeInTheDocument()
    expect(container.querySelector('img, script, a')).toBeNull()
    expect((globalThis as { __xss?: number }).__xss).toBeUndefined()
  })

  test('behavior: a new message from the peer is announced politely', async () => {
    const { me, alice, fromAlice } = await inbox()
    const { user, container } = renderWithClient(me, <Inbox />)
    await user.click(await option(alice.address))
    const thread = await screen.findByRole('list', { name: 'Messages' })
    await within(thread).findByText('second from alice')
    const live = container.querySelector('[aria-live="polite"]')!
    expect(live).toHaveTextContent('')
    await sendMessage(alice, { conversation: fromAlice, content: 'are you there?' })
    await within(thread).findByText('are you there?')
    await waitFor(() => expect(live).toHaveTextContent(`New message from ${short(alice.address)}: are you there?`))
  })

  test('behavior: Reply on a message quotes it in the composer, and the text goes out as a reply to it', async () => {
    const { me, alice, fromAlice } = await inbox()
    const { user } = renderWithClient(me, <Inbox />)
    await user.click(await option(alice.address))
    const thread = await screen.findByRole('list', { name: 'Messages' })
    const row = (await within(thread).findByText('invoice from alice', { selector: '.xk-message__text' })).closest('li')!
    await user.click(within(row).getByRole('button', { name: 'Reply' }))
    const box = screen.getByRole('textbox', { name: 'Message' })
    expect(box).toHaveFocus()
    expect(box).toHaveAccessibleDescription(`Replying to ${short(alice.address)} invoice from alice`)
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'paid{Enter}')
    expect(screen.queryByRole('button', { name: 'Cancel reply' })).toBeNull()

    const reply = (await within(thread).findByText('paid', { selector: '.xk-message__text' })).closest('li')!
    expect(within(reply).getByRole('button', { name: `In reply to ${short(alice.address)} invoice from alice` })).toBeInTheDocument()
    await waitFor(() => expect(reply).toHaveAttribute('data-delivery', 'sent'))
    const invoice = (await listMessages(alice, { conversation: fromAlice })).find((m) => m.content === 'invoice from alice')!
    await waitFor(async () => {
      const received = (await listMessages(alice, { conversation: fromAlice })).find((m) => isSameContentType(m.contentType, ContentTypeReply))
      expect(received?.content).toMatchObject({ reference: invoice.id, content: 'paid' })
    })
  })

  test('behavior: opening another conversation drops the reply target', async () => {
    const { me, alice, bob } = await inbox()
    await allow(me, [bob.address])
    const { user } = renderWithClient(me, <Inbox />)
    await user.click(await option(alice.address))
    const row = (await screen.findByText('second from alice', { selector: '.xk-message__text' })).closest('li')!
    await user.click(within(row).getByRole('button', { name: 'Reply' }))
    expect(screen.getByRole('button', { name: 'Cancel reply' })).toBeInTheDocument()
    await user.click(await option(bob.address))
    await screen.findByText('gm from bob', { selector: '.xk-message__text' })
    expect(screen.queryByRole('button', { name: 'Cancel reply' })).toBeNull()
    await user.click(await option(alice.address))
    await screen.findByText('second from alice', { selector: '.xk-message__text' })
    expect(screen.queryByRole('button', { name: 'Cancel reply' })).toBeNull()
  })

  test('parameters: conversation and onConversationChange: the parent controls which conversation is open', async () => {
    const { me, alice } = await inbox()
    const changes: (string | undefined)[] = []
    function Controlled() {
      const [open, setOpen] = useState<Conversation | null>(null)
      return (
        <>
          <button type="button" onClick={() => setOpen(null)}>
            close from outside
          </button>
          <Inbox
            conversation={open}
            onConversationChange={(next) => {
              changes.push(next?.peerAddress)
              setOpen(next ?? null)
            }}
          />
        </>
      )
    }
    const { user } = renderWithClient(me, <Controlled />)
    await user.click(await option(alice.address))
    expect(await screen.findByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
    expect(changes).toEqual([alice.address])
    await user.click(screen.getByRole('button', { name: 'close from outside' }))
    expect(screen.queryByRole('heading', { name: short(alice.address) })).toBeNull()
    expect(screen.getByRole('region', { name: 'Select a conversation' })).toHaveTextContent('Select a conversation')
    expect(changes).toEqual([alice.address])
  })

  test('parameters: conversation={null} keeps every conversation closed until the parent opens one', async () => {
    const { me, alice } = await inbox()
    const changes: (Conversation | undefined)[] = []
    const { user } = renderWithClient(me, <Inbox conversation={null} onConversationChange={(next) => changes.push(next)} />)
    await user.click(await option(alice.address))
    expect(changes.map((c) => c?.peerAddress)).toEqual([alice.address])
    expect(screen.queryByRole('heading', { name: short(alice.address) })).toBeNull()
    expect(screen.queryByRole('list', { name: 'Messages' })).toBeNull()
  })

  test('parameters: defaultConversation opens it at first; Back closes it and reports undefined', async () => {
    const { me, alice } = await inbox()
    const conversation = await startConversation(me, { peerAddress: alice.address })
    const changes: (Conversation | undefined)[] = []
    const { user } = renderWithClient(me, <Inbox defaultConversation={conversation} onConversationChange={(next) => changes.push(next)} />)
    expect(screen.getByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
    await screen.findByText('second from alice', { selector: '.xk-message__text' })
    await user.click(screen.getByRole('button', { name: 'Back to conversations' }))
    expect(changes).toEqual([undefined])
    expect(screen.queryByRole('heading', { name: short(alice.address) })).toBeNull()
  })

  test('behavior: the thread header shows the peer\'s avatar and resolved name', async () => {
    const { me, alice } = await inbox()
    const resolve: IdentityResolver = async (address) => (address.toLowerCase() === alice.address.toLowerCase() ? { name: 'alice.eth' } : null)
    const { user } = renderWithClient(
      me,
      <XMTPUIProvider resolveIdentity={resolve}>
        <Inbox />
      </XMTPUIProvider>,
    )
    await user.click(await screen.findByRole('option', { name: /alice\.eth/ }))
    const heading = await screen.findByRole('heading', { name: 'alice.eth' })
    expect(heading).toHaveAttribute('title', alice.address)
    const region = screen.getByRole('region', { name: 'alice.eth' })
    expect(region.querySelector('.xk-inbox__header .xk-avatar')).not.toBeNull()
    // The sender line of the thread uses the same name.
    expect(within(screen.getByRole('list', { name: 'Messages' })).getByText('alice.eth')).toBeInTheDocument()
  })

  test('slots: EmptyState replaces "Select a conversation" and the empty thread', async () => {
    const net = createTestNetwork()
    const [me, carol] = await Promise.all([net.client(), net.client()])
    const empty = await startConversation(me, { peerAddress: carol.address })
    const Empty = ({ kind, text }: EmptyStateProps) => <div data-testid={`empty-${kind}`}>{text}</div>
    const ui = (conversation?: Conversation) => (
      <XMTPUIProvider components={{ EmptyState: Empty }}>
        <Inbox defaultConversation={conversation} />
      </XMTPUIProvider>
    )
    const first = renderWithClient(me, ui())
    expect(await screen.findByTestId('empty-selection')).toHaveTextContent('Select a conversation')
    first.unmount()
    renderWithClient(me, ui(empty))
    expect(await screen.findByTestId('empty-messages')).toHaveTextContent('No messages yet. Say hello!')
  })

  test('parameters: className, style, rest props, ref, theme and labels', async () => {
    const { me } = await inbox()
    let root: HTMLDivElement | null = null
    renderWithClient(
      me,
      <Inbox ref={(el) => void (root = el)} className="mine" style={{ height: 400 }} data-testid="inbox" theme="dark" labels={{ viewPrimary: 'Inbox' }} />,
    )
    const el = screen.getByTestId('inbox')
    expect(root).toBe(el)
    expect(el).toHaveClass('xk-root', 'xk-inbox', 'mine')
    expect(el).toHaveAttribute('data-theme', 'dark')
    expect(el).toHaveStyle({ height: '400px' })
    expect(await screen.findByRole('tab', { name: /Inbox/ })).toBeInTheDocument()
  })
})
