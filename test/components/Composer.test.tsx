import { screen, waitFor } from '@testing-library/react'
import { type Conversation, startConversation } from '@xmtp-kit/client'
import { Composer } from '@xmtp-kit/components'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient } from './support.js'

describe('Composer', () => {
  test('behavior: disabled with a reason when the peer cannot be messaged', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    // A wallet that never registered on the network.
    const nobody = '0x000000000000000000000000000000000000dEaD'
    const conversation: Conversation = {
      topic: '/xmtp/0/m-nobody/proto',
      version: 'v2',
      peerAddress: nobody,
      createdNs: 1n,
      context: undefined,
      consentProof: undefined,
      createdByMe: true,
    }
    renderWithClient(me, <Composer conversation={conversation} />)
    const box = screen.getByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toHaveAccessibleDescription('This wallet is not on XMTP yet, so it cannot receive messages.'))
    expect(box).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
  })

  test('parameters: onSend, the Send button, labels, ref', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const conversation = await startConversation(me, { peerAddress: alice.address })
    const sent: string[] = []
    const ref = createRef<HTMLFormElement>()
    const { user } = renderWithClient(me, <Composer ref={ref} className="c" conversation={conversation} onSend={(t) => sent.push(t)} labels={{ send: 'Go' }} />)
    expect(ref.current).toHaveClass('xk-composer', 'c')
    const box = screen.getByRole('textbox', { name: 'Message' })
    await user.type(box, '  gm  ')
    await user.click(screen.getByRole('button', { name: 'Go' }))
    expect(sent).toEqual(['gm'])
    expect(box).toHaveValue('')
    expect(screen.getByRole('button', { name: 'Go' })).toBeDisabled()
  })
})
