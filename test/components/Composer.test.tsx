import { screen, waitFor, within } from '@testing-library/react'
import {
  type Attachment,
  type Client,
  ContentTypeAttachment,
  ContentTypeReply,
  type Conversation,
  isSameContentType,
  listMessages,
  type MessageItem,
  type Reply,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { Composer, MessageList } from '@xmtp-kit/components'
import { createRef, useState } from 'react'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient, short } from './support.js'

async function pair() {
  const net = createTestNetwork()
  const [me, alice] = await Promise.all([net.client(), net.client()])
  const fromAlice = await startConversation(alice, { peerAddress: me.address })
  const mine = await startConversation(me, { peerAddress: alice.address })
  return { me, alice, fromAlice, mine }
}

/** The latest message of a conversation as a thread item of `client` (what a MessageList hands to onReply). */
async function asSeenBy(client: Client, conversation: Conversation): Promise<MessageItem> {
  const message = (await listMessages(client, { conversation })).at(-1)!
  return { ...message, key: message.id, deliveryStatus: 'sent', sendError: undefined }
}

const fileInput = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[type="file"]')!

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
    expect(screen.getByRole('button', { name: 'Attach a file' })).toBeDisabled()
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

  test('behavior: a picked file is sent as an attachment: the thread shows it at once, the peer receives it', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const { user, container } = renderWithClient(
      me,
      <>
        <MessageList conversation={mine} />
        <Composer conversation={mine} />
      </>,
    )
    await waitFor(() => expect(screen.getByRole('button', { name: 'Attach a file' })).toBeEnabled())
    const bytes = new TextEncoder().encode('minutes of the meeting')
    await user.upload(fileInput(container), new File([bytes], 'minutes.txt', { type: 'text/plain' }))
    const link = await screen.findByRole('link', { name: `Download minutes.txt (${bytes.length} bytes)` })
    await waitFor(() => expect(link.closest('li')).toHaveAttribute('data-delivery', 'sent'))
    await waitFor(async () => {
      const received = await listMessages(alice, { conversation: fromAlice })
      const file = received.find((m) => isSameContentType(m.contentType, ContentTypeAttachment))
      expect(file?.content).toMatchObject({ filename: 'minutes.txt', mimeType: 'text/plain' })
      expect(new TextDecoder().decode((file!.content as Attachment).data)).toBe('minutes of the meeting')
    })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('parameters: maxAttachmentBytes: a larger file shows why, and nothing is sent', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const { user, container } = renderWithClient(
      me,
      <>
        <MessageList conversation={mine} />
        <Composer conversation={mine} maxAttachmentBytes={1000} />
      </>,
    )
    await waitFor(() => expect(screen.getByRole('button', { name: 'Attach a file' })).toBeEnabled())
    await user.upload(fileInput(container), new File([new Uint8Array(2500)], 'scan.pdf', { type: 'application/pdf' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('“scan.pdf” is too large to send (2.5 KB). Files can be up to 1 KB.')
    expect(screen.getByText('No messages yet. Say hello!')).toBeInTheDocument()

    // A file within the limit goes, and the error clears.
    await user.upload(fileInput(container), new File([new Uint8Array(1000)], 'small.bin'))
    await screen.findByRole('link', { name: 'Download small.bin (1 KB)' })
    expect(screen.queryByRole('alert')).toBeNull()
    await waitFor(async () => expect(await listMessages(alice, { conversation: fromAlice })).toHaveLength(1))
    expect((await listMessages(alice, { conversation: fromAlice }))[0]!.content).toMatchObject({ filename: 'small.bin', mimeType: 'application/octet-stream' })
  })

  test('default: files over 1,000,000 bytes are refused (inline attachments travel inside the message)', async () => {
    const { me, mine } = await pair()
    const { user, container } = renderWithClient(me, <Composer conversation={mine} />)
    await waitFor(() => expect(screen.getByRole('button', { name: 'Attach a file' })).toBeEnabled())
    await user.upload(fileInput(container), new File([new Uint8Array(2_400_000)], 'video.mp4', { type: 'video/mp4' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('“video.mp4” is too large to send (2.4 MB). Files can be up to 1 MB.')
  })

  test('behavior: with replyTo, the message is quoted above the input and the text goes out as a reply; the target then clears', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    const question = await sendMessage(alice, { conversation: fromAlice, content: 'coffee at 3?' })
    const target = await asSeenBy(me, mine)
    const cleared: string[] = []
    function Harness() {
      const [replyTo, setReplyTo] = useState<MessageItem | undefined>(target)
      return (
        <Composer
          conversation={mine}
          replyTo={replyTo}
          onCancelReply={() => {
            cleared.push('cleared')
            setReplyTo(undefined)
          }}
        />
      )
    }
    const { user } = renderWithClient(me, <Harness />)
    const box = screen.getByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(box).toBeEnabled())
    expect(box).toHaveAccessibleDescription(`Replying to ${short(alice.address)} coffee at 3?`)
    await user.type(box, 'sure{Enter}')
    expect(cleared).toEqual(['cleared'])
    expect(screen.queryByRole('button', { name: 'Cancel reply' })).toBeNull()
    await waitFor(async () => {
      const reply = (await listMessages(alice, { conversation: fromAlice })).find((m) => isSameContentType(m.contentType, ContentTypeReply))
      expect(reply?.content).toMatchObject({ reference: question.id, content: 'sure' } satisfies Partial<Reply>)
    })
  })

  test('behavior: Cancel reply and Escape clear the reply target; focus returns to the input', async () => {
    const { me, alice, fromAlice, mine } = await pair()
    await sendMessage(alice, { conversation: fromAlice, content: 'ready?' })
    const target = await asSeenBy(me, mine)
    function Harness() {
      const [replyTo, setReplyTo] = useState<MessageItem | undefined>(target)
      return (
        <>
          <button type="button" onClick={() => setReplyTo(target)}>
            again
          </button>
          <Composer conversation={mine} replyTo={replyTo} onCancelReply={() => setReplyTo(undefined)} />
        </>
      )
    }
    const { user, container } = renderWithClient(me, <Harness />)
    const box = screen.getByRole('textbox', { name: 'Message' })
    const preview = container.querySelector('.xk-composer__reply')!
    expect(within(preview as HTMLElement).getByText('ready?')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Cancel reply' }))
    expect(container.querySelector('.xk-composer__reply')).toBeNull()
    expect(box).toHaveFocus()

    await user.click(screen.getByRole('button', { name: 'again' }))
    await user.click(box)
    await user.keyboard('{Escape}')
    expect(container.querySelector('.xk-composer__reply')).toBeNull()
    // Not a reply any more: the text goes out as a plain message.
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'plain{Enter}')
    await waitFor(async () => expect((await listMessages(alice, { conversation: fromAlice })).map((m) => m.content)).toContain('plain'))
  })
})
