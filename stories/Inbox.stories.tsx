import type { Meta, StoryObj } from '@storybook/react-vite'
import { Inbox } from '@xmtp-kit/components'
import { expect, userEvent, within } from 'storybook/test'
import { botReply } from './support/replyBot.js'
import { seededInbox } from './support/scenarios.js'
import { short } from './support/text.js'
import { scenarioOf, xmtp } from './support/xmtp.js'

const meta = {
  title: 'Components/Inbox',
  component: Inbox,
  loaders: [xmtp(seededInbox)],
  args: { style: { flex: 1, minHeight: 0 } },
} satisfies Meta<typeof Inbox>

export default meta
type Story = StoryObj<typeof meta>

/** The seeded inbox: open Alice's conversation, send a message, and her reply bot answers. */
export const Default: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { peers } = scenarioOf({ loaded })
    const canvas = within(canvasElement)
    const user = userEvent.setup()
    await user.click(await canvas.findByRole('option', { name: new RegExp(short(peers.alice!.address)) }))
    const box = await canvas.findByRole('textbox', { name: 'Message' })
    await expect(box).toBeEnabled()
    await user.type(box, 'See you at 8{Enter}')
    const thread = canvas.getByRole('list', { name: 'Messages' })
    await expect(await within(thread).findByText('See you at 8')).toBeVisible()
    await expect(await within(thread).findByText(botReply('See you at 8'))).toBeVisible()
  },
}
