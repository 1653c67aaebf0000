import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import {
  allow,
  applyConsentProofs,
  broadcast,
  type Client,
  createClient,
  createConsentProofText,
  getConsentState,
  getConversationConsent,
  isValidConsentProof,
  listConversations,
  loadConsentList,
} from '@xmtp-kit/client'
import { SubscribeButton, type SubscribeProof, XMTPUIProvider } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import axe from 'axe-core'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { type CountingWallet, createCountingWallet } from '../support/wallets.js'
import { short } from './support.js'

async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** A wallet that signs once `confirm()` is called (or refuses on `refuse()`), like a user in a wallet prompt. */
function promptingWallet(wallet: CountingWallet = createCountingWallet()) {
  let answer: { resolve: () => void; reject: (e: Error) => void } | undefined
  const signer = {
    getAddress: wallet.getAddress,
    signMessage: async (message: string) => {
      await new Promise<void>((resolve, reject) => (answer = { resolve, reject }))
      return wallet.signMessage(message)
    },
  }
  return {
    signer,
    confirm: () => answer!.resolve(),
    refuse: () => answer!.reject(new Error('User rejected the request.')),
    asked: () => answer !== undefined,
  }
}

/** The subscriber's client (their wallet) in an `XMTPProvider`, and the team's client on the same network. */
async function setup() {
  const net = createTestNetwork()
  const wallet = createCountingWallet()
  const subscriber = await createClient({ signer: wallet, transport: net.transport })
  const team = await net.client()
  return { net, wallet, subscriber, team }
}

