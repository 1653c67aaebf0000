// @vitest-environment node
import type { Conversation } from '@xmtp-kit/client'
import { Composer, Inbox, MessageList } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test, vi } from 'vitest'

const conversation: Conversation = {
  topic: '/xmtp/0/m-server/proto',
  version: 'v2',
  peerAddress: '0x1234567890abcdef1234567890abcdef12345678',
  createdNs: 1n,
  context: undefined,
  consentProof: undefined,
  createdByMe: true,
}

/** A wallet the server never asks to sign (effects do not run there). */
const wallet = { getAddress: async () => conversation.peerAddress, signMessage: async () => '0x' }

describe('thread (server)', () => {
  test('behavior: with a wallet given, MessageList, Composer and an Inbox with a conversation open render to a string (loading), without warnings', () => {
    const errors = vi.spyOn(console, 'error')
    const html = renderToString(
      <XMTPProvider url="http://127.0.0.1:1" signer={wallet}>
        <MessageList conversation={conversation} />
        <Composer conversation={conversation} />
        <Inbox defaultConversation={conversation} />
      </XMTPProvider>,
    )
    expect(html).toContain('class="xk-message-list"')
    expect(html).toContain('Loading messages…')
    expect(html).toContain('class="xk-composer"')
    expect(html).toContain('0x1234…5678')
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })

  test('behavior: with no wallet given, the list and the thread say a wallet is needed', () => {
    const html = renderToString(
      <XMTPProvider url="http://127.0.0.1:1">
        <Inbox defaultConversation={conversation} />
      </XMTPProvider>,
    )
    expect(html.match(/Connect a wallet to see your messages\./g)).toHaveLength(2)
    expect(html).not.toContain('Loading')
  })
})
