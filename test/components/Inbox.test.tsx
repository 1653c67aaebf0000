import { screen, waitFor, within } from '@testing-library/react'
import { allow, sendMessage, startConversation } from '@xmtp-kit/client'
import { Inbox } from '@xmtp-kit/components'
import { describe, expect, test } from 'vitest'
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
    await user.tab()
    await user.tab()
    await user.tab()
    await user.tab()
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
