import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { ConnectButton, XMTPUIProvider } from '@xmtp-kit/components'
import { WagmiConnectButton } from '@xmtp-kit/components/wagmi'
import { XMTPProvider, useClient } from '@xmtp-kit/react'
import { useSignerFromWagmi } from '@xmtp-kit/react/wagmi'
import axe from 'axe-core'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createRef, type ReactNode } from 'react'
import { http } from 'viem'
import { generatePrivateKey, type LocalAccount, privateKeyToAccount } from 'viem/accounts'
import { createConfig, WagmiProvider } from 'wagmi'
import { mock } from 'wagmi/connectors'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { createTestNetwork } from '../react/support.js'
import { startSigningRpc } from '../react/wagmiSupport.js'
import { short } from './support.js'

async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** A viem local account as a signer that signs once `confirm()` is called, like a user confirming in a wallet. */
function confirmingWallet() {
  const account = createCountingWallet()
  let confirm!: () => void
  const confirmed = new Promise<void>((resolve) => (confirm = resolve))
  const signer = { getAddress: account.getAddress, signMessage: async (message: string) => (await confirmed, account.signMessage(message)) }
  return { address: account.address, signer, confirm }
}

function XmtpStatus() {
  return <span data-testid="xmtp">{useClient().status}</span>
}

