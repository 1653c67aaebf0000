import type { Meta, StoryObj } from '@storybook/react-vite'
import { defaultLabels, MessageHoldersButton } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_BACKGROUND, dark, expectNoHorizontalOverflow, expectReceived, narrow } from './support/play.js'
import { type BaseScenario, seededInbox, walletScenario } from './support/scenarios.js'
import { failingReads, failingSends, loading } from './support/states.js'
import { scenarioOf, useStoryFrame } from './support/xmtp.js'

/** Who holds the token in these stories: `reachable` (Alice, Bob, Erin) and `off-network` wallets, or none. */
type Holders = 'mixed' | 'off-network' | 'none'
type Props = Omit<React.ComponentProps<typeof MessageHoldersButton>, 'holders' | 'token'> & { holdersOf: Holders }

const holderList = (scenario: BaseScenario, holders: Holders): string[] => {
  const { alice, bob, erin } = scenario.peers
  if (holders === 'none') return []
  const offNetwork = scenario.offNetwork.slice(0, 2)
  return holders === 'off-network' ? offNetwork : [alice!.address, bob!.address, erin!.address, ...offNetwork]
}

const meta = {
  title: 'Components/MessageHoldersButton',
  component: MessageHoldersButton as unknown as (props: Props) => React.ReactNode,
  parameters: { xmtp: seededInbox },
  render: function Render({ holdersOf, ...props }, context) {
    const frame = useStoryFrame()
    const holders = holderList(context.loaded.xmtp as BaseScenario, holdersOf)
    return <div style={{ padding: 16 }}>{frame ? <MessageHoldersButton {...props} container={frame} holders={holders} /> : null}</div>
  },
  args: { holdersOf: 'mixed', onReport: fn() },
} satisfies Meta<Props>

export default meta
type Story = StoryObj<typeof meta>

const page = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body)

/** Opens the dialog and waits for it. */
async function open(canvasElement: HTMLElement) {
  const user = userEvent.setup()
  await user.click(await within(canvasElement).findByRole('button', { name: defaultLabels.messageHolders }))
  return within(await page(canvasElement).findByRole('dialog', { name: defaultLabels.messageHolders }))
}

/** Writes `text` and sends it to the reachable holders. */
async function compose(dialog: ReturnType<typeof within>, text: string, reachable: number) {
  const user = userEvent.setup()
  await user.type(await dialog.findByRole('textbox', { name: defaultLabels.holdersMessage }), text)
  await user.click(dialog.getByRole('button', { name: defaultLabels.holdersSend(reachable) }))
}

/** The report's count for one kind (`reached`, `not-on-network`, `failed`). */
const count = (dialog: ReturnType<typeof within>, term: string) => dialog.getByText(term).nextElementSibling?.textContent

/** Five holders, three on XMTP: one message reaches each of the three in their own conversation. */
export const Default: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { me, peers } = scenarioOf({ loaded })
    const dialog = await open(canvasElement)
    await expect(await dialog.findByText(defaultLabels.holdersReach(3, 2))).toBeVisible()
    await compose(dialog, 'Mint opens Friday 18:00 UTC', 3)
    await dialog.findByText(defaultLabels.holdersReportTitle)
    await expect(count(dialog, defaultLabels.holdersReached)).toBe('3')
    await expect(count(dialog, defaultLabels.holdersNotOnNetwork)).toBe('2')
    await expect(count(dialog, defaultLabels.holdersFailed)).toBe('0')
    await expect(args.onReport).toHaveBeenCalled()
    for (const peer of [peers.alice!, peers.bob!, peers.erin!]) await expectReceived(peer, me.address, 'Mint opens Friday 18:00 UTC')
  },
}

/** No holders. */
export const Empty: Story = {
  args: { holdersOf: 'none' },
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement)
    await expect(await dialog.findByText(defaultLabels.holdersNone)).toBeVisible()
  },
}

/** Nobody on XMTP yet: nothing to send. */
export const NoneReachable: Story = {
  args: { holdersOf: 'off-network' },
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement)
    await expect(await dialog.findByText(defaultLabels.holdersNoneReachable)).toBeVisible()
  },
}

/** Checking who is on XMTP while the network is slow. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox) },
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement)
    await expect(await dialog.findByText(defaultLabels.holdersChecking)).toBeVisible()
  },
}

/** The check cannot reach the network; back online, Try again finds the three. */
export const CheckError: Story = {
  name: 'Error',
  parameters: { xmtp: failingReads(seededInbox) },
  play: async ({ canvasElement, loaded }) => {
    const { transport } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const dialog = await open(canvasElement)
    await expect(await dialog.findByRole('alert')).toHaveTextContent(defaultLabels.holdersCheckFailed)
    transport.failQueries(false)
    await user.click(dialog.getByRole('button', { name: defaultLabels.holdersTryAgain }))
    await expect(await dialog.findByText(defaultLabels.holdersReach(3, 2))).toBeVisible()
  },
}

/** Sending: a progress bar while the network holds the messages. */
export const Sending: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { transport } = scenarioOf({ loaded })
    const dialog = await open(canvasElement)
    await dialog.findByText(defaultLabels.holdersReach(3, 2))
    transport.hold()
    await compose(dialog, 'Snapshot in one hour', 3)
    const progress = await dialog.findByRole('progressbar', { name: defaultLabels.holdersSendProgress })
    await expect(progress).toHaveAttribute('aria-valuemax', '3')
    await expect(dialog.getByRole('button', { name: defaultLabels.holdersCancel })).toBeEnabled()
  },
}

/** Every send fails while offline; back online, "Retry failed" reaches all three. */
export const FailedSend: Story = {
  parameters: { xmtp: failingSends(seededInbox) },
  play: async ({ canvasElement, loaded }) => {
    const { me, peers, transport } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const dialog = await open(canvasElement)
    await dialog.findByText(defaultLabels.holdersReach(3, 2))
    await compose(dialog, 'Claim window extended', 3)
    await dialog.findByText(defaultLabels.holdersReportTitle)
    await expect(count(dialog, defaultLabels.holdersFailed)).toBe('3')
    transport.failPublishes(false)
    await user.click(dialog.getByRole('button', { name: defaultLabels.holdersRetryFailed(3) }))
    await waitFor(() => expect(count(dialog, defaultLabels.holdersReached)).toBe('3'))
    await expect(count(dialog, defaultLabels.holdersFailed)).toBe('0')
    await expectReceived(peers.erin!, me.address, 'Claim window extended')
  },
}

/** No XMTP client yet: the dialog asks for a wallet. */
export const Disconnected: Story = {
  parameters: { xmtp: walletScenario() },
  args: { holdersOf: 'off-network' },
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement)
    await expect(dialog.getByText(defaultLabels.holdersConnect)).toBeVisible()
  },
}

/** The dark theme reaches the portalled dialog. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement }) => {
    await open(canvasElement)
    const dialog = await page(canvasElement).findByRole('dialog', { name: defaultLabels.messageHolders })
    await expect(getComputedStyle(dialog).backgroundColor).toBe(DARK_BACKGROUND)
  },
}

/** 320 px: the dialog and its compose form fit. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement)
    await dialog.findByRole('textbox', { name: defaultLabels.holdersMessage })
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
  },
}
