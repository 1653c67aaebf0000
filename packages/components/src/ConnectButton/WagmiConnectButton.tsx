// The main entry by name, so that this entry point shares its context (labels, slots, theme) with it.
import { ConnectButton, type ConnectButtonProps } from '@xmtp-kit/components'
import { walletClientToSigner } from '@xmtp-kit/react'
import { forwardRef, useMemo } from 'react'
import * as wagmi from 'wagmi'
import { type Connector, useConnect, useConnectors, useDisconnect, useWalletClient } from 'wagmi'

// wagmi 3 names it `useConnection`; wagmi 2 only has `useAccount` (an alias of it in wagmi 3).
const hooks: { useConnection?: typeof wagmi.useConnection; useAccount?: typeof wagmi.useConnection } = wagmi
const useConnection = (hooks.useConnection ?? hooks.useAccount)!

export interface WagmiConnectButtonProps extends Omit<ConnectButtonProps, 'address' | 'connecting' | 'connectError' | 'onDisconnect' | 'signer'> {
  /** The connector "Connect wallet" uses. Default: the config's first. */
  connector?: Connector | undefined
  /** The chain to connect on. Default: the config's first. */
  chainId?: number | undefined
  /** Replaces wagmi's connect on "Connect wallet", e.g. to open a wallet picker. */
  onConnect?: (() => void) | undefined
}

/**
 * `ConnectButton` wired to wagmi (2 or 3): "Connect wallet" connects the config's first connector (or
 * `connector`), the connected account and its XMTP status show once connected, "Enable messaging" and
 * "Try again" sign with the connected wallet, Disconnect disconnects both. Needs `WagmiProvider` and TanStack
 * Query's `QueryClientProvider` above, and an `XMTPProvider` (give it `signer={useSignerFromWagmi().signer}`
 * to enable messaging as soon as a wallet connects).
 *
 * @example
 * import { WagmiConnectButton } from '@xmtp-kit/components/wagmi'
 * <WagmiConnectButton theme="dark" />
 */
export const WagmiConnectButton = forwardRef<HTMLDivElement, WagmiConnectButtonProps>(function WagmiConnectButton(
  { connector, chainId, onConnect, ...rest },
  ref,
) {
  const { address, status } = useConnection()
  const connectors = useConnectors()
  const connect = useConnect()
  const disconnect = useDisconnect()
  const { data: walletClient } = useWalletClient()
  const signer = useMemo(() => (walletClient ? walletClientToSigner(walletClient) : undefined), [walletClient])

  const connectWallet = () => {
    const chosen = connector ?? connectors[0]
    if (chosen) connect.mutate(chainId === undefined ? { connector: chosen } : { connector: chosen, chainId })
  }
  const connecting = status === 'connecting' || status === 'reconnecting' || connect.status === 'pending'

  return (
    <ConnectButton
      ref={ref}
      address={status === 'connected' ? address : undefined}
      connecting={connecting}
      connectError={connect.status === 'error' ? (connect.error ?? undefined) : undefined}
      onConnect={onConnect ?? connectWallet}
      onDisconnect={() => disconnect.mutate()}
      signer={signer}
      {...rest}
    />
  )
})
