import type { Meta, StoryObj } from '@storybook/react-vite'
import { loadConsentList } from '@xmtp-kit/client'
import { defaultLabels, RequestBanner } from '@xmtp-kit/components'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { consentOnNetwork, dark, DARK_TEXT, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { longThread, type PeerName, seededInbox } from './support/scenarios.js'
import { failingSends, loading } from './support/states.js'
import { short } from './support/text.js'
import { scenarioOf } from './support/xmtp.js'

type Props = React.ComponentProps<typeof RequestBanner> & { peer: PeerName }

const meta = {
  title: 'Components/RequestBanner',
  component: RequestBanner,
  parameters: { xmtp: seededInbox },
  // The banner for the conversation with `peer`: Dave, an unknown sender, unless a story says otherwise.
  render: ({ peer, ...props }, context) => <RequestBanner {...props} conversation={scenarioOf(context).conversations[peer]} />,
  args: { conversation: undefined, peer: 'dave' } as Props,
} satisfies Meta<Props>

export default meta
type Story = StoryObj<typeof meta>

const banner = (canvasElement: HTMLElement) => within(canvasElement).findByRole('region', { name: defaultLabels.requestTitle })
const button = (region: HTMLElement, name: string) => within(region).getByRole('button', { name })

/** Dave's request. Accept allows him: the banner goes, and the network records the choice. */
export const Default: Story = {
  play: async ({ canvasElement, loaded }) => {
    const scenario = scenarioOf({ loaded })
    const user = userEvent.setup()
    const region = await banner(canvasElement)
    await expect(region).toHaveTextContent(short(scenario.peers.dave!.address))
    await user.click(button(region, defaultLabels.accept))
    await waitFor(() => expect(canvasElement.querySelector('.xk-request-banner')).toBeNull())
    await waitFor(async () => expect(await consentOnNetwork(scenario, scenario.peers.dave!.address)).toBe('allowed'))
  },
}

/** A conversation that is not a request (Alice is allowed): no banner. */
export const Empty: Story = {
  args: { peer: 'alice' },
  play: async ({ canvasElement, loaded }) => {
    // Once the local user's consent list is read, the banner has what it needs to decide.
    await loadConsentList(scenarioOf({ loaded }).me)
    await expect(within(canvasElement).queryByRole('region')).toBeNull()
  },
}

/** Accepting while the network is slow: the banner stays, busy, until the choice is saved. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox) },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    const region = await banner(canvasElement)
    await user.click(button(region, defaultLabels.accept))
    await waitFor(() => expect(region).toHaveAttribute('aria-busy', 'true'))
    await expect(button(region, defaultLabels.accept)).toHaveAttribute('aria-disabled', 'true')
  },
}

/** Accepting fails (offline): the banner says so, offers Try again, and the request stays. */
export const SaveError: Story = {
  name: 'Error',
  parameters: { xmtp: failingSends(seededInbox) },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    const region = await banner(canvasElement)
    await user.click(button(region, defaultLabels.accept))
    await waitFor(() => expect(within(region).getByRole('alert')).toHaveTextContent(defaultLabels.requestFailed))
    await expect(button(region, defaultLabels.retryRequest)).toBeVisible()
    await expect(button(region, defaultLabels.accept)).toBeVisible()
  },
}

/** 10,000 messages with Alice, who wrote first: the local user answered, which allowed her, so no banner. */
export const LongThread: Story = {
  parameters: { xmtp: longThread() },
  args: { peer: 'alice' },
  play: async ({ canvasElement, loaded }) => {
    const scenario = scenarioOf({ loaded })
    await expect(await consentOnNetwork(scenario, scenario.peers.alice!.address)).toBe('allowed')
    await loadConsentList(scenario.me)
    await expect(within(canvasElement).queryByRole('region')).toBeNull()
  },
}

/** Block moves the request to Blocked: the banner goes. */
export const Requests: Story = {
  play: async ({ canvasElement, loaded }) => {
    const scenario = scenarioOf({ loaded })
    const user = userEvent.setup()
    await user.click(button(await banner(canvasElement), defaultLabels.block))
    await waitFor(() => expect(canvasElement.querySelector('.xk-request-banner')).toBeNull())
    await waitFor(async () => expect(await consentOnNetwork(scenario, scenario.peers.dave!.address)).toBe('denied'))
  },
}

/** Blocking fails while offline; back online, Try again blocks. */
export const FailedSend: Story = {
  parameters: { xmtp: failingSends(seededInbox) },
  play: async ({ canvasElement, loaded }) => {
    const scenario = scenarioOf({ loaded })
    const user = userEvent.setup()
    const region = await banner(canvasElement)
    await user.click(button(region, defaultLabels.block))
    await waitFor(() => expect(within(region).getByRole('alert')).toHaveTextContent(defaultLabels.requestFailed))
    scenario.transport.failPublishes(false)
    await user.click(button(region, defaultLabels.retryRequest))
    await waitFor(() => expect(canvasElement.querySelector('.xk-request-banner')).toBeNull())
    await waitFor(async () => expect(await consentOnNetwork(scenario, scenario.peers.dave!.address)).toBe('denied'))
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement }) => {
    const region = await banner(canvasElement)
    await expect(getComputedStyle(region).backgroundColor).toBe('rgb(58, 50, 32)')
    await expect(getComputedStyle(region).color).toBe(DARK_TEXT)
  },
}

/** 320 px: the text wraps and the buttons stay in view. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement }) => {
    const region = await banner(canvasElement)
    await expect(button(region, defaultLabels.block)).toBeVisible()
    expectNoHorizontalOverflow(canvasElement.querySelector('[data-story-frame]')!)
  },
}