describe('ConnectButton', () => {
  test('default: without a wallet it is a connect button; with one it shows the wallet and enables messaging', async () => {
    const net = createTestNetwork()
    const user = userEvent.setup()
    let connects = 0
    const wallet = confirmingWallet()
    const ui = (address?: string) => (
      <XMTPProvider transport={net.transport}>
        <ConnectButton address={address} signer={address ? wallet.signer : undefined} onConnect={() => connects++} />
      </XMTPProvider>
    )
    const { rerender } = render(ui())
    await user.click(screen.getByRole('button', { name: 'Connect wallet' }))
    expect(connects).toBe(1)

    rerender(ui(wallet.address))
    expect(screen.queryByRole('button', { name: 'Connect wallet' })).toBeNull()
    const group = screen.getByRole('group', { name: `Connected as ${short(wallet.address)}` })
    expect(group).toHaveTextContent(short(wallet.address))
    expect(group).toHaveAttribute('title', wallet.address)
    expect(screen.getByRole('status')).toHaveTextContent('Messaging off')

    await user.click(screen.getByRole('button', { name: 'Enable messaging' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Sign in your wallet to enable messaging…'))
    expect(screen.queryByRole('button', { name: 'Enable messaging' })).toBeNull()
    wallet.confirm()
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Messaging on'), { timeout: 10_000 })
  })

  test('behavior: a failed XMTP connection shows an error with Try again, which retries', async () => {
    const net = createTestNetwork()
    const user = userEvent.setup()
    const wallet = createCountingWallet()
    render(
      <XMTPProvider transport={net.transport}>
        <ConnectButton address={wallet.address} signer={wallet} />
      </XMTPProvider>,
    )
    net.network.setOffline(true)
    await user.click(screen.getByRole('button', { name: 'Enable messaging' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Could not enable messaging.'))
    expect(screen.getByRole('status')).toHaveAttribute('data-status', 'error')

    net.network.setOffline(false)
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Messaging on'), { timeout: 10_000 })
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  test('parameters: onRetry (when the provider connects by itself), onDisconnect', async () => {
    const net = createTestNetwork()
    const user = userEvent.setup()
    const wallet = createCountingWallet()
    net.network.setOffline(true)
    let retries = 0
    let disconnects = 0
    render(
      <XMTPProvider transport={net.transport} signer={wallet}>
        <ConnectButton address={wallet.address} onRetry={() => retries++} onDisconnect={() => disconnects++} />
        <XmtpStatus />
      </XMTPProvider>,
    )
    await waitFor(() => expect(screen.getByTestId('xmtp')).toHaveTextContent('error'))
    expect(screen.queryByRole('button', { name: 'Enable messaging' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(retries).toBe(1)

    await user.click(screen.getByRole('button', { name: 'Disconnect' }))
    expect(disconnects).toBe(1)
    expect(screen.getByTestId('xmtp')).toHaveTextContent('idle')
  })

  test('parameters: connecting, connectError, labels, theme, className, ref; the name from the UI provider', async () => {
    const net = createTestNetwork()
    const wallet = createCountingWallet()
    const ref = createRef<HTMLDivElement>()
    const { rerender } = render(
      <XMTPProvider transport={net.transport}>
        <ConnectButton ref={ref} connecting onConnect={() => undefined} className="mine" theme="dark" />
      </XMTPProvider>,
    )
    expect(ref.current).toHaveClass('xk-root', 'xk-connect-button', 'mine')
    expect(ref.current).toHaveAttribute('data-theme', 'dark')
    const button = screen.getByRole('button', { name: 'Connecting…' })
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('aria-busy', 'true')

    rerender(
      <XMTPProvider transport={net.transport}>
        <ConnectButton connectError={new Error('User rejected the request.')} onConnect={() => undefined} labels={{ connectWallet: 'Sign in' }} />
      </XMTPProvider>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Could not connect the wallet.')
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled()

    rerender(
      <XMTPProvider transport={net.transport}>
        <XMTPUIProvider resolveIdentity={async () => ({ name: 'alice.eth' })}>
          <ConnectButton address={wallet.address} />
        </XMTPUIProvider>
      </XMTPProvider>,
    )
    expect(await screen.findByRole('group', { name: 'Connected as alice.eth' })).toHaveTextContent('alice.eth')
    // Without onDisconnect there is no Disconnect button.
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull()
  })

  test('behavior: no axe violations, disconnected and connected', async () => {
    const net = createTestNetwork()
    const wallet = createCountingWallet()
    const { container, rerender } = render(
      <XMTPProvider transport={net.transport}>
        <ConnectButton onConnect={() => undefined} />
      </XMTPProvider>,
    )
    expect(await violations(container)).toEqual([])
    rerender(
      <XMTPProvider transport={net.transport}>
        <ConnectButton address={wallet.address} signer={wallet} onDisconnect={() => undefined} />
      </XMTPProvider>,
    )
    expect(await violations(container)).toEqual([])
  })
})

describe('WagmiConnectButton', () => {
  const account = privateKeyToAccount(generatePrivateKey())
  const late = privateKeyToAccount(generatePrivateKey())
  // The accounts the RPC signs for; `late` joins during a test.
  const signing: LocalAccount[] = [account]
  let rpc: Awaited<ReturnType<typeof startSigningRpc>>
  beforeAll(async () => {
    rpc = await startSigningRpc(signing)
  })
  afterAll(() => rpc.close())

  function renderWagmi(address: `0x${string}`, children: ReactNode) {
    const config = createConfig({
      chains: [rpc.chain],
      connectors: [mock({ accounts: [address] })],
      transports: { [rpc.chain.id]: http(rpc.url) },
    })
    const net = createTestNetwork()
    function Xmtp({ children }: { children: ReactNode }) {
      const { signer } = useSignerFromWagmi()
      return (
        <XMTPProvider transport={net.transport} signer={signer}>
          {children}
        </XMTPProvider>
      )
    }
    const user = userEvent.setup()
    render(
      <WagmiProvider config={config}>
        <QueryClientProvider client={new QueryClient()}>
          <Xmtp>{children}</Xmtp>
        </QueryClientProvider>
      </WagmiProvider>,
    )
    return { user }
  }

  test('default: connects the wallet through wagmi, shows it and its XMTP status; Disconnect ends both', async () => {
    const { user } = renderWagmi(
      account.address,
      <>
        <WagmiConnectButton />
        <XmtpStatus />
      </>,
    )
    // wagmi first tries to reconnect a previous session ("Connecting…").
    await user.click(await screen.findByRole('button', { name: 'Connect wallet' }))
    const group = await screen.findByRole('group', { name: `Connected as ${short(account.address)}` })
    expect(group).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Messaging on'), { timeout: 10_000 })
    expect(screen.getByTestId('xmtp')).toHaveTextContent('ready')

    await user.click(screen.getByRole('button', { name: 'Disconnect' }))
    expect(await screen.findByRole('button', { name: 'Connect wallet' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('xmtp')).toHaveTextContent('idle'))
  })

  test('behavior: a refused signature shows the error; Try again signs again with the wallet', async () => {
    const { user } = renderWagmi(late.address, <WagmiConnectButton />)
    await user.click(await screen.findByRole('button', { name: 'Connect wallet' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Could not enable messaging.'), { timeout: 10_000 })
    signing.push(late)
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Messaging on'), { timeout: 10_000 })
  })

  test('parameters: onConnect replaces wagmi’s connect; rest props reach the root', async () => {
    let opened = 0
    const { user } = renderWagmi(account.address, <WagmiConnectButton onConnect={() => opened++} data-testid="root" labels={{ connectWallet: 'Log in' }} />)
    await user.click(await screen.findByRole('button', { name: 'Log in' }))
    expect(opened).toBe(1)
    expect(within(screen.getByTestId('root')).queryByRole('group')).toBeNull()
  })
})

describe('@xmtp-kit/components entry points', () => {
  // Vitest runs from the repository root.
  const src = resolve('packages/components/src')
  const source = (path: string) => [`${path}.ts`, `${path}.tsx`].find((file) => existsSync(file))!

  /** Every package a module reaches through its relative imports. */
  function packagesImported(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
    if (seen.has(file)) return found
    seen.add(file)
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      if (specifier!.startsWith('.')) packagesImported(source(resolve(dirname(file), specifier!.replace(/\.js$/, ''))), seen, found)
      else found.add(specifier!)
    }
    return found
  }

  test('behavior: only the wagmi entry imports wagmi (an optional peer dependency)', () => {
    expect([...packagesImported(`${src}/index.ts`)].filter((s) => s === 'wagmi' || s.startsWith('wagmi/'))).toEqual([])
    expect(packagesImported(`${src}/wagmi.ts`)).toContain('wagmi')
  })
})
