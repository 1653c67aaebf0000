import { act, render, screen, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { XMTPProvider, useClient, walletClientToSigner } from '@xmtp-kit/react'
import { useSignerFromWagmi } from '@xmtp-kit/react/wagmi'
import { createWalletClient, http } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { createConfig, WagmiProvider } from 'wagmi'
import { connect, disconnect } from 'wagmi/actions'
import { mock } from 'wagmi/connectors'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestNetwork } from './support.js'
import { startSigningRpc } from './wagmiSupport.js'

const account = privateKeyToAccount(generatePrivateKey())
let rpc: Awaited<ReturnType<typeof startSigningRpc>>
beforeAll(async () => {
  rpc = await startSigningRpc([account])
})
afterAll(() => rpc.close())

function Status() {
  const { signer, address } = useSignerFromWagmi()
  return <span data-testid="wagmi">{signer ? `signer:${address}` : 'no signer'}</span>
}

function Inbox() {
  const { status, address, error } = useClient()
  return <span data-testid="xmtp">{`${status}:${address ?? ''}${error ? `:${error.message}` : ''}`}</span>
}

describe('useSignerFromWagmi', () => {
  test('default: wagmi’s mock connector connects, signs and reaches a ready client; disconnecting ends it', async () => {
    const config = createConfig({
      chains: [rpc.chain],
      connectors: [mock({ accounts: [account.address] })],
      transports: { [rpc.chain.id]: http(rpc.url) },
    })
    const net = createTestNetwork()
    function App() {
      const { signer } = useSignerFromWagmi()
      return (
        <XMTPProvider transport={net.transport} signer={signer}>
          <Status />
          <Inbox />
        </XMTPProvider>
      )
    }
    render(
      <WagmiProvider config={config}>
        <QueryClientProvider client={new QueryClient()}>
          <App />
        </QueryClientProvider>
      </WagmiProvider>,
    )
    expect(screen.getByTestId('xmtp')).toHaveTextContent('idle:')
    await act(() => connect(config, { connector: config.connectors[0]! }))
    await waitFor(() => expect(screen.getByTestId('wagmi')).toHaveTextContent(`signer:${account.address}`))
    await waitFor(() => expect(screen.getByTestId('xmtp')).toHaveTextContent(`ready:${account.address}`), { timeout: 10_000 })

    await act(() => disconnect(config))
    await waitFor(() => expect(screen.getByTestId('xmtp')).toHaveTextContent('idle:'))
  })
})

describe('walletClientToSigner', () => {
  test('default: a viem wallet client signs as its account', async () => {
    const walletClient = createWalletClient({ account, transport: http(rpc.url) })
    const signer = walletClientToSigner(walletClient)
    expect(await signer.getAddress()).toBe(account.address)
    expect(await signer.signMessage('hi')).toBe(await account.signMessage({ message: 'hi' }))
  })
})