describe('SubscribeButton', () => {
  test('default: signs the exact consent text, hands over a valid proof, allows the team, and the team’s broadcast with it lands in the main inbox', async () => {
    const { net, wallet, subscriber, team } = await setup()
    const user = userEvent.setup()
    const prompt = promptingWallet(wallet)
    const proofs: SubscribeProof[] = []
    const { container } = render(
      <XMTPProvider client={subscriber}>
        <SubscribeButton senderAddress={team.address.toLowerCase()} team="Acme DAO" signer={prompt.signer} onSubscribe={(p) => void proofs.push(p)} />
      </XMTPProvider>,
    )
    expect(await violations(container)).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Subscribe to messages from Acme DAO' }))
    await waitFor(() => expect(prompt.asked()).toBe(true))
    expect(screen.getByRole('button', { name: 'Confirm in your wallet…' })).toBeDisabled()
    prompt.confirm()
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Subscribed to messages from Acme DAO'))
    expect(container.firstElementChild).toHaveAttribute('data-state', 'subscribed')
    expect(screen.getByRole('button', { name: 'Unsubscribe' })).toBeEnabled()
    expect(await violations(container)).toEqual([])

    expect(proofs).toHaveLength(1)
    const [proof] = proofs as [SubscribeProof]
    expect(proof).toMatchObject({ address: wallet.address, senderAddress: team.address })
    // Over the text the SDK rebuilds: the checksummed sender and the time in UTC.
    expect(await wallet.signMessage(createConsentProofText(proof.timestamp, team.address))).toBe(proof.signature)
    expect(isValidConsentProof({ proof, senderAddress: team.address, recipientAddress: wallet.address })).toBe(true)
    expect(getConsentState(subscriber, team.address)).toBe('allowed')

    // Another device of the subscriber (a fresh client of the same keys) sees the team allowed, and the
    // team's broadcast with the proof arrives there as allowed.
    await broadcast(team, { recipients: [wallet.address], content: 'welcome', conversationFor: () => ({ consentProof: proof }) })
    const device = await createClient({ keys: subscriber.exportKeys(), transport: net.transport, publishContact: false })
    const [conversation] = await listConversations(device)
    await loadConsentList(device)
    expect(getConversationConsent(device, conversation!)).toBe('allowed')
    expect(conversation!.consentProof).toEqual({ signature: proof.signature, timestamp: proof.timestamp })
  })

  test('behavior: Unsubscribe denies the team and calls onUnsubscribe; subscribing again allows it again', async () => {
    const { wallet, subscriber, team } = await setup()
    await allow(subscriber, [team.address])
    const user = userEvent.setup()
    const revoked: unknown[] = []
    const proofs: SubscribeProof[] = []
    const { container } = render(
      <XMTPProvider client={subscriber}>
        <SubscribeButton senderAddress={team.address} team="Acme" signer={wallet} onSubscribe={(p) => void proofs.push(p)} onUnsubscribe={(s) => void revoked.push(s)} />
      </XMTPProvider>,
    )
    // Already allowed: subscribed from the consent list.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Subscribed to messages from Acme'))
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Unsubscribed: Acme can no longer reach your inbox.'))
    expect(container.firstElementChild).toHaveAttribute('data-state', 'unsubscribed')
    expect(revoked).toEqual([{ address: wallet.address, senderAddress: team.address }])
    expect(getConsentState(subscriber, team.address)).toBe('denied')
    // On the network too.
    const device = await createClient({ keys: subscriber.exportKeys(), transport: subscriber.transport, publishContact: false })
    await loadConsentList(device)
    expect(getConsentState(device, team.address)).toBe('denied')
    expect(await violations(container)).toEqual([])

    // A proof alone would not undo a deny (it is honoured only for unknown senders): subscribing allows again.
    await user.click(screen.getByRole('button', { name: 'Subscribe to messages from Acme' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Subscribed to messages from Acme'))
    expect(proofs).toHaveLength(1)
    expect(getConsentState(subscriber, team.address)).toBe('allowed')
  })

  test('behavior: a refused signature or a failing onSubscribe shows an error with Try again; nothing is allowed until it succeeds', async () => {
    const { wallet, subscriber, team } = await setup()
    const user = userEvent.setup()
    const prompt = promptingWallet(wallet)
    let failSaves = 1
    const proofs: SubscribeProof[] = []
    const { container } = render(
      <XMTPProvider client={subscriber}>
        <SubscribeButton
          senderAddress={team.address}
          team="Acme"
          signer={prompt.signer}
          onSubscribe={async (p) => {
            if (failSaves-- > 0) throw new Error('server down')
            proofs.push(p)
          }}
        />
      </XMTPProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Subscribe to messages from Acme' }))
    await waitFor(() => expect(prompt.asked()).toBe(true))
    prompt.refuse()
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not subscribe.')
    expect(await violations(container)).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Try again' }))
    prompt.confirm()
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not subscribe.')
    expect(getConsentState(subscriber, team.address)).toBe('unknown')

    await user.click(screen.getByRole('button', { name: 'Try again' }))
    prompt.confirm()
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Subscribed to messages from Acme'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(proofs).toHaveLength(1)
  })

  test('behavior: a signature that does not recover to the wallet is refused as a proof', async () => {
    const { subscriber, team } = await setup()
    const user = userEvent.setup()
    const other = createCountingWallet()
    // Claims the subscriber's address, signs with another key (as a smart-contract wallet's signature would not recover).
    const signer = { getAddress: async () => subscriber.address, signMessage: (m: string) => other.signMessage(m) }
    const proofs: SubscribeProof[] = []
    render(
      <XMTPProvider client={subscriber}>
        <SubscribeButton senderAddress={team.address} team="Acme" signer={signer} onSubscribe={(p) => void proofs.push(p)} />
      </XMTPProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Subscribe to messages from Acme' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This wallet’s signature cannot be used as a consent proof.')
    expect(proofs).toEqual([])
    expect(getConsentState(subscriber, team.address)).toBe('unknown')
  })

  test('parameters: signer without an XMTP client: the proof alone lets the team into the inbox once the wallet joins', async () => {
    const net = createTestNetwork()
    const team = await net.client()
    const wallet = createCountingWallet()
    const user = userEvent.setup()
    const proofs: SubscribeProof[] = []
    render(
      <XMTPProvider transport={net.transport}>
        <SubscribeButton senderAddress={team.address} team="Acme" signer={wallet} onSubscribe={(p) => void proofs.push(p)} />
      </XMTPProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Subscribe to messages from Acme' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Subscribed to messages from Acme'))
    // No client, no onUnsubscribe: nothing to revoke from here.
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull()

    // Later the wallet joins XMTP; the team had sent with the proof.
    const subscriber: Client = await createClient({ signer: wallet, transport: net.transport })
    await broadcast(team, { recipients: [wallet.address], content: 'gm', conversationFor: () => ({ consentProof: proofs[0] }) })
    const conversations = await listConversations(subscriber)
    expect(await applyConsentProofs(subscriber, conversations)).toEqual([team.address])
    expect(getConversationConsent(subscriber, conversations[0]!)).toBe('allowed')
  })

  test('parameters: no signer, subscribed (controlled), team from the UI provider, labels, theme, className, style, ref', async () => {
    const { subscriber, team } = await setup()
    const ref = createRef<HTMLDivElement>()
    const { rerender, container } = render(
      <XMTPProvider client={subscriber}>
        <SubscribeButton ref={ref} senderAddress={team.address} signer={undefined} onSubscribe={() => undefined} className="mine" style={{ margin: 3 }} theme="dark" data-testid="sub" />
      </XMTPProvider>,
    )
    expect(screen.getByRole('button', { name: `Subscribe to messages from ${short(team.address)}` })).toBeDisabled()
    expect(screen.getByRole('status')).toHaveTextContent('Connect a wallet to subscribe.')
    expect(ref.current).toBe(screen.getByTestId('sub'))
    expect(ref.current).toHaveClass('xk-root', 'xk-subscribe', 'mine')
    expect(ref.current).toHaveAttribute('data-theme', 'dark')
    expect(ref.current).toHaveStyle({ margin: '3px' })
    expect(await violations(container)).toEqual([])

    const resolveIdentity = async (address: string) => (address === team.address ? { name: 'acme.eth' } : null)
    rerender(
      <XMTPProvider client={subscriber}>
        <XMTPUIProvider resolveIdentity={resolveIdentity}>
          <SubscribeButton
            senderAddress={team.address}
            signer={undefined}
            subscribed
            onSubscribe={() => undefined}
            labels={{ subscribed: (t) => `Following ${t}`, unsubscribe: 'Stop' }}
          />
        </XMTPUIProvider>
      </XMTPProvider>,
    )
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Following acme.eth'))
    expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled()
  })
})
