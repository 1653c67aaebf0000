import { screen, waitFor, within } from '@testing-library/react'
import { allow, type Client, type Conversation, getConversationConsent, listConversations, sendMessage, startConversation } from '@xmtp-kit/client'
import { type IdentityResolver, RequestBanner, XMTPUIProvider } from '@xmtp-kit/components'
import axe from 'axe-core'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { gatePublishes, renderWithClient, short } from './support.js'

/** Axe's violations in `root` (colour contrast needs layout, which jsdom does not have). */
async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** `me` with a request from `bob` (he wrote first) and an allowed conversation with `alice`. */
async function requests() {
  const net = createTestNetwork()
  const gated = gatePublishes(net.transport)
  const [me, alice, bob] = await Promise.all([net.client(gated), net.client(), net.client()])
  await sendMessage(bob, { conversation: await startConversation(bob, { peerAddress: me.address }), content: 'gm' })
  await sendMessage(alice, { conversation: await startConversation(alice, { peerAddress: me.address }), content: 'hi' })
  await allow(me, [alice.address])
  const listed = await listConversations(me)
  const find = (peer: Client) => listed.find((c) => c.peerAddress === peer.address) as Conversation
  return { net, gated, me, alice, bob, fromBob: find(bob), fromAlice: find(alice) }
}

const banner = () => screen.findByRole('region', { name: 'Message request' })

describe('RequestBanner', () => {
  test('default: a request shows who wrote, with Accept and Block; Accept allows the peer and the banner goes', async () => {
    const { me, bob, fromBob } = await requests()
    const { user, container } = renderWithClient(me, <RequestBanner conversation={fromBob} />)
    const region = await banner()
    expect(region).toHaveTextContent(`${short(bob.address)} wants to message you`)
    expect(within(region).getByRole('alert')).toBeEmptyDOMElement()
    expect(await violations(container)).toEqual([])
    await user.click(within(region).getByRole('button', { name: 'Accept' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull())
    expect(getConversationConsent(me, fromBob)).toBe('allowed')
  })

  test('behavior: Block denies the peer', async () => {
    const { me, fromBob } = await requests()
    const { user } = renderWithClient(me, <RequestBanner conversation={fromBob} />)
    await user.click(within(await banner()).getByRole('button', { name: 'Block' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull())
    expect(getConversationConsent(me, fromBob)).toBe('denied')
  })

  test('behavior: nothing for a conversation that is not a request, or none', async () => {
    const { me, fromAlice, fromBob } = await requests()
    renderWithClient(
      me,
      <>
        <RequestBanner conversation={fromAlice} data-testid="alice" />
        <RequestBanner conversation={undefined} data-testid="none" />
        <RequestBanner conversation={fromBob} data-testid="bob" />
      </>,
    )
    // Once Bob's request shows, consent is known: Alice's allowed conversation has no banner.
    expect(await screen.findByTestId('bob')).toBeInTheDocument()
    expect(screen.getAllByRole('region')).toHaveLength(1)
    expect(screen.queryByTestId('alice')).toBeNull()
    expect(screen.queryByTestId('none')).toBeNull()
  })

  test('behavior: while the choice is saved the banner stays, pending, and ignores more clicks', async () => {
    const { me, gated, fromBob } = await requests()
    const { user } = renderWithClient(me, <RequestBanner conversation={fromBob} />)
    const region = await banner()
    gated.hold()
    await user.click(within(region).getByRole('button', { name: 'Accept' }))
    expect(region).toHaveAttribute('data-state', 'pending')
    expect(region).toHaveAttribute('aria-busy', 'true')
    const block = within(region).getByRole('button', { name: 'Block' })
    expect(block).toHaveAttribute('aria-disabled', 'true')
    await user.click(block)
    await gated.release()
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull())
    expect(getConversationConsent(me, fromBob)).toBe('allowed')
  })

  test('behavior: a failed consent write shows an error with Try again, and leaves the request as it was', async () => {
    const { net, me, fromBob } = await requests()
    const { user, container } = renderWithClient(me, <RequestBanner conversation={fromBob} />)
    const region = await banner()
    const blockButton = within(region).getByRole('button', { name: 'Block' })
    net.network.setOffline(true)
    await user.click(blockButton)
    await waitFor(() => expect(within(region).getByRole('alert')).toHaveTextContent('Could not save your choice'))
    expect(region).toHaveAttribute('data-state', 'error')
    // Nothing lost: still a request, still answerable, focus where it was.
    expect(getConversationConsent(me, fromBob)).toBe('requested')
    expect(blockButton).toHaveFocus()
    expect(within(region).getByRole('button', { name: 'Accept' })).not.toHaveAttribute('aria-disabled')
    expect(await violations(container)).toEqual([])

    // Try again repeats the choice (Block) once the network is back.
    net.network.setOffline(false)
    await user.click(within(region).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull())
    expect(getConversationConsent(me, fromBob)).toBe('denied')
  })

  test('behavior: the peer is named through the identity resolver', async () => {
    const { me, bob, fromBob } = await requests()
    const resolve: IdentityResolver = async (address) => (address.toLowerCase() === bob.address.toLowerCase() ? { name: 'bob.eth' } : null)
    renderWithClient(
      me,
      <XMTPUIProvider resolveIdentity={resolve}>
        <RequestBanner conversation={fromBob} />
      </XMTPUIProvider>,
    )
    await waitFor(async () => expect(await banner()).toHaveTextContent('bob.eth wants to message you'))
  })

  test('parameters: className, style, rest props, ref and labels', async () => {
    const { me, fromBob } = await requests()
    let root: HTMLElement | null = null
    renderWithClient(
      me,
      <RequestBanner
        ref={(el) => void (root = el)}
        conversation={fromBob}
        className="mine"
        style={{ padding: 3 }}
        data-testid="banner"
        labels={{ requestTitle: 'Demande', accept: 'Accepter', requestText: (peer) => `${peer} veut vous écrire.` }}
      />,
    )
    const el = await screen.findByTestId('banner')
    expect(root).toBe(el)
    expect(el).toHaveClass('xk-request-banner', 'mine')
    expect(el).toHaveStyle({ padding: '3px' })
    expect(screen.getByRole('region', { name: 'Demande' })).toHaveTextContent('veut vous écrire.')
    expect(screen.getByRole('button', { name: 'Accepter' })).toBeInTheDocument()
  })
})
