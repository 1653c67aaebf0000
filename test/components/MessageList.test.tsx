import { screen, waitFor, within } from '@testing-library/react'
import {
  type Attachment,
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeRemoteAttachment,
  ContentTypeReply,
  ContentTypeText,
  encryptAttachment,
  isSameContentType,
  listMessages,
  markRead,
  type Reaction,
  type RemoteAttachment,
  type Reply,
  sendMessage,
  startConversation,
  type Transport,
} from '@xmtp-kit/client'
import { Composer, MessageList, type MessageContentProps, XMTPUIProvider } from '@xmtp-kit/components'
import { createRef } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient, short } from './support.js'

/** Me and Alice on one network, with the conversation as each sees it. */
async function pair() {
  const net = createTestNetwork()
  const [me, alice] = await Promise.all([net.client(), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  const mine = await startConversation(me, { peerAddress: alice.address })
  return { net, me, alice, fromAlice, mine }
}

/** The row (list item) of the message showing `text`. */
const rowOf = async (text: string) => (await screen.findByText(text, { selector: '.xk-message__text' })).closest('li')!

// A 1×1 PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0))

afterEach(() => vi.restoreAllMocks())

describe('MessageList', () => {
  test('behavior: a failed send shows Not sent with Retry, and Retry sends it', async () => {
    const net = createTestNetwork()
    let failing = false
    const flaky: Transport = {
      publish: (envelopes, p) => (failing ? Promise.reject(new Error('offline')) : net.transport.publish(envelopes, p)),
      query: (p) => net.transport.query(p),
      batchQuery: (q, p) => net.transport.batchQuery(q, p),
      subscribe: (t, p) => net.transport.subscribe(t, p),
    }
    const [me, alice] = await Promise.all([net.client(flaky), net.client()])
    const conversation = await startConversation(me, { peerAddress: alice.address })
    failing = true
    const { user } = renderWithClient(
      me,
      <>
        <MessageList conversation={conversation} />
        <Composer conversation={conversation} />
      </>,
    )
    expect(await screen.findByText('No messages yet. Say hello!')).toBeInTheDocument()
    const box = screen.getByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'will fail{Enter}')
    const item = (await screen.findByText('will fail')).closest('li')!
    await waitFor(() => expect(item).toHaveAttribute('data-delivery', 'failed'))
    expect(within(item).getByRole('alert')).toHaveTextContent('Not sent')
    failing = false
    await user.click(within(item).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.getByText('will fail').closest('li')).toHaveAttribute('data-delivery', 'sent'))
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
  })

  test('behavior: reactions show under their message; clicking adds and removes mine', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const lunch = await sendMessage(alice, { conversation: fromAlice, content: 'lunch?' })
    const { user } = renderWithClient(me, <MessageList conversation={mine} />)
    const row = await rowOf('lunch?')
    // Reactions are not rows of their own.
    expect(within(row).queryByRole('group', { name: 'Reactions' })).toBeNull()

    await user.click(within(row).getByRole('button', { name: 'Add reaction' }))
    expect(within(row).getByRole('button', { name: 'Add reaction' })).toHaveAttribute('aria-expanded', 'true')
    await user.click(within(row).getByRole('button', { name: 'React with 👍' }))
    const thumbs = await within(row).findByRole('button', { name: '👍 1, including you' })
    expect(thumbs).toHaveAttribute('aria-pressed', 'true')
    expect(within(row).queryByRole('button', { name: 'React with 👍' })).toBeNull()
    await waitFor(async () => {
      const received = await listMessages(alice, { conversation: fromAlice })
      expect(received.map((m) => m.content)).toContainEqual({ reference: lunch.id, action: 'added', schema: 'unicode', content: '👍' })
    })

    const heart: Reaction = { reference: lunch.id, action: 'added', schema: 'unicode', content: '❤️' }
    await sendMessage(alice, { conversation: fromAlice, content: heart, contentType: ContentTypeReaction })
    const theirs = await within(row).findByRole('button', { name: '❤️ 1' })
    expect(theirs).toHaveAttribute('aria-pressed', 'false')
    expect(screen.getAllByRole('listitem')).toHaveLength(1)

    await user.click(within(row).getByRole('button', { name: '👍 1, including you' }))
    await waitFor(() => expect(within(row).queryByRole('button', { name: /^👍/ })).toBeNull())
    expect(within(row).getByRole('button', { name: '❤️ 1' })).toBeInTheDocument()
  })

  test('behavior: the reaction picker closes with Escape (focus back on its button) and when focus leaves it', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    await sendMessage(alice, { conversation: fromAlice, content: 'pick one' })
    const { user } = renderWithClient(me, <MessageList conversation={mine} />)
    const row = await rowOf('pick one')
    const trigger = within(row).getByRole('button', { name: 'Add reaction' })
    await user.click(trigger)
    await user.tab()
    expect(within(row).getByRole('button', { name: 'React with 👍' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(within(row).queryByRole('group', { name: 'Add reaction' })).toBeNull()
    expect(trigger).toHaveFocus()
    expect(trigger).toHaveAttribute('aria-expanded', 'false')

    await user.click(trigger)
    expect(within(row).getByRole('group', { name: 'Add reaction' })).toBeInTheDocument()
    await user.click(document.body)
    expect(within(row).queryByRole('group', { name: 'Add reaction' })).toBeNull()
  })

  test('behavior: a reply quotes the message it answers, or says when that message is not loaded', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const question = await sendMessage(alice, { conversation: fromAlice, content: 'which day?' })
    const answer: Reply = { reference: question.id, contentType: ContentTypeText, content: 'friday' }
    await sendMessage(alice, { conversation: fromAlice, content: answer, contentType: ContentTypeReply })
    const lost: Reply = { reference: 'ab'.repeat(32), contentType: ContentTypeText, content: 'about that' }
    await sendMessage(alice, { conversation: fromAlice, content: lost, contentType: ContentTypeReply })
    const { user } = renderWithClient(me, <MessageList conversation={mine} />)

    const reply = await rowOf('friday')
    const quote = within(reply).getByRole('button', { name: `In reply to ${short(alice.address)} which day?` })
    const parent = await rowOf('which day?')
    await user.click(quote)
    await waitFor(() => expect(parent).toHaveFocus())
    expect(parent).toHaveAttribute('data-highlighted')

    const orphan = await rowOf('about that')
    expect(within(orphan).getByText('Original message not loaded')).toBeInTheDocument()
    expect(within(orphan).queryByRole('button', { name: /In reply to/ })).toBeNull()
  })

  test('behavior: images show inline with the file name as alt text, other files as download links; object URLs are revoked on unmount', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const created = vi.spyOn(URL, 'createObjectURL')
    const revoked = vi.spyOn(URL, 'revokeObjectURL')
    const image: Attachment = { filename: 'cat.png', mimeType: 'image/png', data: PNG }
    const notes: Attachment = { filename: 'notes.html', mimeType: 'text/html', data: new TextEncoder().encode('<b>hi</b>\n') }
    await sendMessage(alice, { conversation: fromAlice, content: image, contentType: ContentTypeAttachment })
    await sendMessage(alice, { conversation: fromAlice, content: notes, contentType: ContentTypeAttachment })
    const { unmount } = renderWithClient(me, <MessageList conversation={mine} />)

    // A placeholder of the same name holds the place until the object URL exists.
    await waitFor(() => expect(screen.getByRole('img', { name: 'cat.png' })).toHaveAttribute('src', expect.stringMatching(/^blob:/)))
    const img = screen.getByRole('img', { name: 'cat.png' })
    const link = await screen.findByRole('link', { name: 'Download notes.html (10 bytes)' })
    expect(link).toHaveAttribute('download', 'notes.html')
    expect(link).toHaveAttribute('href', expect.stringMatching(/^blob:/))
    expect(link).toHaveTextContent('notes.html10 bytes')
    // The HTML file is served as opaque bytes: opened from its blob URL (same origin), it cannot run.
    const blobs = created.mock.calls.map(([blob]) => (blob as Blob).type)
    expect(blobs.sort()).toEqual(['application/octet-stream', 'image/png'])

    const urls = [img.getAttribute('src'), link.getAttribute('href')]
    unmount()
    expect(revoked.mock.calls.map(([url]) => url)).toEqual(expect.arrayContaining(urls))
  })

  test('behavior: a remote attachment downloads only when asked; a failure offers Try again', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const encrypted = encryptAttachment({ filename: 'photo.png', mimeType: 'image/png', data: PNG })
    const remote: RemoteAttachment = { ...encrypted, url: 'https://files.example/photo', scheme: 'https://', contentLength: PNG.length, filename: 'photo.png' }
    await sendMessage(alice, { conversation: fromAlice, content: remote, contentType: ContentTypeRemoteAttachment })
    const urls: string[] = []
    const fetch = async (url: string) => {
      urls.push(url)
      return urls.length === 1 ? new Response('gone', { status: 404 }) : new Response(encrypted.payload.slice())
    }
    const { user } = renderWithClient(me, <MessageList conversation={mine} attachmentOptions={{ fetch }} />)

    const load = await screen.findByRole('button', { name: 'Load photo.png' })
    expect(load.closest('.xk-attachment')).toHaveTextContent(`photo.png${PNG.length} bytes`)
    expect(urls).toEqual([])
    await user.click(load)
    expect(await screen.findByRole('alert')).toHaveTextContent('The attachment could not be loaded.')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getByRole('img', { name: 'photo.png' })).toHaveAttribute('src', expect.stringMatching(/^blob:/)))
    expect(urls).toEqual(['https://files.example/photo', 'https://files.example/photo'])
  })

  test('behavior: "Seen" shows under the last own message the peer has read', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    await sendMessage(me, { conversation: mine, content: 'first' })
    await sendMessage(me, { conversation: mine, content: 'second' })
    renderWithClient(me, <MessageList conversation={mine} />)
    await rowOf('second')
    expect(screen.queryByText('Seen')).toBeNull()
    await markRead(alice, fromAlice, { sendReceipt: true })
    const second = await rowOf('second')
    await waitFor(() => expect(within(second).getByText('Seen')).toBeInTheDocument())
    expect(screen.getAllByText('Seen')).toHaveLength(1)

    // A later message the peer has not read yet: "Seen" stays under the one they read.
    await sendMessage(me, { conversation: mine, content: 'third' })
    const third = await rowOf('third')
    await waitFor(() => expect(third).toHaveAttribute('data-delivery', 'sent'))
    expect(within(third).queryByText('Seen')).toBeNull()
    expect(within(second).getByText('Seen')).toBeInTheDocument()
  })

  test('parameters: sendReadReceipts tells the peer, whose thread shows "Seen"', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    await sendMessage(me, { conversation: mine, content: 'did you see this?' })
    renderWithClient(me, <MessageList conversation={mine} data-testid="mine" />)
    renderWithClient(alice, <MessageList conversation={fromAlice} sendReadReceipts data-testid="alice" />)
    const myRow = (await within(screen.getByTestId('mine')).findByText('did you see this?')).closest('li')!
    await waitFor(() => expect(within(myRow).getByText('Seen')).toBeInTheDocument())
  })

  test('parameters: markRead={false} leaves the thread unread and sends nothing', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    await sendMessage(alice, { conversation: fromAlice, content: 'unread please' })
    renderWithClient(alice, <MessageList conversation={fromAlice} data-testid="alice" />)
    renderWithClient(me, <MessageList conversation={mine} markRead={false} sendReadReceipts data-testid="mine" />)
    await within(screen.getByTestId('mine')).findByText('unread please')
    await new Promise((r) => setTimeout(r, 100))
    expect(within(screen.getByTestId('alice')).queryByText('Seen')).toBeNull()
    expect((await listMessages(me, { conversation: mine })).some((m) => !isSameContentType(m.contentType, ContentTypeText))).toBe(false)
  })

  test('slots: MessageContent replaces the content of each message; EmptyState the empty thread', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    function Shout({ message, fromMe }: MessageContentProps) {
      return <strong data-testid="custom">{`${fromMe ? 'me' : 'them'}: ${String(message.content).toUpperCase()}`}</strong>
    }
    const Empty = ({ kind, text }: { kind: string; text: string }) => <div data-testid="empty">{`${kind} / ${text}`}</div>
    const ui = (
      <XMTPUIProvider components={{ MessageContent: Shout, EmptyState: Empty }}>
        <MessageList conversation={mine} />
      </XMTPUIProvider>
    )
    renderWithClient(me, ui)
    expect(await screen.findByTestId('empty')).toHaveTextContent('messages / No messages yet. Say hello!')
    await sendMessage(alice, { conversation: fromAlice, content: 'quiet' })
    expect(await screen.findByTestId('custom')).toHaveTextContent('them: QUIET')
    expect(screen.queryByText('quiet')).toBeNull()
  })

  test('parameters: conversation undefined shows the empty thread, not a loading state', async () => {
    const { me } = await pair()
    renderWithClient(me, <MessageList conversation={undefined} />)
    expect(screen.getByText('No messages yet. Say hello!')).toBeInTheDocument()
    expect(screen.queryByRole('status')).toBeNull()
  })

  test('parameters: className, style, rest props, ref, labels and reactionEmojis', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    await sendMessage(alice, { conversation: fromAlice, content: 'hi' })
    const ref = createRef<HTMLDivElement>()
    const { user } = renderWithClient(
      me,
      <MessageList
        ref={ref}
        conversation={mine}
        className="mine"
        style={{ height: 300 }}
        data-testid="list"
        labels={{ messageList: 'Fil', addReaction: 'Réagir', reactWith: (e) => `Réagir avec ${e}` }}
        reactionEmojis={['🔥', '🎉']}
      />,
    )
    const root = screen.getByTestId('list')
    expect(ref.current).toBe(root)
    expect(root).toHaveClass('xk-message-list', 'mine')
    expect(root).toHaveStyle({ height: '300px' })
    const list = await screen.findByRole('list', { name: 'Fil' })
    const row = await within(list).findByText('hi')
    await user.click(within(row.closest('li')!).getByRole('button', { name: 'Réagir' }))
    expect(within(row.closest('li')!).getAllByRole('button', { name: /^Réagir avec/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Réagir avec 🔥',
      'Réagir avec 🎉',
    ])
  })
})
