import type { Meta, StoryObj } from '@storybook/react-vite'
import { Avatar, avatarGradient, type IdentityResolver, XMTPUIProvider } from '@xmtp-kit/components'
import { expect, waitFor } from 'storybook/test'

const ALICE = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4'
const BOB = '0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2'

/** A picture drawn on a canvas, as a `data:image/png` URL (the resolver accepts `https:` and `data:image/…`). */
function portrait(): string {
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = 72
  const context = canvas.getContext('2d')!
  context.fillStyle = '#1f6feb'
  context.fillRect(0, 0, 72, 72)
  context.fillStyle = '#ffd33d'
  context.beginPath()
  context.arc(36, 30, 14, 0, Math.PI * 2)
  context.fill()
  context.fillRect(14, 48, 44, 24)
  return canvas.toDataURL('image/png')
}

const meta = {
  title: 'Components/Avatar',
  component: Avatar,
  args: { address: ALICE, size: 48 },
  decorators: [(Story) => <div style={{ display: 'flex', gap: 12, padding: 16 }}>{<Story />}</div>],
} satisfies Meta<typeof Avatar>

export default meta
type Story = StoryObj<typeof meta>

/** Without a resolver: a gradient derived from the address, the same every time, decorative for screen readers. */
export const Default: Story = {
  render: (args) => (
    <>
      <Avatar {...args} data-testid="first" />
      <Avatar {...args} data-testid="again" />
      <Avatar {...args} address={BOB} data-testid="other" />
    </>
  ),
  play: async ({ canvas }) => {
    const [first, again, other] = ['first', 'again', 'other'].map((id) => canvas.getByTestId(id))
    await expect(first).toHaveAttribute('aria-hidden', 'true')
    await expect(first!.style.background).toBe(again!.style.background)
    await expect(first!.style.background).not.toBe(other!.style.background)
    await expect(avatarGradient(ALICE)).toBe(avatarGradient(ALICE.toLowerCase()))
  },
}

/** With a resolver that has a picture: the image shows over the gradient. */
export const Image: Story = {
  render: (args) => {
    const resolve: IdentityResolver = async () => ({ name: 'alice.eth', avatarUrl: portrait() })
    return (
      <XMTPUIProvider resolveIdentity={resolve}>
        <Avatar {...args} data-testid="avatar" />
      </XMTPUIProvider>
    )
  },
  play: async ({ canvas }) => {
    const avatar = canvas.getByTestId('avatar')
    await waitFor(() => expect(avatar.querySelector('img')).not.toBeNull())
    await expect(avatar.querySelector('img')!.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  },
}

/** The broken picture's lookup answers once the play function is watching. */
let answerBroken: () => void = () => undefined

/** A picture that does not load falls back to the gradient; an unsafe URL is never used. */
export const BrokenImage: Story = {
  render: (args) => {
    const answered = new Promise<void>((resolve) => (answerBroken = resolve))
    const broken: IdentityResolver = async () => {
      await answered
      return { avatarUrl: 'data:image/png;base64,AAAA' }
    }
    const unsafe: IdentityResolver = async () => ({ avatarUrl: 'javascript:alert(1)' })
    return (
      <>
        <XMTPUIProvider resolveIdentity={broken}>
          <Avatar {...args} data-testid="broken" />
        </XMTPUIProvider>
        <XMTPUIProvider resolveIdentity={unsafe}>
          <Avatar {...args} address={BOB} data-testid="unsafe" />
        </XMTPUIProvider>
      </>
    )
  },
  play: async ({ canvas }) => {
    const broken = canvas.getByTestId('broken')
    let tried = false
    const observer = new MutationObserver(() => (tried ||= broken.querySelector('img') !== null))
    observer.observe(broken, { childList: true })
    answerBroken()
    // The image is tried, fails to decode, and is dropped.
    await waitFor(() => expect(tried && broken.querySelector('img') === null).toBe(true))
    observer.disconnect()
    await expect(broken.style.background).toContain('linear-gradient')
    await expect(canvas.getByTestId('unsafe').querySelector('img')).toBeNull()
  },
}

/** Sizes through the `size` prop (the `--xk-avatar-size` token). */
export const Sizes: Story = {
  render: (args) => (
    <>
      {[24, 36, 64].map((size) => (
        <Avatar key={size} {...args} size={size} data-testid={`size-${size}`} />
      ))}
    </>
  ),
  play: async ({ canvas }) => {
    for (const size of [24, 36, 64]) await expect(canvas.getByTestId(`size-${size}`).getBoundingClientRect().width).toBe(size)
  },
}
