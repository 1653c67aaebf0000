import { screen, waitFor, within } from '@testing-library/react'
import { type Client, ContentTypeReply, ContentTypeText, type Conversation, type Reply, sendMessage, startConversation, type Transport } from '@xmtp-kit/client'
import { Composer, MessageList } from '@xmtp-kit/components'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient } from './support.js'
import { layoutMessageScrollers, scrollTo } from './threadLayout.js'

// These tests need scrolling, which jsdom does not lay out: the message list's scroller gets a 600 px viewport.
const VIEWPORT = 600
let restore: () => void
beforeAll(() => {
  restore = layoutMessageScrollers({ height: VIEWPORT })
})
afterAll(() => restore())

/** A transport whose queries wait while held. */
function gateQueries(inner: Transport) {
  let gate: Promise<void> | undefined
  let open = () => {}
  const transport: Transport & { hold(): void; release(): void } = {
    publish: (envelopes, p) => inner.publish(envelopes, p),
    async *query(p) {
      if (gate) await gate
      yield* inner.query(p)
    },
    batchQuery: (q, p) => inner.batchQuery(q, p),
    subscribe: (t, p) => inner.subscribe(t, p),
    hold() {
      gate = new Promise((resolve) => (open = resolve))
    },
    release() {
      gate = undefined
      open()
    },
  }
  return transport
}

async function thread(count: number, transport?: (inner: Transport) => Transport) {
  const net = createTestNetwork()
  const [me, alice] = await Promise.all([net.client(transport?.(net.transport)), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  const sent = []
  for (let i = 0; i < count; i++) sent.push(await sendMessage(alice, { conversation: fromAlice, content: `message ${i}` }))
  const mine = await startConversation(me, { peerAddress: alice.address })
  return { me, alice, fromAlice, mine, sent }
}

const textRow = (text: string) => screen.queryByText(text, { selector: '.xk-message__text' })?.closest('li') ?? null
const findRow = async (text: string) => (await screen.findByText(text, { selector: '.xk-message__text' })).closest('li')!
/** Where a row sits in the list (the virtualizer places rows with a transform). */
const offsetOf = (row: Element) => Number(/translateY\((-?[\d.]+)px\)/.exec((row as HTMLElement).style.transform)![1])
const scrollerOf = (container: HTMLElement) => container.querySelector('.xk-message-list__scroller')!
const maxScroll = (scroller: Element) => scroller.scrollHeight - VIEWPORT

function render(me: Client, conversation: Conversation, props: { pageSize?: number } = {}) {
  return renderWithClient(
    me,
    <>
      <MessageList conversation={conversation} {...props} />
      <Composer conversation={conversation} {...props} />
    </>,
  )
}

describe('MessageList scrolling', () => {
  test('behavior: it opens at the latest message', async () => {
    const { me, mine } = await thread(40)
    const { container } = render(me, mine, { pageSize: 100 })
    await findRow('message 39')
    const scroller = scrollerOf(container)
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))
    expect(maxScroll(scroller)).toBeGreaterThan(0)
    expect(textRow('message 0')).toBeNull()
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull()
  })

  test('behavior: scrolling near the top loads the older page, and the rows in view stay where they were', async () => {
    const gated = { transport: undefined as ReturnType<typeof gateQueries> | undefined }
    const { me, mine } = await thread(50, (inner) => (gated.transport = gateQueries(inner)))
    const { container } = render(me, mine, { pageSize: 20 })
    await findRow('message 49')
    const scroller = scrollerOf(container)
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))
    expect(textRow('message 29')).toBeNull()

    gated.transport!.hold()
    scrollTo(scroller, 0)
    expect(await screen.findByRole('status')).toHaveTextContent('Loading older messages…')
    const top = textRow('message 30')!
    const onScreen = offsetOf(top) - scroller.scrollTop
    gated.transport!.release()

    await waitFor(() => expect(top).toHaveAttribute('aria-setsize', '40'))
    await waitFor(() => expect(offsetOf(top) - scroller.scrollTop).toBe(onScreen))
    expect(scroller.scrollTop).toBeGreaterThan(0)
    expect(screen.queryByText('Loading older messages…')).toBeNull()
    // The page above is there to scroll to, but only the rows near the viewport are rendered.
    expect(textRow('message 29')).not.toBeNull()
    expect(textRow('message 10')).toBeNull()
  })

  test('behavior: scrolled up, a jump-to-latest button counts the new messages and scrolls to the end', async () => {
    const { me, alice, fromAlice, mine } = await thread(40)
    const { user, container } = render(me, mine, { pageSize: 100 })
    await findRow('message 39')
    const scroller = scrollerOf(container)
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))

    scrollTo(scroller, 0)
    const jump = await screen.findByRole('button', { name: 'Jump to latest' })
    await sendMessage(alice, { conversation: fromAlice, content: 'new one' })
    await sendMessage(alice, { conversation: fromAlice, content: 'new two' })
    await waitFor(() => expect(jump).toHaveAccessibleName('Jump to latest 2 new messages'))
    // Still where the reader is: the new rows are beyond the viewport.
    expect(scroller.scrollTop).toBe(0)
    expect(textRow('new two')).toBeNull()

    await user.click(jump)
    await findRow('new two')
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))
    await waitFor(() => expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull())
  })

  test('behavior: at the end, new messages scroll into view; sending while scrolled up jumps to the end', async () => {
    const { me, alice, fromAlice, mine } = await thread(40)
    const { user, container } = render(me, mine, { pageSize: 100 })
    await findRow('message 39')
    const scroller = scrollerOf(container)
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))

    await sendMessage(alice, { conversation: fromAlice, content: 'still there?' })
    await findRow('still there?')
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull()

    scrollTo(scroller, 0)
    await screen.findByRole('button', { name: 'Jump to latest' })
    const box = screen.getByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'yes{Enter}')
    await findRow('yes')
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))
  })

  test('behavior: clicking a quote scrolls to the message replied to, even when it is far up, and focuses it', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const fromAlice = await startConversation(alice, { peerAddress: me.address })
    const question = await sendMessage(alice, { conversation: fromAlice, content: 'the question' })
    for (let i = 0; i < 40; i++) await sendMessage(alice, { conversation: fromAlice, content: `filler ${i}` })
    const answer: Reply = { reference: question.id, contentType: ContentTypeText, content: 'the answer' }
    await sendMessage(alice, { conversation: fromAlice, content: answer, contentType: ContentTypeReply })
    const mine = await startConversation(me, { peerAddress: alice.address })
    const { user, container } = render(me, mine, { pageSize: 100 })
    const reply = await findRow('the answer')
    const scroller = scrollerOf(container)
    await waitFor(() => expect(scroller.scrollTop).toBe(maxScroll(scroller)))
    expect(textRow('the question')).toBeNull()

    await user.click(within(reply).getByRole('button', { name: /^In reply to .* the question$/ }))
    const parent = await findRow('the question')
    await waitFor(() => expect(parent).toHaveFocus())
    expect(parent).toHaveAttribute('data-highlighted')
    await waitFor(() => expect(scroller.scrollTop).toBeLessThan(offsetOf(parent) + 1))
    expect(offsetOf(parent)).toBeLessThan(scroller.scrollTop + VIEWPORT)
  })
})
