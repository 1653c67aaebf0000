import { screen, waitFor, within } from '@testing-library/react'
import { type Client, type Conversation, getMessagesStore, sendMessage, startConversation } from '@xmtp-kit/client'
import { MessageList } from '@xmtp-kit/components'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient } from './support.js'
import { layoutMessageScrollers, scrollTo } from './threadLayout.js'

const COUNT = 10_000
const OVERSCAN = 4
/** The smallest row the list estimates (one line of text), and the viewports below. */
const MIN_ROW = 56
const UNLAID_VIEWPORT = 640
const LAID_OUT_VIEWPORT = 600
/** Rows that fit in a viewport, plus the one cut at each edge, plus the overscan on both sides. */
const mostRows = (viewport: number) => Math.ceil(viewport / MIN_ROW) + 2 + 2 * OVERSCAN

let me: Client
let conversation: Conversation
let stopHolding: () => void

// Sending and decrypting 10,000 messages is the slow part: do it once, and keep the thread's store loaded
// (subscribed) for both renders.
beforeAll(async () => {
  const net = createTestNetwork()
  const [mine, alice] = await Promise.all([net.client(), net.client()])
  me = mine
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  for (let i = 0; i < COUNT; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, j) => sendMessage(alice, { conversation: fromAlice, content: `message ${i + j}` })))
  }
  conversation = await startConversation(me, { peerAddress: alice.address })
  const store = getMessagesStore(me, conversation, { pageSize: COUNT })
  stopHolding = store.subscribe(() => {})
  await waitFor(() => expect(store.getSnapshot().messages).toHaveLength(COUNT), { timeout: 120_000 })
}, 240_000)

afterAll(() => stopHolding?.())

const rowsOf = (list: HTMLElement) => within(list).getAllByRole('listitem')

describe('MessageList virtualization', () => {
  test('behavior: a thread of 10,000 messages renders only the rows in view plus overscan (no layout: the assumed viewport)', async () => {
    const { container } = renderWithClient(me, <MessageList conversation={conversation} pageSize={COUNT} overscan={OVERSCAN} />)
    const list = await screen.findByRole('list', { name: 'Messages' })
    const rows = rowsOf(list)
    expect(rows.length).toBeGreaterThan(2 * OVERSCAN)
    expect(rows.length).toBeLessThanOrEqual(mostRows(UNLAID_VIEWPORT))
    expect(container.querySelectorAll('.xk-message')).toHaveLength(rows.length)
    for (const row of rows) expect(row).toHaveAttribute('aria-setsize', String(COUNT))
    // The list is as tall as all its rows, though few are in the DOM.
    expect(Number.parseFloat(list.style.height)).toBeGreaterThanOrEqual(COUNT * MIN_ROW)
  })

  test('behavior: laid out, it opens at the latest of 10,000 messages and renders the rows around wherever it is scrolled', async () => {
    const restore = layoutMessageScrollers({ height: LAID_OUT_VIEWPORT })
    try {
      const { container } = renderWithClient(me, <MessageList conversation={conversation} pageSize={COUNT} overscan={OVERSCAN} />)
      const list = await screen.findByRole('list', { name: 'Messages' })
      await within(list).findByText(`message ${COUNT - 1}`)
      let rows = rowsOf(list)
      expect(rows.at(-1)).toHaveAttribute('aria-posinset', String(COUNT))
      expect(rows.length).toBeLessThanOrEqual(mostRows(LAID_OUT_VIEWPORT))

      const scroller = container.querySelector('.xk-message-list__scroller')!
      scrollTo(scroller, scroller.scrollHeight / 2)
      await waitFor(() => expect(within(list).queryByText(`message ${COUNT - 1}`)).toBeNull())
      rows = rowsOf(list)
      const shown = rows.map((row) => Number(row.getAttribute('aria-posinset')))
      expect(Math.min(...shown)).toBeGreaterThan(COUNT / 2 - mostRows(LAID_OUT_VIEWPORT))
      expect(Math.max(...shown)).toBeLessThan(COUNT / 2 + mostRows(LAID_OUT_VIEWPORT))
      expect(rows.length).toBeLessThanOrEqual(mostRows(LAID_OUT_VIEWPORT))
    } finally {
      restore()
    }
  })
})
