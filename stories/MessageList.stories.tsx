import type { Meta, StoryObj } from '@storybook/react-vite'
import { Composer, defaultLabels, MessageList } from '@xmtp-kit/components'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { LONG_THREAD_LENGTH, longThreadText } from './support/longThread.js'
import { DARK_BACKGROUND, dark, expectNoHorizontalOverflow, messageRows, narrow } from './support/play.js'
import { botReply } from './support/replyBot.js'
import { longThread, newConversation, type PeerName, seededInbox } from './support/scenarios.js'
import { failingReads, failingSends, loading } from './support/states.js'
import { short } from './support/text.js'
import { scenarioOf } from './support/xmtp.js'

type Props = React.ComponentProps<typeof MessageList> & { peer: PeerName; withComposer?: boolean }

const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  // The thread with `peer`, as the local user sees it (and a composer under it when asked).
  render: ({ peer, withComposer, ...props }, context) => {
    const conversation = scenarioOf(context).conversations[peer]
    return (
      <>
        <MessageList {...props} conversation={conversation} />
        {withComposer ? <Composer conversation={conversation} /> : null}
      </>
    )
  },
  args: { conversation: undefined, peer: 'alice', style: { flex: 1, minHeight: 0 } } as Props,
  parameters: { xmtp: seededInbox },
} satisfies Meta<Props>

export default meta
type Story = StoryObj<typeof meta>

const thread = (canvasElement: HTMLElement) => within(canvasElement).findByRole('list', { name: defaultLabels.messageList })

/** Alice's thread: grouped by sender, with a reaction, a reply quoting its parent and an inline image. */
export const Default: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const list = within(await thread(canvasElement))
    await expect(await list.findByText('gm! Did you see the new drop?')).toBeVisible()
    await expect(await list.findByText('Count me in!')).toBeVisible()
    await expect(await list.findByRole('img', { name: 'sunset.png' })).toBeVisible()
    await expect(list.getAllByText(short(peers.alice!.address)).length).toBeGreaterThan(0)
  },
}

/** A conversation with no messages yet. */
export const Empty: Story = {
  parameters: { xmtp: newConversation },
  args: { peer: 'bob' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(defaultLabels.emptyThread)).toBeVisible()
  },
}

/** The first page has not arrived. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent(defaultLabels.loadingMessages)
  },
}

/** The messages cannot be read. */
export const ReadError: Story = {
  name: 'Error',
  parameters: { xmtp: failingReads(seededInbox) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(defaultLabels.messagesFailed)
  },
}

/** 10,000 messages: the newest page shows at the bottom, and only the rows in view are in the DOM. */
export const LongThread: Story = {
  parameters: { xmtp: longThread() },
  play: async ({ canvasElement }) => {
    const list = within(await thread(canvasElement))
    // Rows re-mount as the virtualizer measures them: look again until the newest one stays.
    await waitFor(() => expect(list.getByText(longThreadText(LONG_THREAD_LENGTH - 1))).toBeVisible())
    await expect(list.queryByText(longThreadText(0))).toBeNull()
    await expect(messageRows(canvasElement)).toBeLessThanOrEqual(80)
  },
}

/** A request: the stranger's message shows like any other. */
export const Requests: Story = {
  args: { peer: 'dave' },
  play: async ({ canvasElement }) => {
    const list = within(await thread(canvasElement))
    await expect(await list.findByText('Hi! I saw your post about the DAO vote. Can we talk?')).toBeVisible()
  },
}

/** A message that could not be sent offers Retry; once the network is back, it goes and the peer answers. */
export const FailedSend: Story = {
  parameters: { xmtp: failingSends(seededInbox) },
  args: { withComposer: true },
  play: async ({ canvasElement, loaded }) => {
    const { transport } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    const list = within(await thread(canvasElement))
    await user.type(canvas.getByRole('textbox', { name: defaultLabels.composerLabel }), 'Are you still there?{Enter}')
    await expect(await list.findByText(defaultLabels.failed)).toBeVisible()
    transport.failPublishes(false)
    await user.click(list.getByRole('button', { name: defaultLabels.retry }))
    await waitFor(() => expect(list.queryByText(defaultLabels.failed)).toBeNull())
    await expect(await list.findByText(botReply('Are you still there?'))).toBeVisible()
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement }) => {
    const list = within(await thread(canvasElement))
    await list.findByText('Count me in!')
    await expect(getComputedStyle(canvasElement.querySelector('[data-story-frame]')!).backgroundColor).toBe(DARK_BACKGROUND)
  },
}

/** 320 px wide: bubbles wrap, nothing overflows. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement }) => {
    const list = within(await thread(canvasElement))
    await list.findByRole('img', { name: 'sunset.png' })
    expectNoHorizontalOverflow(canvasElement.querySelector('[data-story-frame]')!)
  },
}
