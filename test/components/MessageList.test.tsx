import { screen, waitFor, within } from '@testing-library/react'
import { startConversation, type Transport } from '@xmtp-kit/client'
import { Composer, MessageList } from '@xmtp-kit/components'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient } from './support.js'

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
})
