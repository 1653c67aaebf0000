import type { Meta, StoryObj } from '@storybook/react-vite'
import { defaultLabels, MessageButton } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_TEXT, dark, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { botReply } from './support/replyBot.js'
import { type PeerName, seededInbox, walletScenario } from './support/scenarios.js'
import { failingReads, loading } from './support/states.js'
import { scenarioOf, useStoryFrame, walletScenarioOf } from './support/xmtp.js'

type Props = Omit<React.ComponentProps<typeof MessageButton>, 'peerAddress'> & {
  /** A seeded peer, `'off-network'` (a wallet without XMTP) or `'self'` (the local user). */
  peer: PeerName | 'off-network' | 'self'
}

const meta = {
  title: 'Components/MessageButton',
  component: MessageButton as unknown as (props: Props) => React.ReactNode,
  parameters: { xmtp: seededInbox },
  render: function Render({ peer, ...props }, context) {
    const frame = useStoryFrame()
    const scenario = context.loaded.xmtp as ReturnType<typeof scenarioOf>
    const address = peer === 'off-network' ? scenario.offNetwork[0]! : peer === 'self' ? scenario.me.address : scenario.peers[peer]!.address
    return <div style={{ padding: 16 }}>{frame ? <MessageButton {...props} container={frame} peerAddress={address} /> : null}</div>
  },
  args: { peer: 'erin', onConversation: fn() },
} satisfies Meta<Props>

export default meta
type Story = StoryObj<typeof meta>

const page = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body)
const button = (canvasElement: HTMLElement) => within(canvasElement).findByRole('button', { name: defaultLabels.messageButton })

/** Erin is on XMTP: the button starts the conversation and opens it; she answers. */
export const Default: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const trigger = await button(canvasElement)
    await waitFor(() => expect(trigger).toHaveAttribute('data-status', 'ready'))
    await user.click(trigger)
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle }))
    await expect(args.onConversation).toHaveBeenCalledWith(expect.objectContaining({ peerAddress: peers.erin!.address }))
    const box = await dialog.findByRole('textbox', { name: defaultLabels.composerLabel })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'Is the listing still up?{Enter}')
    await expect(await dialog.findByText(botReply('Is the listing still up?'))).toBeVisible()
  },
}

/** An existing conversation (Alice) is reused, with its history. */
export const ExistingConversation: Story = {
  args: { peer: 'alice' },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    const trigger = await button(canvasElement)
    await waitFor(() => expect(trigger).toHaveAttribute('data-status', 'ready'))
    await user.click(trigger)
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle }))
    await expect(await dialog.findByText('Count me in!')).toBeVisible()
  },
}

/** A wallet without XMTP: disabled, with the reason. */
export const NotOnXmtp: Story = {
  args: { peer: 'off-network' },
  play: async ({ canvasElement }) => {
    const trigger = await button(canvasElement)
    await waitFor(() => expect(trigger).toBeDisabled())
    await expect(trigger).toHaveAccessibleDescription(defaultLabels.peerNotOnXmtp)
  },
}

/** One's own wallet: disabled, with the reason. */
export const Self: Story = {
  args: { peer: 'self' },
  play: async ({ canvasElement }) => {
    const trigger = await button(canvasElement)
    await expect(trigger).toBeDisabled()
    await expect(trigger).toHaveAccessibleDescription(defaultLabels.cannotMessageSelf)
  },
}

/** Checking the peer: busy until the network answers. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox) },
  play: async ({ canvasElement }) => {
    const trigger = await button(canvasElement)
    await expect(trigger).toHaveAttribute('data-status', 'checking')
    await expect(trigger).toHaveAttribute('aria-busy', 'true')
    await expect(trigger).toBeDisabled()
  },
}

/** The check fails: the reason shows, and the button stays usable to try again. */
export const CheckError: Story = {
  name: 'Error',
  parameters: { xmtp: failingReads(seededInbox) },
  play: async ({ canvasElement }) => {
    const trigger = await button(canvasElement)
    await waitFor(() => expect(trigger).toHaveAttribute('data-status', 'error'))
    await expect(trigger).toHaveAccessibleDescription(defaultLabels.checkFailed)
  },
}

/** No XMTP client yet: a click asks the app to connect a wallet. */
export const Disconnected: Story = {
  parameters: { xmtp: walletScenario() },
  render: function Render(props, context) {
    const { peers } = walletScenarioOf(context)
    return (
      <div style={{ padding: 16 }}>
        <MessageButton onConnectRequest={props.onConnectRequest} peerAddress={peers.alice!.address} />
      </div>
    )
  },
  args: { onConnectRequest: fn() },
  play: async ({ args, canvasElement }) => {
    const user = userEvent.setup()
    const trigger = await button(canvasElement)
    await expect(trigger).toHaveAttribute('data-status', 'disconnected')
    await user.click(trigger)
    await expect(args.onConnectRequest).toHaveBeenCalled()
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  args: { peer: 'off-network' },
  play: async ({ canvasElement }) => {
    const trigger = await button(canvasElement)
    await waitFor(() => expect(trigger).toBeDisabled())
    const hint = within(canvasElement).getByText(defaultLabels.peerNotOnXmtp)
    await expect(getComputedStyle(hint.closest('.xk-message-button')!).color).toBe(DARK_TEXT)
  },
}

/** 320 px: the hint wraps under the button. */
export const Narrow: Story = {
  globals: narrow,
  args: { peer: 'off-network' },
  play: async ({ canvasElement }) => {
    await waitFor(async () => expect(await button(canvasElement)).toBeDisabled())
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
  },
}
