import { render, screen, waitFor } from '@testing-library/react'
import { type AvatarProps, Avatar, Inbox, type IdentityResolver, XMTPUIProvider, avatarGradient, useIdentity } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'

const ADDRESS = '0x1234567890abcdef1234567890abcdef12345678'

function Name({ address }: { address: string }) {
  const { displayName } = useIdentity(address)
  return <span data-testid="name">{displayName}</span>
}

describe('XMTPUIProvider', () => {
  test('labels: the provider overrides the defaults, a nested provider wins, a component prop wins over both', async () => {
    const me = await createTestNetwork().client()
    render(
      <XMTPProvider client={me}>
        <XMTPUIProvider labels={{ viewPrimary: 'Principal', viewRequests: 'Demandes' }}>
          <XMTPUIProvider labels={{ viewRequests: 'Solicitudes' }}>
            <Inbox labels={{ viewBlocked: 'Bloqués' }} />
          </XMTPUIProvider>
        </XMTPUIProvider>
      </XMTPProvider>,
    )
    expect(await screen.findByRole('tab', { name: /Principal/ })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: /Solicitudes/ })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: /Bloqués/ })).toBeInTheDocument()
  })

  test('theme: the provider sets the theme of components that have none', async () => {
    const me = await createTestNetwork().client()
    const { container } = render(
      <XMTPProvider client={me}>
        <XMTPUIProvider theme="dark">
          <Inbox />
          <Inbox theme="light" />
        </XMTPUIProvider>
      </XMTPProvider>,
    )
    const roots = container.querySelectorAll('.xk-inbox')
    expect([...roots].map((r) => r.getAttribute('data-theme'))).toEqual(['dark', 'light'])
  })

  test('identity: the short address first, then the resolved name; one lookup per address and resolver', async () => {
    let calls = 0
    const resolve: IdentityResolver = async () => {
      calls++
      return { name: 'vitalik.eth' }
    }
    render(
      <XMTPUIProvider resolveIdentity={resolve}>
        <Name address={ADDRESS} />
        <Name address={ADDRESS.toUpperCase().replace('0X', '0x')} />
      </XMTPUIProvider>,
    )
    expect(screen.getAllByTestId('name')[0]).toHaveTextContent('0x1234…5678')
    await waitFor(() => expect(screen.getAllByTestId('name').map((n) => n.textContent)).toEqual(['vitalik.eth', 'vitalik.eth']))
    expect(calls).toBe(1)
  })

  test('identity: a failing resolver and an unsafe avatar URL fall back to the short address and the gradient', async () => {
    const failing: IdentityResolver = async () => {
      throw new Error('rpc down')
    }
    const unsafe: IdentityResolver = async () => ({ name: 'x.eth', avatarUrl: 'javascript:alert(1)' })
    const { container } = render(
      <>
        <XMTPUIProvider resolveIdentity={failing}>
          <Name address={ADDRESS} />
        </XMTPUIProvider>
        <XMTPUIProvider resolveIdentity={unsafe}>
          <Avatar address={ADDRESS} />
        </XMTPUIProvider>
      </>,
    )
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByTestId('name')).toHaveTextContent('0x1234…5678')
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('.xk-avatar')).toHaveAttribute('aria-hidden', 'true')
  })

  test('avatar: the resolved https image, else a deterministic gradient; the Avatar slot replaces it', async () => {
    const resolve: IdentityResolver = async () => ({ name: 'a.eth', avatarUrl: 'https://example.test/a.png' })
    function Initials({ address }: AvatarProps) {
      return <span data-testid="custom">{address.slice(2, 4)}</span>
    }
    const { container } = render(
      <>
        <XMTPUIProvider resolveIdentity={resolve}>
          <Avatar address={ADDRESS} size={48} />
        </XMTPUIProvider>
        <XMTPUIProvider components={{ Avatar: Initials }}>
          <Avatar address={ADDRESS} />
        </XMTPUIProvider>
      </>,
    )
    await waitFor(() => expect(container.querySelector('img')).toHaveAttribute('src', 'https://example.test/a.png'))
    expect(avatarGradient(ADDRESS)).toBe(avatarGradient(ADDRESS.toUpperCase().replace('0X', '0x')))
    expect(avatarGradient(ADDRESS)).not.toBe(avatarGradient('0x0000000000000000000000000000000000000001'))
    expect(screen.getByTestId('custom')).toHaveTextContent('12')
  })
})
