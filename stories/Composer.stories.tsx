import type { Meta, StoryObj } from '@storybook/react-vite'
import { Composer, defaultLabels, MessageList } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_TEXT, dark, expectNoHorizontalOverflow, expectOnNetwork, narrow, networkTexts } from './support/play.js'
import { botReply } from './support/replyBot.js'
import { longThread, newConversation, type PeerName, seededInbox } from './support/scenarios.js'
import { failingSends, loading } from './support/states.js'
import { scenarioOf } from './support/xmtp.js'

type Props = React.ComponentProps<typeof Composer> & { peer: PeerName; withThread?: boolean }

const meta = {
  title: 'Components/Composer',
  component: Composer,
  parameters: { xmtp: seededInbox },
  // The composer for the conversation with `peer` (under its thread when asked), at the bottom of the frame.
  render: ({ peer, withThread, ...props }, context) => {
    const conversation = scenarioOf(context).conversations[peer]
    return (
      <>
        {withThread ? <MessageList conversation={conversation} style={{ flex: 1, minHeight: 0 }} /> : <div style={{ flex: 1 }} />}
        <Composer {...props} conversation={conversation} />
      </>
    )
  },
  args: { conversation: undefined, peer: 'alice', onSend: fn() } as Props,
} satisfies Meta<Props>

export default meta
type Story = StoryObj<typeof meta>

const input = (canvasElement: HTMLElement) => within(canvasElement).getByRole('textbox', { name: defaultLabels.composerLabel })

/** Enter sends (the peer receives it), Shift+Enter starts a new line. */
export const Default: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { conversations, peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const box = input(canvasElement)
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}line two')
    await expect(box).toHaveValue('Line one\nline two')
    await user.keyboard('{Enter}')
    await expect(box).toHaveValue('')
    await expect(args.onSend).toHaveBeenCalledWith('Line one\nline two')
    await expectOnNetwork(peers.alice!, conversations.alice!, 'Line one\nline two')
  },
}

/** The first message of a new conversation; the send button waits for text. */
export const Empty: Story = {
  parameters: { xmtp: newConversation },
  args: { peer: 'bob' },
  play: async ({ canvasElement, loaded }) => {
    const { conversations, me } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    const send = canvas.getByRole('button', { name: defaultLabels.send })
    await expect(send).toBeDisabled()
    await user.type(input(canvasElement), 'Hello Bob')
    await expect(send).toBeEnabled()
    await user.click(send)
    await expectOnNetwork(me, conversations.bob!, botReply('Hello Bob'))
  },
}

/** The connection stalls: the text is taken at once and goes out when the network answers. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox) },
  play: async ({ canvasElement, loaded }) => {
    const { conversations, peers, transport } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const box = input(canvasElement)
    await user.type(box, 'Sent from a slow train{Enter}')
    await expect(box).toHaveValue('')
    await expect(await networkTexts(peers.alice!, conversations.alice!)).not.toContain('Sent from a slow train')
    transport.resume()
    await expectOnNetwork(peers.alice!, conversations.alice!, 'Sent from a slow train')
  },
}

/** A file over the size limit is refused with an error, and nothing is sent. */
export const FileTooLarge: Story = {
  name: 'Error',
  args: { maxAttachmentBytes: 1000 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    const file = new File([new Uint8Array(5000)], 'whitepaper.pdf', { type: 'application/pdf' })
    await user.upload(canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!, file)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('whitepaper.pdf')
  },
}

/** In a conversation of 10,000 messages, sending is as quick as anywhere, and the peer answers. */
export const LongThread: Story = {
  parameters: { xmtp: longThread() },
  play: async ({ canvasElement, loaded }) => {
    const { conversations, peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    await user.type(input(canvasElement), 'Scrolling back is a workout{Enter}')
    await expectOnNetwork(peers.alice!, conversations.alice!, botReply('Scrolling back is a workout'))
  },
}

/** Answering a request (Dave wrote first): the message goes, and Dave answers. */
export const Requests: Story = {
  args: { peer: 'dave' },
  play: async ({ canvasElement, loaded }) => {
    const { conversations, peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    await user.type(input(canvasElement), 'Sure, what is on your mind?{Enter}')
    await expectOnNetwork(peers.dave!, conversations.dave!, botReply('Sure, what is on your mind?'))
  },
}

/** The composer under its thread: a failed send shows Retry in the thread, and Retry delivers it. */
export const FailedSend: Story = {
  parameters: { xmtp: failingSends(seededInbox) },
  args: { withThread: true },
  play: async ({ canvasElement, loaded }) => {
    const { conversations, peers, transport } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    await user.type(input(canvasElement), 'Did this go through?{Enter}')
    await expect(await canvas.findByText(defaultLabels.failed)).toBeVisible()
    transport.failPublishes(false)
    await user.click(canvas.getByRole('button', { name: defaultLabels.retry }))
    await expectOnNetwork(peers.alice!, conversations.alice!, 'Did this go through?')
    await waitFor(() => expect(canvas.queryByText(defaultLabels.failed)).toBeNull())
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(input(canvasElement)).color).toBe(DARK_TEXT)
  },
}

/** 320 px: the input shrinks, the buttons stay in view. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement }) => {
    const frame = canvasElement.querySelector<HTMLElement>('[data-story-frame]')!
    await expect(within(canvasElement).getByRole('button', { name: defaultLabels.send })).toBeVisible()
    expectNoHorizontalOverflow(frame)
  },
}
