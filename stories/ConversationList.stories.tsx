import type { Meta, StoryObj } from '@storybook/react-vite'
import { sendMessage, TransportError } from '@xmtp-kit/client'
import { ConversationList, defaultLabels } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { LONG_THREAD_LENGTH, longThreadText } from './support/longThread.js'
import { DARK_BACKGROUND, DARK_TEXT, dark, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { botReply } from './support/replyBot.js'
import { emptyInbox, longThread, seededInbox } from './support/scenarios.js'
import { failingReads, failingSends, loading } from './support/states.js'
import { short } from './support/text.js'
import { scenarioOf } from './support/xmtp.js'

const meta = {
  title: 'Components/ConversationList',
  component: ConversationList,
  parameters: { xmtp: () => seededInbox({ listed: false }) },
  args: { onSelect: fn(), style: { flex: 1, minHeight: 0 } },
} satisfies Meta<typeof ConversationList>

export default meta
type Story = StoryObj<typeof meta>

const option = (canvasElement: HTMLElement, address: string) => within(canvasElement).findByRole('option', { name: new RegExp(short(address)) })
const tab = (canvasElement: HTMLElement, name: string) => within(canvasElement).getByRole('tab', { name: new RegExp(`^${name}`) })

/** Primary: previews and unread badges. Arrow keys move between rows, Enter selects. */
export const Default: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const carol = await option(canvasElement, peers.carol!.address)
    await expect(carol).toHaveTextContent('No rush, tomorrow is fine.')
    // Her two messages are unread (the count covers at least the newest, which the client has seen).
    await expect(within(carol).getByLabelText(new RegExp(`^(${defaultLabels.unread(1)}|${defaultLabels.unread(2)})$`))).toBeVisible()
    await waitFor(() => expect(within(canvasElement).getAllByRole('option')).toHaveLength(3))
    const [first, second] = within(canvasElement).getAllByRole('option') as [HTMLElement, HTMLElement]
    first.focus()
    await user.keyboard('{ArrowDown}')
    await expect(second).toHaveFocus()
    await user.keyboard('{Enter}')
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ peerAddress: second.title }))
  },
}

/** A new wallet: nothing in any view. */
export const Empty: Story = {
  parameters: { xmtp: () => emptyInbox({ listed: false }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(defaultLabels.emptyConversations)).toBeVisible()
    for (const view of [defaultLabels.viewPrimary, defaultLabels.viewRequests, defaultLabels.viewBlocked]) {
      await expect(tab(canvasElement, view)).toHaveTextContent('0')
    }
  },
}

/** The conversations have not arrived. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox, { listed: false }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(defaultLabels.loadingConversations)).toBeVisible()
  },
}

/** The conversations cannot be read. */
export const ReadError: Story = {
  name: 'Error',
  parameters: { xmtp: failingReads(seededInbox, { listed: false }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(defaultLabels.conversationsError)
  },
}

/** A conversation of 10,000 messages: its row previews the newest. */
export const LongThread: Story = {
  parameters: { xmtp: () => longThread()({ listed: false }) },
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const row = await option(canvasElement, peers.alice!.address)
    await waitFor(() => expect(row).toHaveTextContent(longThreadText(LONG_THREAD_LENGTH - 1)))
  },
}

/** Requests holds Dave (an unknown sender); Blocked holds Mallory. */
export const Requests: Story = {
  args: { defaultView: 'requests' },
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    await expect(await option(canvasElement, peers.dave!.address)).toHaveTextContent('Can we talk?')
    await expect(tab(canvasElement, defaultLabels.viewRequests)).toHaveAttribute('aria-selected', 'true')
    await expect(within(canvasElement).getAllByRole('option')).toHaveLength(1)
    await user.click(tab(canvasElement, defaultLabels.viewBlocked))
    await expect(await option(canvasElement, peers.mallory!.address)).toHaveTextContent('Claim your airdrop')
  },
}

/** A send that fails never becomes a row's preview; once it goes, the preview follows, then the answer. */
export const FailedSend: Story = {
  parameters: { xmtp: failingSends(seededInbox) },
  play: async ({ canvasElement, loaded }) => {
    const { me, conversations, peers, transport } = scenarioOf({ loaded })
    const row = await option(canvasElement, peers.bob!.address)
    await expect(row).toHaveTextContent('Sure, after 6.')
    await expect(sendMessage(me, { conversation: conversations.bob!, content: 'Running late' })).rejects.toBeInstanceOf(TransportError)
    await expect(row).toHaveTextContent('Sure, after 6.')
    transport.failPublishes(false)
    await sendMessage(me, { conversation: conversations.bob!, content: 'Running late' })
    await waitFor(() => expect(row).toHaveTextContent(botReply('Running late')))
  },
}

/** The dark theme's tokens reach the rows. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const row = await option(canvasElement, peers.alice!.address)
    await expect(getComputedStyle(canvasElement.querySelector('[data-story-frame]')!).backgroundColor).toBe(DARK_BACKGROUND)
    await expect(getComputedStyle(row).color).toBe(DARK_TEXT)
  },
}

/** 320 px: names and previews are cut with an ellipsis, nothing overflows. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    await option(canvasElement, peers.alice!.address)
    expectNoHorizontalOverflow(canvasElement.querySelector('[data-story-frame]')!)
  },
}
