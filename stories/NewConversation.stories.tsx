import type { Meta, StoryObj } from '@storybook/react-vite'
import { defaultLabels, NewConversation } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_BACKGROUND, dark, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { seededInbox } from './support/scenarios.js'
import { failingReads, loading } from './support/states.js'
import { scenarioOf } from './support/xmtp.js'

const meta = {
  title: 'Components/NewConversation',
  component: NewConversation,
  parameters: { xmtp: seededInbox },
  args: { onConversation: fn(), style: { padding: 16 } },
} satisfies Meta<typeof NewConversation>

export default meta
type Story = StoryObj<typeof meta>

const input = (canvasElement: HTMLElement) => within(canvasElement).getByRole('textbox', { name: defaultLabels.recipientLabel })
const submit = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button', { name: defaultLabels.startConversation })

/** Types `text` into the recipient field and submits. */
async function enter(canvasElement: HTMLElement, text: string) {
  const user = userEvent.setup()
  await user.click(input(canvasElement))
  if (text !== '') await user.paste(text)
  await waitFor(() => expect(submit(canvasElement)).toBeEnabled())
  await user.click(submit(canvasElement))
}

/** Erin's address: checked to be on XMTP, then the conversation starts and the field clears. */
export const Default: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    await enter(canvasElement, peers.erin!.address)
    await waitFor(() => expect(args.onConversation).toHaveBeenCalledWith(expect.objectContaining({ peerAddress: peers.erin!.address })))
    await expect(input(canvasElement)).toHaveValue('')
  },
}

/** A name, looked up through `resolveAddress` (here a small directory standing in for ENS). */
export const Name: Story = {
  render: function Render(args, context) {
    const { peers } = scenarioOf(context)
    const directory: Record<string, string> = { 'erin.eth': peers.erin!.address }
    return <NewConversation {...args} resolveAddress={async (name) => directory[name]} />
  },
  play: async ({ args, canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    await enter(canvasElement, 'erin.eth')
    await waitFor(() => expect(args.onConversation).toHaveBeenCalledWith(expect.objectContaining({ peerAddress: peers.erin!.address })))
    await enter(canvasElement, 'nobody.eth')
    await expect(await within(canvasElement).findByText(defaultLabels.nameNotFound('nobody.eth'))).toBeVisible()
  },
}

/** Submitting nothing asks for a recipient. */
export const Empty: Story = {
  play: async ({ args, canvasElement }) => {
    await enter(canvasElement, '')
    await expect(await within(canvasElement).findByText(defaultLabels.recipientRequired)).toBeVisible()
    await expect(args.onConversation).not.toHaveBeenCalled()
  },
}

/** Neither an address nor a name. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    await enter(canvasElement, 'hello there')
    await expect(await within(canvasElement).findByText(defaultLabels.invalidRecipient)).toBeVisible()
    await expect(input(canvasElement)).toHaveAttribute('aria-invalid', 'true')
  },
}

/** A mixed-case address with a typo in its checksum is caught as typed. */
export const BadChecksum: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const address = peers.erin!.address
    // Flip the case of the first letter after 0x: same hex, wrong EIP-55 checksum.
    const at = address.slice(2).search(/[a-fA-F]/) + 2
    const typo = address.slice(0, at) + (address[at] === address[at]!.toLowerCase() ? address[at]!.toUpperCase() : address[at]!.toLowerCase()) + address.slice(at + 1)
    const user = userEvent.setup()
    await user.click(input(canvasElement))
    await user.paste(typo)
    await expect(await within(canvasElement).findByText(defaultLabels.badChecksum)).toBeVisible()
  },
}

/** A wallet without XMTP is refused before anything is started. */
export const NotOnXmtp: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { offNetwork } = scenarioOf({ loaded })
    const user = userEvent.setup()
    await user.click(input(canvasElement))
    await user.paste(offNetwork[0]!)
    await expect(await within(canvasElement).findByText(defaultLabels.peerNotOnXmtp)).toBeVisible()
    await expect(args.onConversation).not.toHaveBeenCalled()
  },
}

/** While the network is slow, the form is busy. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox) },
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    await enter(canvasElement, peers.erin!.address)
    await waitFor(() => expect(canvasElement.querySelector('form')).toHaveAttribute('aria-busy', 'true'))
    await expect(submit(canvasElement)).toBeDisabled()
  },
}

/** The check cannot reach the network: the form says so. */
export const CheckError: Story = {
  name: 'Error',
  parameters: { xmtp: failingReads(seededInbox) },
  play: async ({ args, canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    await enter(canvasElement, peers.erin!.address)
    await expect(await within(canvasElement).findByText(defaultLabels.checkFailed)).toBeVisible()
    await expect(args.onConversation).not.toHaveBeenCalled()
  },
}

/** The dark theme. */
export const Dark: Story = {
  globals: dark,
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(canvasElement.querySelector('form')!).backgroundColor).toBe(DARK_BACKGROUND)
  },
}

/** 320 px: the field and the button fit. */
export const Narrow: Story = {
  globals: narrow,
  play: async ({ canvasElement }) => {
    await expect(submit(canvasElement)).toBeVisible()
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
  },
}
