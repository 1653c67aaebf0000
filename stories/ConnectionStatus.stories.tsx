import type { Meta, StoryObj } from '@storybook/react-vite'
import { ConnectionStatus, defaultLabels, Inbox } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { dark, DARK_TEXT, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { seededInbox } from './support/scenarios.js'
import { scenarioOf } from './support/xmtp.js'

const meta = {
  title: 'Components/ConnectionStatus',
  component: ConnectionStatus,
  parameters: { xmtp: () => seededInbox({ listed: false }) },
  // The banner above an inbox, whose streams it reports on.
  render: (args) => (
    <>
      <ConnectionStatus {...args} />
      <Inbox style={{ flex: 1, minHeight: 0 }} />
    </>
  ),
} satisfies Meta<typeof ConnectionStatus>

export default meta
type Story = StoryObj<typeof meta>

/** The banner (a polite live region, always in the page). */
const banner = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('.xk-connection-status')!
const live = async (canvasElement: HTMLElement) => {
  await within(canvasElement).findAllByRole('option')
  await waitFor(() => expect(banner(canvasElement)).toHaveAttribute('data-status', 'live'))
}

/** Live: nothing to say, so the region is empty. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await live(canvasElement)
    await expect(banner(canvasElement)).toHaveAttribute('role', 'status')
    await expect(banner(canvasElement)).toBeEmptyDOMElement()
  },
}

/** The node goes away: "Reconnecting…" while the streams retry, and nothing once they are back. */
export const Reconnecting: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { network } = scenarioOf({ loaded })
    await live(canvasElement)
    network.setOffline(true)
    await waitFor(() => expect(banner(canvasElement)).toHaveTextContent(defaultLabels.connectionReconnecting))
    network.setOffline(false)
    await waitFor(() => expect(banner(canvasElement)).toBeEmptyDOMElement(), { timeout: 15_000 })
  },
}

/** The node cannot be reached from the start: "Connecting…". */
export const Loading: Story = {
  parameters: {
    xmtp: async () => {
      const scenario = await seededInbox({ listed: false })
      scenario.network.setOffline(true)
      return scenario
    },
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(banner(canvasElement)).toHaveTextContent(defaultLabels.connectionConnecting))
  },
}

/** With `onRetry`, the banner offers Retry. */
export const WithRetry: Story = {
  name: 'Error',
  args: { onRetry: fn() },
  play: async ({ args, canvasElement, loaded }) => {
    const { network } = scenarioOf({ loaded })
    const user = userEvent.setup()
    await live(canvasElement)
    network.setOffline(true)
    const retry = await within(banner(canvasElement)).findByRole('button', { name: defaultLabels.connectionRetry })
    await user.click(retry)
    await expect(args.onRetry).toHaveBeenCalled()
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement, loaded }) => {
    const { network } = scenarioOf({ loaded })
    await live(canvasElement)
    network.setOffline(true)
    await waitFor(() => expect(banner(canvasElement)).toHaveTextContent(defaultLabels.connectionReconnecting))
    await expect(getComputedStyle(banner(canvasElement)).color).toBe(DARK_TEXT)
  },
}

/** 320 px: the banner wraps. */
export const Narrow: Story = {
  globals: narrow,
  args: { onRetry: fn() },
  play: async ({ canvasElement, loaded }) => {
    const { network } = scenarioOf({ loaded })
    await live(canvasElement)
    network.setOffline(true)
    await within(banner(canvasElement)).findByRole('button', { name: defaultLabels.connectionRetry })
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
  },
}
