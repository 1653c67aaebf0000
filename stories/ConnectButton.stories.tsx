import type { Meta, StoryObj } from '@storybook/react-vite'
import { ConnectButton, defaultLabels } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_TEXT, dark, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { walletScenario } from './support/scenarios.js'
import { walletScenarioOf } from './support/xmtp.js'

const meta = {
  title: 'Components/ConnectButton',
  component: ConnectButton,
  parameters: { xmtp: walletScenario() },
  // The scenario's wallet, connected to the app; messaging is enabled with its signer.
  render: (args, context) => {
    const { wallet } = walletScenarioOf(context)
    return <ConnectButton address={wallet.address} signer={wallet.signer} {...args} />
  },
  args: { onConnect: fn(), onDisconnect: fn(), style: { padding: 16 } },
} satisfies Meta<typeof ConnectButton>

export default meta
type Story = StoryObj<typeof meta>

const status = (canvasElement: HTMLElement) => within(canvasElement).getByRole('status')
const named = (canvasElement: HTMLElement, name: string) => within(canvasElement).getByRole('button', { name })

/** A connected wallet: "Enable messaging" signs in to XMTP; Disconnect logs out of both. */
export const Default: Story = {
  play: async ({ args, canvasElement }) => {
    const user = userEvent.setup()
    await expect(status(canvasElement)).toHaveTextContent(defaultLabels.messagingIdle)
    await user.click(named(canvasElement, defaultLabels.enableMessaging))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.messagingReady))
    await user.click(named(canvasElement, defaultLabels.disconnect))
    await expect(args.onDisconnect).toHaveBeenCalled()
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.messagingIdle))
  },
}

/** No wallet: "Connect wallet" asks the app to connect one. */
export const Disconnected: Story = {
  render: (args) => <ConnectButton {...args} />,
  play: async ({ args, canvasElement }) => {
    const user = userEvent.setup()
    await user.click(named(canvasElement, defaultLabels.connectWallet))
    await expect(args.onConnect).toHaveBeenCalled()
  },
}

/** The wallet is connecting: the button is busy. */
export const ConnectingWallet: Story = {
  render: (args) => <ConnectButton {...args} connecting />,
  play: async ({ canvasElement }) => {
    const button = named(canvasElement, defaultLabels.connectingWallet)
    await expect(button).toBeDisabled()
    await expect(button).toHaveAttribute('aria-busy', 'true')
  },
}

/** The wallet is asked to sign and has not answered yet. */
export const Loading: Story = {
  parameters: { xmtp: walletScenario('neverAnswers') },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    await user.click(named(canvasElement, defaultLabels.enableMessaging))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.messagingSigning))
  },
}

/** The user declines the signature: the failure shows with Try again, which signs in when approved. */
export const Declined: Story = {
  name: 'Error',
  parameters: { xmtp: walletScenario('declinesOnce') },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    await user.click(named(canvasElement, defaultLabels.enableMessaging))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.messagingError))
    await user.click(named(canvasElement, defaultLabels.tryAgain))
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent(defaultLabels.messagingReady))
  },
}

/** Connecting the wallet failed: the reason shows next to the button. */
export const WalletError: Story = {
  render: (args) => <ConnectButton {...args} connectError={new Error('The wallet extension is locked.')} />,
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(defaultLabels.walletConnectFailed)
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(canvasElement.querySelector('.xk-connect-button')!).color).toBe(DARK_TEXT)
  },
}

/** 320 px: the wallet, the status and the buttons wrap inside the width. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement }) => {
    await expect(named(canvasElement, defaultLabels.disconnect)).toBeVisible()
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
  },
}
