import type { Meta, StoryObj } from '@storybook/react-vite'
import { defaultLabels, SubscribeButton } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_TEXT, dark, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { walletScenario } from './support/scenarios.js'
import { walletScenarioOf } from './support/xmtp.js'

const TEAM = 'Acme DAO'

const meta = {
  title: 'Components/SubscribeButton',
  component: SubscribeButton,
  parameters: { xmtp: walletScenario() },
  // The scenario's wallet subscribes to Alice's team; the team would store the proof it is handed.
  render: (args, context) => {
    const { wallet, peers } = walletScenarioOf(context)
    return <SubscribeButton {...args} senderAddress={peers.alice!.address} signer={wallet.signer} />
  },
  args: { team: TEAM, senderAddress: '', signer: undefined, onSubscribe: fn(), onUnsubscribe: fn(), style: { padding: 16 } },
} satisfies Meta<typeof SubscribeButton>

export default meta
type Story = StoryObj<typeof meta>

const status = (canvasElement: HTMLElement) => within(canvasElement).getByRole('status')
const named = (canvasElement: HTMLElement, name: string) => within(canvasElement).getByRole('button', { name })

/** Subscribe signs the consent text and hands the proof over; Unsubscribe revokes it. */
export const Default: Story = {
  play: async ({ args, canvasElement }) => {
    const user = userEvent.setup()
    await user.click(named(canvasElement, defaultLabels.subscribe(TEAM)))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.subscribed(TEAM)))
    await expect(args.onSubscribe).toHaveBeenCalledWith(expect.objectContaining({ signature: expect.stringMatching(/^0x[0-9a-f]{130}$/) }))
    await user.click(named(canvasElement, defaultLabels.unsubscribe))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.unsubscribed(TEAM)))
    await expect(args.onUnsubscribe).toHaveBeenCalled()
  },
}

/** Already subscribed (the team holds the proof). */
export const Subscribed: Story = {
  args: { subscribed: true },
  play: async ({ canvasElement }) => {
    await expect(status(canvasElement)).toHaveTextContent(defaultLabels.subscribed(TEAM))
    await expect(named(canvasElement, defaultLabels.unsubscribe)).toBeEnabled()
  },
}

/** The wallet is asked to sign and has not answered yet. */
export const Loading: Story = {
  parameters: { xmtp: walletScenario('neverAnswers') },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    await user.click(named(canvasElement, defaultLabels.subscribe(TEAM)))
    const busy = await within(canvasElement).findByRole('button', { name: defaultLabels.subscribeSigning })
    await expect(busy).toBeDisabled()
    await expect(busy).toHaveAttribute('aria-busy', 'true')
  },
}

/** The user declines the signature: the failure shows with Try again, which subscribes when approved. */
export const Declined: Story = {
  name: 'Error',
  parameters: { xmtp: walletScenario('declinesOnce') },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    await user.click(named(canvasElement, defaultLabels.subscribe(TEAM)))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(defaultLabels.subscribeFailed)
    await user.click(named(canvasElement, defaultLabels.subscribeTryAgain))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.subscribed(TEAM)))
  },
}

/** No wallet connected: the button is disabled and says why. */
export const NoWallet: Story = {
  render: (args, context) => <SubscribeButton {...args} senderAddress={walletScenarioOf(context).peers.alice!.address} signer={undefined} />,
  play: async ({ canvasElement }) => {
    await expect(named(canvasElement, defaultLabels.subscribe(TEAM))).toBeDisabled()
    await expect(status(canvasElement)).toHaveTextContent(defaultLabels.subscribeNoWallet)
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  args: { subscribed: true },
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(canvasElement.querySelector('.xk-subscribe__state')!).color).toBe(DARK_TEXT)
  },
}

/** 320 px: a long team name wraps inside the width. */
export const Narrow: Story = {
  globals: narrow,
  args: { team: 'The Extremely Long Named Decentralized Autonomous Organization' },
  play: async ({ canvasElement }) => {
    await expect(named(canvasElement, defaultLabels.subscribe('The Extremely Long Named Decentralized Autonomous Organization'))).toBeVisible()
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
  },
}
