import { screen, waitFor, within } from '@testing-library/react'
import { allow, type Conversation, sendMessage, startConversation } from '@xmtp-kit/client'
import { InboxDialog } from '@xmtp-kit/components'
import axe from 'axe-core'
import { createRef, useState } from 'react'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient, short } from './support.js'

/** Axe's violations in `root` (colour contrast needs layout, which jsdom does not have). */
async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

async function setup() {
  const net = createTestNetwork()
  const [me, alice] = await Promise.all([net.client(), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  await sendMessage(alice, { conversation: fromAlice, content: 'hello from alice' })
  await allow(me, [alice.address])
  return { me, alice }
}

// Radix portals the dialog into document.body, outside the render container.
const body = () => within(document.body)

describe('InboxDialog', () => {
  test('default: the trigger opens the inbox in a titled dialog; the close button closes it and the focus returns', async () => {
    const { me, alice } = await setup()
    const { user } = renderWithClient(me, <InboxDialog trigger={<button type="button">Open messages</button>} />)
    const trigger = screen.getByRole('button', { name: 'Open messages' })
    expect(trigger).toHaveAttribute('aria-haspopup', 'dialog')
    expect(body().queryByRole('dialog')).toBeNull()

    await user.click(trigger)
    const dialog = body().getByRole('dialog', { name: 'Messages' })
    expect(trigger).toHaveAttribute('aria-expanded', 'true')
    // The title is there for screen readers, visually hidden.
    expect(within(dialog).getByRole('heading', { name: 'Messages' })).toHaveClass('xk-visually-hidden')
    // The inbox, live inside it.
    expect(await within(dialog).findByRole('option', { name: new RegExp(short(alice.address)) })).toBeInTheDocument()
    // Tokens apply inside the portal.
    expect(dialog).toHaveClass('xk-root', 'xk-dialog')
    expect(dialog).toHaveAttribute('data-theme', 'light')
    expect(dialog).toContainElement(document.activeElement as HTMLElement)

    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(body().queryByRole('dialog')).toBeNull()
    expect(trigger).toHaveFocus()
  })

  test('behavior: Escape closes it', async () => {
    const { me } = await setup()
    const { user } = renderWithClient(me, <InboxDialog defaultOpen />)
    expect(body().getByRole('dialog', { name: 'Messages' })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    expect(body().queryByRole('dialog')).toBeNull()
  })

  test('parameters: open, onOpenChange (controlled)', async () => {
    const { me } = await setup()
    const changes: boolean[] = []
    function Controlled() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            Elsewhere
          </button>
          <InboxDialog
            open={open}
            onOpenChange={(next) => {
              changes.push(next)
              setOpen(next)
            }}
          />
        </>
      )
    }
    const { user } = renderWithClient(me, <Controlled />)
    expect(body().queryByRole('dialog')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }))
    const dialog = body().getByRole('dialog', { name: 'Messages' })
    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(changes).toEqual([false])
    expect(body().queryByRole('dialog')).toBeNull()
  })

  test('parameters: an open dialog stays open while the parent keeps `open`', async () => {
    const { me } = await setup()
    const { user } = renderWithClient(me, <InboxDialog open onOpenChange={() => undefined} />)
    await user.click(body().getByRole('button', { name: 'Close' }))
    expect(body().getByRole('dialog', { name: 'Messages' })).toBeInTheDocument()
  })

  test('parameters: defaultConversation, onConversationChange, theme, labels, className, style, ref', async () => {
    const { me, alice } = await setup()
    const mine = await startConversation(me, { peerAddress: alice.address })
    const seen: (string | undefined)[] = []
    const ref = createRef<HTMLDivElement>()
    const { user } = renderWithClient(
      me,
      <InboxDialog
        ref={ref}
        defaultOpen
        defaultConversation={mine}
        onConversationChange={(c) => seen.push(c?.peerAddress)}
        theme="dark"
        labels={{ dialogTitle: 'Inbox', close: 'Dismiss' }}
        className="mine"
        style={{ maxWidth: 500 }}
        data-testid="dialog"
      />,
    )
    const dialog = body().getByRole('dialog', { name: 'Inbox' })
    expect(ref.current).toBe(dialog)
    expect(dialog).toHaveClass('xk-dialog', 'mine')
    expect(dialog).toHaveAttribute('data-testid', 'dialog')
    expect(dialog.style.maxWidth).toBe('500px')
    expect(dialog).toHaveAttribute('data-theme', 'dark')
    expect(dialog.querySelector('.xk-inbox')).toHaveAttribute('data-theme', 'dark')
    // Opened on the conversation.
    expect(within(dialog).getByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
    await waitFor(() => expect(within(dialog).getByRole('list', { name: 'Messages' })).toHaveTextContent('hello from alice'))
    await user.click(within(dialog).getByRole('button', { name: 'Back to conversations' }))
    expect(seen).toEqual([undefined])
    expect(within(dialog).getByRole('button', { name: 'Dismiss' })).toBeInTheDocument()
  })

  test('parameters: conversation, onConversationChange (controlled)', async () => {
    const { me, alice } = await setup()
    const mine = await startConversation(me, { peerAddress: alice.address })
    function Controlled() {
      const [conversation, setConversation] = useState<Conversation | null>(mine)
      return (
        <>
          <button type="button" onClick={() => setConversation(mine)}>
            Show Alice
          </button>
          {/* Non-modal and kept open, so that the page button stays usable. */}
          <InboxDialog open onOpenChange={() => undefined} modal={false} conversation={conversation} onConversationChange={(c) => setConversation(c ?? null)} />
        </>
      )
    }
    const { user } = renderWithClient(me, <Controlled />)
    const dialog = body().getByRole('dialog', { name: 'Messages' })
    expect(within(dialog).getByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Back to conversations' }))
    expect(within(dialog).queryByRole('heading', { name: short(alice.address) })).toBeNull()
    // The parent opens it again while the dialog stays open.
    await user.click(screen.getByRole('button', { name: 'Show Alice' }))
    expect(within(dialog).getByRole('heading', { name: short(alice.address) })).toBeInTheDocument()
  })

  test('parameters: container (the dialog is portalled into it, e.g. a shadow root)', async () => {
    const { me } = await setup()
    const host = document.createElement('div')
    document.body.append(host)
    const shadow = host.attachShadow({ mode: 'open' })
    const inside = document.createElement('div')
    shadow.append(inside)
    try {
      renderWithClient(me, <InboxDialog defaultOpen container={inside} />)
      const dialog = within(inside).getByRole('dialog', { name: 'Messages' })
      expect(dialog.getRootNode()).toBe(shadow)
      expect(within(document.body).queryByRole('dialog')).toBeNull()
    } finally {
      host.remove()
    }
  })

  test('behavior: no axe violations in the open dialog', async () => {
    const { me, alice } = await setup()
    const { user } = renderWithClient(me, <InboxDialog trigger={<button type="button">Open messages</button>} />)
    await user.click(screen.getByRole('button', { name: 'Open messages' }))
    const dialog = body().getByRole('dialog', { name: 'Messages' })
    await within(dialog).findByRole('option', { name: new RegExp(short(alice.address)) })
    expect(await violations(document.body)).toEqual([])
  })
})
