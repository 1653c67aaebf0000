import { screen, waitFor, within } from '@testing-library/react'
import {
  allow,
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeRemoteAttachment,
  ContentTypeReply,
  ContentTypeText,
  encryptAttachment,
  type Reaction,
  type Reply,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { Inbox } from '@xmtp-kit/components'
import axe from 'axe-core'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient, short } from './support.js'

/** Axe's violations in `root` (colour contrast needs layout, which jsdom does not have). */
async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0))

describe('Thread accessibility (axe)', () => {
  test('behavior: no violations in a thread with reactions, a reply and attachments, with the picker open and a reply being written', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const fromAlice = await startConversation(alice, { peerAddress: me.address })
    const question = await sendMessage(alice, { conversation: fromAlice, content: 'see the plan?' })
    const heart: Reaction = { reference: question.id, action: 'added', schema: 'unicode', content: '❤️' }
    await sendMessage(alice, { conversation: fromAlice, content: heart, contentType: ContentTypeReaction })
    const answer: Reply = { reference: question.id, contentType: ContentTypeText, content: 'here it is' }
    await sendMessage(alice, { conversation: fromAlice, content: answer, contentType: ContentTypeReply })
    await sendMessage(alice, { conversation: fromAlice, content: { filename: 'plan.png', mimeType: 'image/png', data: PNG }, contentType: ContentTypeAttachment })
    await sendMessage(alice, {
      conversation: fromAlice,
      content: { filename: 'plan.pdf', mimeType: 'application/pdf', data: new Uint8Array(2048) },
      contentType: ContentTypeAttachment,
    })
    const encrypted = encryptAttachment({ filename: 'big.mov', mimeType: 'video/quicktime', data: new Uint8Array(64) })
    await sendMessage(alice, {
      conversation: fromAlice,
      content: { ...encrypted, url: 'https://files.example/big', scheme: 'https://', contentLength: 64, filename: 'big.mov' },
      contentType: ContentTypeRemoteAttachment,
    })
    await allow(me, [alice.address])
    const { user, container } = renderWithClient(me, <Inbox />)

    await user.click(await screen.findByRole('option', { name: new RegExp(short(alice.address)) }))
    const thread = await screen.findByRole('list', { name: 'Messages' })
    const planRow = (await within(thread).findByText('see the plan?', { selector: '.xk-message__text' })).closest('li')!
    await within(planRow).findByRole('button', { name: '❤️ 1' })
    await user.click(within(planRow).getByRole('button', { name: 'Add reaction' }))
    await user.click(within(planRow).getByRole('button', { name: 'React with 👍' }))
    await within(planRow).findByRole('button', { name: '👍 1, including you' })
    await waitFor(() => expect(screen.getByRole('img', { name: 'plan.png' })).toHaveAttribute('src'))
    await screen.findByRole('link', { name: /Download plan\.pdf/ })
    await screen.findByRole('button', { name: 'Load big.mov' })
    expect(within(thread).getByRole('button', { name: /^In reply to/ })).toBeInTheDocument()
    expect(await violations(container)).toEqual([])

    // The picker open, and a reply being written.
    const replyRow = (await within(thread).findByText('here it is', { selector: '.xk-message__text' })).closest('li')!
    await user.click(within(replyRow).getByRole('button', { name: 'Reply' }))
    await screen.findByRole('button', { name: 'Cancel reply' })
    await user.click(within(replyRow).getByRole('button', { name: 'Add reaction' }))
    expect(within(replyRow).getByRole('group', { name: 'Add reaction' })).toBeInTheDocument()
    expect(await violations(container)).toEqual([])
  })
})
