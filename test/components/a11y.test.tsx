import { screen, waitFor } from '@testing-library/react'
import { allow, sendMessage, startConversation } from '@xmtp-kit/client'
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

describe('Inbox accessibility (axe)', () => {
  test('behavior: no violations in the list, a thread, and a request', async () => {
    const net = createTestNetwork()
    const [me, alice, bob] = await Promise.all([net.client(), net.client(), net.client()])
    await sendMessage(alice, { conversation: await startConversation(alice, { peerAddress: me.address }), content: 'hi' })
    await sendMessage(bob, { conversation: await startConversation(bob, { peerAddress: me.address }), content: 'gm' })
    await allow(me, [alice.address])
    const { user, container } = renderWithClient(me, <Inbox />)

    const aliceRow = await screen.findByRole('option', { name: new RegExp(short(alice.address)) })
    expect(await violations(container)).toEqual([])

    await user.click(aliceRow)
    await screen.findByRole('list', { name: 'Messages' })
    expect(await violations(container)).toEqual([])

    await user.click(screen.getByRole('tab', { name: /Requests/ }))
    await user.click(await screen.findByRole('option', { name: new RegExp(short(bob.address)) }))
    await screen.findByRole('region', { name: 'Message request' })
    await waitFor(() => expect(screen.getByRole('list', { name: 'Messages' })).toHaveTextContent('gm'))
    expect(await violations(container)).toEqual([])
  })
})
