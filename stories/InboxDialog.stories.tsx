import type { Meta, StoryObj } from '@storybook/react-vite'
import { defaultLabels, InboxDialog } from '@xmtp-kit/components'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DARK_BACKGROUND, dark, expectNoHorizontalOverflow, narrow } from './support/play.js'
import { botReply } from './support/replyBot.js'
import { emptyInbox, seededInbox } from './support/scenarios.js'
import { loading } from './support/states.js'
import { short } from './support/text.js'
import { scenarioOf, useStoryFrame } from './support/xmtp.js'

const meta = {
  title: 'Components/InboxDialog',
  component: InboxDialog,
  parameters: { xmtp: () => seededInbox({ listed: false }) },
  render: function Render(args) {
    // Portalled into the story frame, so that the narrow frame lays the dialog out at 320 px.
    const frame = useStoryFrame()
    return frame ? <InboxDialog container={frame} {...args} /> : <></>
  },
  args: { trigger: <button type="button">Messages</button>, onOpenChange: fn() },
} satisfies Meta<typeof InboxDialog>

export default meta
type Story = StoryObj<typeof meta>

/** Radix portals the dialog into the frame; query the whole document. */
const page = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body)

/** The trigger opens a titled dialog with the inbox; Escape closes it and gives the focus back. */
export const Default: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const trigger = await page(canvasElement).findByRole('button', { name: 'Messages' })
    await user.click(trigger)
    const dialog = await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle })
    await expect(args.onOpenChange).toHaveBeenCalledWith(true)
    await expect(await within(dialog).findByRole('option', { name: new RegExp(short(peers.alice!.address)) })).toBeVisible()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).toBeNull())
    await expect(trigger).toHaveFocus()
  },
}

/** Open on Alice's conversation: a message sent from the dialog gets her answer. */
export const OpenOnConversation: Story = {
  parameters: { xmtp: seededInbox },
  render: function Render(args, context) {
    const frame = useStoryFrame()
    return frame ? <InboxDialog container={frame} {...args} defaultOpen defaultConversation={scenarioOf(context).conversations.alice} /> : <></>
  },
  play: async ({ canvasElement }) => {
    const user = userEvent.setup()
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle }))
    const box = await dialog.findByRole('textbox', { name: defaultLabels.composerLabel })
    await waitFor(() => expect(box).toBeEnabled())
    await user.type(box, 'Hi from the dialog{Enter}')
    await expect(await dialog.findByText(botReply('Hi from the dialog'))).toBeVisible()
  },
}

/** A new wallet: the dialog opens on an empty inbox. */
export const Empty: Story = {
  parameters: { xmtp: () => emptyInbox({ listed: false }) },
  args: { defaultOpen: true },
  play: async ({ canvasElement }) => {
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle }))
    await expect(await dialog.findByText(defaultLabels.emptyConversations)).toBeVisible()
  },
}

/** The conversations have not arrived. */
export const Loading: Story = {
  parameters: { xmtp: loading(seededInbox, { listed: false }) },
  args: { defaultOpen: true },
  play: async ({ canvasElement }) => {
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle }))
    await expect(await dialog.findByText(defaultLabels.loadingConversations)).toBeVisible()
  },
}

/** The dark theme reaches the portalled dialog. */
export const Dark: Story = {
  globals: dark,
  args: { defaultOpen: true },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle })
    await expect(dialog).toHaveAttribute('data-theme', 'dark')
    await expect(getComputedStyle(dialog).backgroundColor).toBe(DARK_BACKGROUND)
  },
}

/** 320 px: the dialog fits the narrow frame, and closes with its button. */
export const Narrow: Story = {
  globals: narrow,
  args: { defaultOpen: true },
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const user = userEvent.setup()
    const dialog = await page(canvasElement).findByRole('dialog', { name: defaultLabels.dialogTitle })
    await within(dialog).findByRole('option', { name: new RegExp(short(peers.alice!.address)) })
    expectNoHorizontalOverflow(canvasElement.querySelector<HTMLElement>('[data-story-frame]')!)
    await user.click(within(dialog).getByRole('button', { name: defaultLabels.close }))
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).toBeNull())
  },
}
