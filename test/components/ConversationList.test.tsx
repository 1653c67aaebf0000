import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import {
  type Attachment,
  type Client,
  ContentTypeAttachment,
  ContentTypeReply,
  ContentTypeText,
  type Conversation,
  type Reply,
  allow,
  and,
  consentIs,
  inboxViews,
  keyword,
  not,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { ConversationList, type ConversationListProps, type EmptyStateProps, type IdentityResolver, Inbox, XMTPUIProvider } from '@xmtp-kit/components'
import axe from 'axe-core'
import { useState } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient, short } from './support.js'

/** Axe's violations in `root` (colour contrast needs layout, which jsdom does not have). */
async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

// jsdom has no layout and no `Element.scrollTo`. The virtualizer sizes its window from the panel's
// `clientHeight`, bounds its scrolling by `scrollHeight`, scrolls with `scrollTo` and reads `scrollTop` on `scroll`
// events, as in a browser. While `layout` is set, the list's panel gets that height and the listbox's (a browser's
// layout of the two); otherwise it has jsdom's zero. Installed for this file only (the react project shares one
// jsdom between files).
let layout: { height: number } | undefined
const isPanel = (element: Element) => element.classList.contains('xk-conversation-list__panel')
const originals = {
  scrollTo: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTo'),
  clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!,
  scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight')!,
}
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return layout && isPanel(this) ? layout.height : originals.clientHeight.get!.call(this)
    },
  })
  Object.defineProperty(Element.prototype, 'scrollHeight', {
    configurable: true,
    get(this: Element) {
      if (!layout || !isPanel(this)) return originals.scrollHeight.get!.call(this)
      return Math.max(layout.height, parseFloat(this.querySelector<HTMLElement>('[role="listbox"]')?.style.height ?? '') || 0)
    },
  })
  Object.defineProperty(Element.prototype, 'scrollTo', {
    configurable: true,
    writable: true,
    value(this: Element, options?: ScrollToOptions | number, y?: number) {
      const requested = typeof options === 'object' ? options.top : y
      if (requested === undefined) return
      const top = Math.max(0, Math.min(requested, this.scrollHeight - this.clientHeight))
      if (top === this.scrollTop) return
      this.scrollTop = top
      this.dispatchEvent(new Event('scroll'))
    },
  })
})
afterEach(() => {
  layout = undefined
})
afterAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', originals.clientHeight)
  Object.defineProperty(Element.prototype, 'scrollHeight', originals.scrollHeight)
  if (originals.scrollTo) Object.defineProperty(Element.prototype, 'scrollTo', originals.scrollTo)
  else delete (Element.prototype as { scrollTo?: unknown }).scrollTo
})

/** Scrolls `element` as a user would: a new `scrollTop`, then a `scroll` event. */
function scrollPanel(element: Element, top: number) {
  act(() => {
    element.scrollTop = top
    element.dispatchEvent(new Event('scroll'))
  })
}

