import type { Signer } from '@xmtp-kit/client'
import { useClient } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { Avatar } from '../Avatar/Avatar.js'
import type { Labels } from '../labels.js'
import { type Theme, useIdentity, useUI } from '../UIProvider/UIProvider.js'

export interface ConnectButtonProps extends ComponentPropsWithoutRef<'div'> {
  /** The connected wallet, `undefined` while none is. */
  address?: string | undefined
  /** Whether the wallet is connecting (the connect button is busy). */
  connecting?: boolean | undefined
  /** Why connecting the wallet failed, if it did: a message shows next to the connect button (click it to retry). */
  connectError?: Error | undefined
  /** Connects a wallet (e.g. opens the app's wallet modal). */
  onConnect?: (() => void) | undefined
  /** Disconnects the wallet. The XMTP client is disconnected too. Without it there is no Disconnect button. */
  onDisconnect?: (() => void) | undefined
  /**
   * The connected wallet as a signer. With it the button offers "Enable messaging" (and "Try again" after a
   * failure), which connects it to the `XMTPProvider`. Leave it out when the provider connects by itself
   * (its `signer` prop); "Try again" then calls `onRetry`.
   */
  signer?: Signer | undefined
  /** Retries after the XMTP client failed, when there is no `signer`. */
  onRetry?: (() => void) | undefined
  theme?: Theme | undefined
  labels?: Partial<Labels> | undefined
}

/**
 * A wallet button that also shows the XMTP client's status. Bring your own wallet connection: pass the
 * connected `address` and `onConnect` / `onDisconnect` (with wagmi, use `WagmiConnectButton` from
 * `@xmtp-kit/components/wagmi`). Without a wallet it is a "Connect wallet" button; with one it shows the
 * wallet's name (or short address) and avatar, the status (off, signing, on, failed with "Try again") and a
 * Disconnect button. The root `div` takes `className`, `style`, any other props and the `ref`. Must be inside
 * an `XMTPProvider`.
 *
 * @example
 * <ConnectButton address={account} signer={signer} onConnect={openModal} onDisconnect={logout} />
 */
export const ConnectButton = forwardRef<HTMLDivElement, ConnectButtonProps>(function ConnectButton(
  { address, connecting, connectError, onConnect, onDisconnect, signer, onRetry, theme: themeProp, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const xmtp = useClient()
  const classes = ['xk-root', 'xk-connect-button', className].filter(Boolean).join(' ')

  if (!address) {
    return (
      <div ref={ref} className={classes} data-theme={theme} data-status={connecting ? 'connecting' : 'disconnected'} {...rest}>
        <button type="button" className="xk-connect-button__connect" disabled={connecting || !onConnect} aria-busy={connecting || undefined} onClick={onConnect}>
          {connecting ? labels.connectingWallet : labels.connectWallet}
        </button>
        {connectError && !connecting ? (
          <span className="xk-connect-button__error" role="alert">
            {labels.walletConnectFailed}
          </span>
        ) : null}
      </div>
    )
  }

  const status = xmtp.status
  const retry = signer ? () => void xmtp.connect(signer) : onRetry
  const disconnect = onDisconnect
    ? () => {
        xmtp.disconnect()
        onDisconnect()
      }
    : undefined
  const statusText = {
    idle: labels.messagingIdle,
    signing: labels.messagingSigning,
    ready: labels.messagingReady,
    error: labels.messagingError,
  }[status]

  return (
    <div ref={ref} className={classes} data-theme={theme} data-status={status} {...rest}>
      <Wallet address={address} labels={labels} />
      <span className="xk-connect-button__status" role="status" data-status={status}>
        {statusText}
      </span>
      {status === 'idle' && signer ? (
        <button type="button" className="xk-connect-button__action" onClick={retry}>
          {labels.enableMessaging}
        </button>
      ) : null}
      {status === 'error' && retry ? (
        <button type="button" className="xk-connect-button__action" onClick={retry}>
          {labels.tryAgain}
        </button>
      ) : null}
      {disconnect ? (
        <button type="button" className="xk-connect-button__disconnect" onClick={disconnect}>
          {labels.disconnect}
        </button>
      ) : null}
    </div>
  )
})

function Wallet({ address, labels }: { address: string; labels: Labels }) {
  const { displayName } = useIdentity(address)
  return (
    <span className="xk-connect-button__wallet" role="group" aria-label={labels.connectedWallet(displayName)} title={address}>
      <Avatar address={address} size={24} />
      <span className="xk-connect-button__name">{displayName}</span>
    </span>
  )
}
