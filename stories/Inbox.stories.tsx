import type { Meta, StoryObj } from '@storybook/react-vite'
import { defaultLabels, Inbox, type IdentityResolver, XMTPUIProvider } from '@xmtp-kit/components'
import { useMemo } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { LONG_THREAD_LENGTH, longThreadText } from './support/longThread.js'
import { DARK_BACKGROUND, dark, expectNoHorizontalOverflow, messageRows, narrow } from './support/play.js'
import { botReply } from './support/replyBot.js'
import { emptyInbox, longThread, seededInbox, walletScenario } from './support/scenarios.js'
import { failingReads, failingSends, loading } from './support/states.js'
import { short } from './support/text.js'
import { scenarioOf } from './support/xmtp.js'

const meta = {
  title: 'Components/Inbox',
  component: Inbox,
  parameters: { xmtp: () => seededInbox({ listed: false }) },
  args: { style: { flex: 1, minHeight: 0 } },
} satisfies Meta<typeof Inbox>

export default meta
type Story = StoryObj<typeof meta>

const option = (canvasElement: HTMLElement, address: string) => within(canvasElement).findByRole('option', { name: new RegExp(short(address)) })
const tab = (canvasElement: HTMLElement, name: string) => within(canvasElement).getByRole('tab', { name: new RegExp(`^${name}`) })

/** The seeded inbox: open Alice's conversation, send a message, and her reply bot answers. */
export const Default: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    await user.click(await option(canvasElement, peers.alice!.address))
    const box = await canvas.findByRole('textbox', { name: defaultLabels.composerLabel })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'See you at 8{Enter}')
    const thread = within(canvas.getByRole('list', { name: defaultLabels.messageList }))
    await expect(await thread.findByText('See you at 8')).toBeVisible()
    await expect(await thread.findByText(botReply('See you at 8'))).toBeVisible()
  },
}

/** A new wallet: no conversations in any view. */
export const Empty: Story = {
  parameters: { xmtp: () => emptyInbox({ listed: false }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText(defaultLabels.emptyConversations)).toBeVisible()
    await expect(tab(canvasElement, defaultLabels.viewPrimary)).toHaveTextContent('0')
    await expect(canvas.queryByRole('option')).toBeNull()
  },
}

/** No wallet connected yet: the list and the thread pane say what is needed instead of loading forever. */
export const NoWallet: Story = {
  parameters: { xmtp: walletScenario() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getAllByText(defaultLabels.noWallet)).toHaveLength(2))
    await expect(canvas.queryByText(defaultLabels.loadingConversations)).toBeNull()
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

/** A conversation of 10,000 messages, open: the newest at the bottom, a bounded DOM, and it still answers. */
export const LongThread: Story = {
  parameters: { xmtp: longThread() },
  render: (args, context) => <Inbox {...args} defaultConversation={scenarioOf(context).conversations.alice} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    const thread = within(await canvas.findByRole('list', { name: defaultLabels.messageList }))
    await waitFor(() => expect(thread.getByText(longThreadText(LONG_THREAD_LENGTH - 1))).toBeVisible())
    await expect(messageRows(canvasElement)).toBeLessThanOrEqual(80)
    const box = canvas.getByRole('textbox', { name: defaultLabels.composerLabel })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'Still here?{Enter}')
    await waitFor(() => expect(thread.getByText(botReply('Still here?'))).toBeVisible())
  },
}

/** Requests: Dave wrote first. Accepting moves him to Primary; Mallory is in Blocked. */
export const Requests: Story = {
  args: { defaultView: 'requests' },
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    await user.click(await option(canvasElement, peers.dave!.address))
    const banner = await canvas.findByRole('region', { name: defaultLabels.requestTitle })
    await waitFor(() => expect(tab(canvasElement, defaultLabels.viewPrimary)).toHaveTextContent('3'))
    await user.click(within(banner).getByRole('button', { name: defaultLabels.accept }))
    await waitFor(() => expect(tab(canvasElement, defaultLabels.viewPrimary)).toHaveTextContent('4'))
    await expect(tab(canvasElement, defaultLabels.viewRequests)).toHaveTextContent('0')
    await waitFor(() => expect(canvas.queryByRole('region', { name: defaultLabels.requestTitle })).toBeNull())
    await user.click(tab(canvasElement, defaultLabels.viewBlocked))
    await expect(await option(canvasElement, peers.mallory!.address)).toBeVisible()
  },
}

/** A send fails while offline and shows Retry; back online, Retry delivers it and the peer answers. */
export const FailedSend: Story = {
  parameters: { xmtp: failingSends(seededInbox, { listed: false }) },
  play: async ({ canvasElement, loaded }) => {
    const { peers, transport } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    await user.click(await option(canvasElement, peers.carol!.address))
    const box = await canvas.findByRole('textbox', { name: defaultLabels.composerLabel })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'Slides are ready{Enter}')
    const thread = within(canvas.getByRole('list', { name: defaultLabels.messageList }))
    await expect(await thread.findByText(defaultLabels.failed)).toBeVisible()
    transport.failPublishes(false)
    await user.click(thread.getByRole('button', { name: defaultLabels.retry }))
    await expect(await thread.findByText(botReply('Slides are ready'))).toBeVisible()
    await expect(thread.queryByText(defaultLabels.failed)).toBeNull()
  },
}

/** The dark theme, through the toolbar's theme (the `XMTPUIProvider` theme). */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    await option(canvasElement, peers.alice!.address)
    const root = canvasElement.querySelector<HTMLElement>('.xk-inbox')!
    await expect(root).toHaveAttribute('data-theme', 'dark')
    await expect(getComputedStyle(root).backgroundColor).toBe(DARK_BACKGROUND)
  },
}

/** 320 px: one pane at a time. Opening a conversation shows its thread; Back returns to the list. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    const frame = canvasElement.querySelector<HTMLElement>('[data-story-frame]')!
    const row = await option(canvasElement, peers.alice!.address)
    await expect(canvas.queryByText(defaultLabels.selectConversation)).not.toBeVisible()
    expectNoHorizontalOverflow(frame)
    await user.click(row)
    const back = await canvas.findByRole('button', { name: defaultLabels.back })
    await expect(back).toBeVisible()
    // The list pane is hidden (display: none), so it leaves the accessibility tree.
    await expect(canvas.queryByRole('listbox')).toBeNull()
    await within(canvas.getByRole('list', { name: defaultLabels.messageList })).findByText('Count me in!')
    expectNoHorizontalOverflow(frame)
    await user.click(back)
    await expect(await option(canvasElement, peers.alice!.address)).toBeVisible()
  },
}

/** Names from a resolver (here a small directory standing in for ENS): the list and the header show them. */
export const WithNames: Story = {
  render: function Render(args, context) {
    const { peers } = scenarioOf(context)
    const resolve = useMemo<IdentityResolver>(() => {
      const names = new Map(Object.entries(peers).map(([name, client]) => [client.address.toLowerCase(), `${name}.eth`]))
      return async (address) => ({ name: names.get(address.toLowerCase()) })
    }, [peers])
    return (
      <XMTPUIProvider resolveIdentity={resolve}>
        <Inbox {...args} />
      </XMTPUIProvider>
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    await user.click(await canvas.findByRole('option', { name: /alice\.eth/ }))
    await expect(await canvas.findByRole('heading', { name: 'alice.eth' })).toBeVisible()
  },
}