async function smallInbox() {
  const net = createTestNetwork()
  const [me, alice, bob] = await Promise.all([net.client(), net.client(), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  const fromBob = await startConversation(bob, { peerAddress: me.address })
  await sendMessage(alice, { conversation: fromAlice, content: 'invoice from alice' })
  await sendMessage(alice, { conversation: fromAlice, content: 'second from alice' })
  await sendMessage(bob, { conversation: fromBob, content: 'gm from bob' })
  await allow(me, [alice.address])
  return { net, me, alice, bob, fromAlice, fromBob }
}

const option = (address: string) => screen.findByRole('option', { name: new RegExp(short(address)) })

/** A list whose selection follows `onSelect`, as an app would wire it. */
function Selectable(props: ConversationListProps & { onSelected?: (conversation: Conversation) => void }) {
  const { onSelected, ...rest } = props
  const [topic, setTopic] = useState<string | undefined>(undefined)
  return (
    <ConversationList
      selectedTopic={topic}
      onSelect={(conversation) => {
        setTopic(conversation.topic)
        onSelected?.(conversation)
      }}
      {...rest}
    />
  )
}

const ROWS = 1000
const PEERS = 100
let large: Promise<{ me: Client; peers: Client[] }> | undefined
/**
 * One wallet with 1,000 allowed conversations, from 100 peers with 10 conversations each (a conversation id
 * each), made once (in a `beforeAll`) and shared by the tests that only read it.
 */
function largeInbox() {
  large ??= (async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const peers = await Promise.all(Array.from({ length: PEERS }, () => net.client()))
    await Promise.all(
      peers.map(async (peer, p) => {
        for (let i = 0; i < ROWS / PEERS; i++) await startConversation(peer, { peerAddress: me.address, context: { conversationId: `test/${p}/${i}`, metadata: {} } })
      }),
    )
    await allow(
      me,
      peers.map((peer) => peer.address),
    )
    return { me, peers }
  })()
  return large
}

const panelOf = (listbox: HTMLElement) => listbox.closest<HTMLElement>('[role="tabpanel"]')!
const positions = () => screen.getAllByRole('option').map((o) => Number(o.getAttribute('aria-posinset')))

describe('ConversationList', () => {
  test('default: rows with avatar, name, time, plain-text preview and unread badge; views with counts; a search box', async () => {
    const { me, alice } = await smallInbox()
    const { container } = renderWithClient(me, <ConversationList />)
    const row = await option(alice.address)
    expect(row).toHaveTextContent('second from alice')
    expect(within(row).getByText(short(alice.address))).toHaveClass('xk-conversation-list__name')
    expect(row.querySelector('.xk-avatar')).toHaveAttribute('aria-hidden', 'true')
    expect(row.querySelector('time')).toHaveAttribute('dateTime', expect.stringMatching(/^\d{4}-\d\d-\d\dT/))
    expect(within(row).getByRole('img', { name: /^[1-9]\d* unread$/ })).toHaveTextContent(/^[1-9]/)
    expect(row).toHaveAttribute('aria-posinset', '1')
    expect(row).toHaveAttribute('aria-setsize', '1')
    expect(screen.getByRole('searchbox', { name: 'Search conversations' })).toHaveValue('')
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveAttribute('aria-selected', 'true')
    await waitFor(() => expect(screen.getByRole('tab', { name: /Requests/ })).toHaveTextContent('Requests 1'))
    expect(screen.getByRole('tab', { name: /Blocked/ })).toHaveTextContent('Blocked 0')
    expect(screen.getAllByRole('option')).toHaveLength(1)
    expect(await violations(container)).toEqual([])
  })

  test('behavior: the display name comes from the identity resolver', async () => {
    const { me, alice } = await smallInbox()
    const resolve: IdentityResolver = async (address) => (address.toLowerCase() === alice.address.toLowerCase() ? { name: 'alice.eth' } : null)
    renderWithClient(
      me,
      <XMTPUIProvider resolveIdentity={resolve}>
        <ConversationList />
      </XMTPUIProvider>,
    )
    const row = await screen.findByRole('option', { name: /alice\.eth/ })
    expect(within(row).getByText('alice.eth')).toHaveClass('xk-conversation-list__name')
    expect(row).toHaveAttribute('title', alice.address)
  })

  test('behavior: an HTML payload in a preview renders as inert text', async () => {
    const { me, alice, fromAlice } = await smallInbox()
    const payload = `<img src=x onerror="globalThis.__xssList=1"><b>bold</b>`
    await sendMessage(alice, { conversation: fromAlice, content: payload })
    const { container } = renderWithClient(me, <ConversationList />)
    const row = await option(alice.address)
    await waitFor(() => expect(row).toHaveTextContent(payload))
    expect(container.querySelector('img, b')).toBeNull()
    expect((globalThis as { __xssList?: number }).__xssList).toBeUndefined()
  })

  test('behavior: previews read as the thread does: a reply by its text, a file as 📎 and its name', async () => {
    const { me, alice, bob, fromAlice, fromBob } = await smallInbox()
    const first = await sendMessage(alice, { conversation: fromAlice, content: 'the original' })
    await sendMessage<Reply>(alice, { conversation: fromAlice, contentType: ContentTypeReply, content: { reference: first.id, contentType: ContentTypeText, content: 'the answer' } })
    await sendMessage<Attachment>(bob, {
      conversation: fromBob,
      contentType: ContentTypeAttachment,
      content: { filename: 'report.pdf', mimeType: 'application/pdf', data: new Uint8Array([1, 2, 3]) },
    })
    await allow(me, [bob.address])
    renderWithClient(me, <ConversationList />)
    await waitFor(() => expect(screen.getByRole('option', { name: new RegExp(short(alice.address)) })).toHaveTextContent('the answer'))
    expect(screen.getByRole('option', { name: new RegExp(short(bob.address)) })).toHaveTextContent('📎 report.pdf')
  })

  describe('with 1,000 conversations', () => {
    // Made with the real protocol (an invitation each): a few seconds, once for the tests below.
    beforeAll(async () => void (await largeInbox()), 120_000)

    test('behavior: 1,000 conversations render only the rows in view; scrolling renders others', async () => {
      const { me } = await largeInbox()
      const { container } = renderWithClient(me, <ConversationList />)
      const listbox = await screen.findByRole('listbox', { name: 'Primary' })
      await waitFor(() => expect(screen.getByRole('tab', { name: /Primary/ })).toHaveTextContent(`Primary ${ROWS}`))
      const rendered = screen.getAllByRole('option')
      // One window of rows (jsdom has no layout: the panel counts as one window high) and a few around it.
      expect(rendered.length).toBeGreaterThanOrEqual(Math.floor(window.innerHeight / 64))
      expect(rendered.length).toBeLessThan(40)
      for (const row of rendered) expect(row).toHaveAttribute('aria-setsize', String(ROWS))
      expect(positions()[0]).toBe(1)
      // The listbox is as tall as every row, so the scrollbar is right.
      expect(parseFloat(listbox.style.height)).toBeGreaterThanOrEqual(ROWS * 60)

      scrollPanel(panelOf(listbox), 500 * 64)
      await waitFor(() => expect(positions()).toContain(501))
      expect(screen.getAllByRole('option').length).toBeLessThan(40)
      // The first row stays rendered: it is the row Tab lands on.
      expect(positions()[0]).toBe(1)
      expect(screen.getAllByRole('option').filter((o) => o.tabIndex === 0)).toHaveLength(1)
      expect(await violations(container)).toEqual([])
    })

    test('behavior: keyboard navigation (arrows, Home/End, PageUp/PageDown, Enter/Space) keeps focus while the row scrolls out and back', async () => {
      const { me } = await largeInbox()
      layout = { height: 640 }
      const selected: Conversation[] = []
      const { user } = renderWithClient(me, <Selectable searchable={false} onSelected={(c) => selected.push(c)} />)
      const listbox = await screen.findByRole('listbox', { name: 'Primary' })
      await waitFor(() => expect(screen.getByRole('tab', { name: /Primary/ })).toHaveTextContent(`Primary ${ROWS}`))
      const panel = panelOf(listbox)
      const focused = () => document.activeElement as HTMLElement
      const at = () => Number(focused().getAttribute('aria-posinset'))

      await user.tab() // the active tab (roving: one stop for the tablist)
      expect(screen.getByRole('tab', { name: /Primary/ })).toHaveFocus()
      await user.tab()
      expect(focused()).toHaveAttribute('role', 'option')
      expect(at()).toBe(1)

      await user.keyboard('{ArrowDown}{ArrowDown}')
      expect(at()).toBe(3)
      expect(focused()).toHaveAttribute('tabindex', '0')
      expect(screen.getAllByRole('option').filter((o) => o.tabIndex === 0)).toEqual([focused()])
      await user.keyboard('{ArrowUp}')
      expect(at()).toBe(2)

      // A page is as many rows as the panel holds (640 px of 64 px rows).
      const page = 10
      await user.keyboard('{PageDown}')
      expect(at()).toBe(2 + page)
      await user.keyboard('{PageUp}')
      expect(at()).toBe(2)

      await user.keyboard('{End}')
      expect(at()).toBe(ROWS)
      // The virtualizer scrolled to it, and only a window of rows is rendered there.
      await waitFor(() => expect(panel.scrollTop).toBe(ROWS * 64 - 640))
      expect(screen.getAllByRole('option').length).toBeLessThan(40)
      const last = focused()

      // Scrolled out of view, the focused row stays rendered and focused...
      scrollPanel(panel, 0)
      await waitFor(() => expect(positions()).toContain(1))
      expect(last).toHaveFocus()
      expect(last.isConnected).toBe(true)
      // ...and the next key moves from it, scrolling back to it.
      await user.keyboard('{ArrowUp}')
      expect(at()).toBe(ROWS - 1)
      await waitFor(() => expect(panel.scrollTop).toBe((ROWS - 1) * 64 - 640))
      expect(screen.getAllByRole('option').length).toBeLessThan(40)

      await user.keyboard('{Enter}')
      expect(focused()).toHaveAttribute('aria-selected', 'true')
      expect(selected).toHaveLength(1)
      await user.keyboard('{Home}')
      expect(at()).toBe(1)
      await waitFor(() => expect(panel.scrollTop).toBe(0))
      await user.keyboard(' ')
      expect(focused()).toHaveAttribute('aria-selected', 'true')
      expect(screen.getAllByRole('option', { selected: true })).toEqual([focused()])
      expect(selected).toHaveLength(2)
      expect(selected[1]).not.toBe(selected[0])
    })
  })

  test('behavior: a click selects and makes the row the one Tab lands on', async () => {
    const { me, alice, bob } = await smallInbox()
    await allow(me, [bob.address])
    const { user } = renderWithClient(me, <Selectable />)
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
    const aliceRow = await option(alice.address)
    await user.click(aliceRow)
    expect(aliceRow).toHaveAttribute('aria-selected', 'true')
    expect(aliceRow).toHaveAttribute('tabindex', '0')
    expect(await option(bob.address)).toHaveAttribute('tabindex', '-1')
  })

  test('behavior: ←/→ and Home/End move between the views', async () => {
    const { me, bob } = await smallInbox()
    const { user } = renderWithClient(me, <ConversationList searchable={false} />)
    await user.tab()
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveFocus()
    await user.keyboard('{ArrowRight}')
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveFocus()
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveAttribute('aria-selected', 'true')
    expect(await option(bob.address)).toBeInTheDocument()
    await user.keyboard('{End}')
    expect(screen.getByRole('tab', { name: /Blocked/ })).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{ArrowRight}')
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveFocus()
    await user.keyboard('{ArrowLeft}{Home}')
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveAttribute('tabindex', '-1')
  })

  test('parameters: views and viewLabels add your own inbox filters as tabs, with counts, beside the built-in ones', async () => {
    const { me, alice, bob } = await smallInbox()
    const views = { ...inboxViews, invoices: and(not(consentIs('denied')), keyword('from alice')) }
    const { user } = renderWithClient(me, <Inbox views={views} viewLabels={{ invoices: 'Invoices' }} />)
    const tab = await screen.findByRole('tab', { name: /Invoices/ })
    await waitFor(() => expect(tab).toHaveTextContent('Invoices 1'))
    expect(screen.getAllByRole('tab').map((t) => t.textContent?.replace(/\s*\d+$/, ''))).toEqual(['Primary', 'Requests', 'Blocked', 'Invoices'])
    await user.click(tab)
    expect(tab).toHaveAttribute('aria-selected', 'true')
    expect(await screen.findByRole('listbox', { name: 'Invoices' })).toBeInTheDocument()
    // Alice's latest message matches ("second from alice"); Bob's request does not.
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1))
    expect(screen.getByRole('option', { name: new RegExp(short(alice.address)) })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: new RegExp(short(bob.address)) })).toBeNull()
    // A view without a label is named by its key.
    renderWithClient(me, <ConversationList views={{ everything: inboxViews.primary }} />)
    expect(await screen.findByRole('tab', { name: /everything/ })).toBeInTheDocument()
  })

  test('behavior: search filters the active view by address, resolved name and preview, case-insensitively', async () => {
    const { me, alice, bob } = await smallInbox()
    await allow(me, [bob.address])
    const resolve: IdentityResolver = async (address) => (address.toLowerCase() === bob.address.toLowerCase() ? { name: 'Bobby.eth' } : null)
    const { user, container } = renderWithClient(
      me,
      <XMTPUIProvider resolveIdentity={resolve}>
        <ConversationList />
      </XMTPUIProvider>,
    )
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
    const box = screen.getByRole('searchbox', { name: 'Search conversations' })
    const names = () => screen.queryAllByRole('option').map((o) => o.getAttribute('title'))

    // Any part of the address, in any case
    await user.type(box, alice.address.slice(9, 17).toUpperCase())
    await waitFor(() => expect(names()).toEqual([alice.address]))
    expect(screen.getByRole('status')).toHaveTextContent('1 conversation found')

    // The resolved name
    await user.clear(box)
    await user.type(box, 'bobby')
    await waitFor(() => expect(names()).toEqual([bob.address]))

    // The preview
    await user.clear(box)
    await user.type(box, 'SECOND FROM')
    await waitFor(() => expect(names()).toEqual([alice.address]))

    // Nothing matches
    await user.clear(box)
    await user.type(box, 'no such text')
    expect(await screen.findByText('No conversations match “no such text”')).toBeInTheDocument()
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(await violations(container)).toEqual([])

    // The clear button, then Escape, empty the box
    await user.click(screen.getByRole('button', { name: 'Clear search' }))
    expect(box).toHaveValue('')
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
    await user.type(box, 'gm from')
    await waitFor(() => expect(names()).toEqual([bob.address]))
    await user.keyboard('{Escape}')
    expect(box).toHaveValue('')
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
  })

  test('behavior: the search stays within the active view', async () => {
    const { me, bob } = await smallInbox()
    const { user } = renderWithClient(me, <ConversationList />)
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'gm from bob')
    // Bob's conversation is a request: not in Primary...
    expect(await screen.findByText('No conversations match “gm from bob”')).toBeInTheDocument()
    await user.click(screen.getByRole('tab', { name: /Requests/ }))
    // ...but in Requests; the counts ignore the search.
    expect(await option(bob.address)).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: /Primary/ })).toHaveTextContent('Primary 1')
  })

  test('parameters: search, defaultSearch, onSearchChange and searchable', async () => {
    const { me, alice, bob } = await smallInbox()
    await allow(me, [bob.address])
    const changes: string[] = []
    const first = renderWithClient(me, <ConversationList defaultSearch="second" onSearchChange={(s) => changes.push(s)} />)
    const box = screen.getByRole('searchbox', { name: 'Search conversations' })
    expect(box).toHaveValue('second')
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.title)).toEqual([alice.address]))
    await first.user.type(box, '!')
    expect(changes).toEqual(['second!'])
    first.unmount()

    function Controlled() {
      const [search, setSearch] = useState('gm')
      return (
        <>
          <button type="button" onClick={() => setSearch('')}>
            reset
          </button>
          <ConversationList searchable={false} search={search} onSearchChange={setSearch} />
        </>
      )
    }
    const second = renderWithClient(me, <Controlled />)
    expect(screen.queryByRole('searchbox')).toBeNull()
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.title)).toEqual([bob.address]))
    await second.user.click(screen.getByRole('button', { name: 'reset' }))
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
  })

  test('behavior: loading, then the EmptyState slot (or the default text) for an empty list', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const first = renderWithClient(me, <ConversationList />)
    expect(screen.getByText('Loading conversations…')).toBeInTheDocument()
    expect(await screen.findByText('No conversations')).toBeInTheDocument()
    expect(await violations(first.container)).toEqual([])
    first.unmount()

    const seen: EmptyStateProps[] = []
    function Empty(props: EmptyStateProps) {
      seen.push(props)
      return <strong>Nothing here yet</strong>
    }
    const second = renderWithClient(
      me,
      <XMTPUIProvider components={{ EmptyState: Empty }}>
        <ConversationList />
      </XMTPUIProvider>,
    )
    expect(await screen.findByText('Nothing here yet')).toBeInTheDocument()
    expect(seen.at(-1)).toEqual({ kind: 'conversations', text: 'No conversations' })
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(await violations(second.container)).toEqual([])
  })

  test('parameters: className, style, rest props, ref and labels', async () => {
    const { me } = await smallInbox()
    let root: HTMLDivElement | null = null
    renderWithClient(
      me,
      <ConversationList
        ref={(el) => void (root = el)}
        className="mine"
        style={{ height: 300 }}
        data-testid="list"
        labels={{ viewPrimary: 'Inbox', searchConversations: 'Find', noSearchResults: (q) => `Nothing for ${q}` }}
      />,
    )
    const el = screen.getByTestId('list')
    expect(root).toBe(el)
    expect(el).toHaveClass('xk-conversation-list', 'mine')
    expect(el).toHaveStyle({ height: '300px' })
    expect(await screen.findByRole('tab', { name: /Inbox/ })).toBeInTheDocument()
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find' }), { target: { value: 'zzz' } })
    expect(await screen.findByText('Nothing for zzz')).toBeInTheDocument()
  })
})
