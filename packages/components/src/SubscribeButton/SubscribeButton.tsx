import { allow, type ConsentProof, createConsentProofText, deny, getAddress, isValidConsentProof, type Signer } from '@xmtp-kit/client'
import { useClient, useConsent } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react'
import type { Labels } from '../labels.js'
import { type Theme, useIdentity, useUI } from '../UIProvider/UIProvider.js'

/** A subscriber's signed opt-in (§11.3), as `SubscribeButton` hands it over: store it and send with it. */
export interface SubscribeProof extends ConsentProof {
  /** The subscriber's wallet (EIP-55): it signed, and receives the team's messages. */
  address: string
  /** The team's wallet it lets in (EIP-55). */
  senderAddress: string
}

/** `idle`, or what the button is doing: asking the wallet to `sign`, `saving` the proof, `unsubscribing`. */
export type SubscribeButtonStatus = 'idle' | 'signing' | 'saving' | 'unsubscribing'

export interface SubscribeButtonProps extends ComponentPropsWithoutRef<'div'> {
  /** The team's wallet: the sender the subscriber lets in. */
  senderAddress: string
  /** The team's name in "Subscribe to messages from …". Default: the sender's name from the `XMTPUIProvider` (or short address). */
  team?: string | undefined
  /**
   * The subscriber's wallet, which signs the consent text (e.g. `useSignerFromWagmi().signer`; the
   * `XMTPProvider`'s client keeps no signer). Without it the button is disabled and says to connect a wallet.
   */
  signer: Signer | undefined
  /**
   * Receives the signed proof: store it (e.g. on your server) and pass it to `broadcast` through
   * `conversationFor` (or to the CLI's `--proofs`). A rejection shows an error with Try again. The
   * subscriber's clients honour a proof for 30 days after it was signed (§11.3).
   */
  onSubscribe: (proof: SubscribeProof) => void | Promise<void>
  /** Told after the subscriber revoked (e.g. delete the stored proof). */
  onUnsubscribe?: ((subscription: { address: string | undefined; senderAddress: string }) => void | Promise<void>) | undefined
  /**
   * Whether the wallet is subscribed, when you know better (e.g. your server holds its proof). Default: with
   * an XMTP client in the provider, whether the sender is allowed on its consent list; without one, whether
   * the button subscribed it.
   */
  subscribed?: boolean | undefined
  theme?: Theme | undefined
  labels?: Partial<Labels> | undefined
}

type Failure = { action: 'subscribe' | 'unsubscribe'; message: string }

/**
 * "Subscribe to messages from <team>": asks the wallet to sign the consent text for the team's wallet (the
 * exact text the official SDK checks), hands the proof to `onSubscribe`, and with the subscriber's XMTP client
 * in the provider allows the sender on its consent list at once. The team's messages sent with the proof then
 * land in the subscriber's main inbox, not in requests. Subscribed, it says so and offers Unsubscribe, which
 * denies the sender (consent list) and calls `onUnsubscribe`. The root `div` takes `className`, `style`, any
 * other props and the `ref`. Must be inside an `XMTPProvider` (it may hold no client).
 *
 * @example
 * <SubscribeButton
 *   senderAddress={TEAM_WALLET}
 *   team="Acme DAO"
 *   signer={useSignerFromWagmi().signer}
 *   onSubscribe={(proof) => fetch('/api/subscribers', { method: 'POST', body: JSON.stringify(proof) })}
 * />
 */
export const SubscribeButton = forwardRef<HTMLDivElement, SubscribeButtonProps>(function SubscribeButton(
  { senderAddress, team, signer, onSubscribe, onUnsubscribe, subscribed: subscribedProp, theme: themeProp, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const { client } = useClient()
  const consent = useConsent(client ? senderAddress : undefined)
  const { displayName } = useIdentity(senderAddress)
  const name = team ?? displayName
  const [local, setLocal] = useState(false)
  const [status, setStatus] = useState<SubscribeButtonStatus>('idle')
  const [failure, setFailure] = useState<Failure>()
  const [revoked, setRevoked] = useState(false)
  const subscribed = subscribedProp ?? (client ? consent.state === 'allowed' : local)
  const busy = status !== 'idle'

  const subscribe = async () => {
    if (!signer || busy) return
    setFailure(undefined)
    setStatus('signing')
    try {
      const sender = getAddress(senderAddress)
      const address = getAddress(await signer.getAddress())
      const timestamp = Date.now()
      const signature = await signer.signMessage(createConsentProofText(timestamp, sender))
      const proof: SubscribeProof = { address, senderAddress: sender, signature, timestamp }
      // A signature that does not recover to the wallet (a smart-contract wallet's, say) would be ignored by
      // every client: better said now than found out when the team's messages land in requests.
      if (!isValidConsentProof({ proof, senderAddress: sender, recipientAddress: address, nowMs: timestamp })) {
        setFailure({ action: 'subscribe', message: labels.subscribeUnusableSignature })
        return
      }
      setStatus('saving')
      await onSubscribe(proof)
      // The consent list is the connected wallet's: only the same wallet's choice goes there.
      if (client && client.address === address) await allow(client, [sender])
      setLocal(true)
      setRevoked(false)
    } catch {
      setFailure({ action: 'subscribe', message: labels.subscribeFailed })
    } finally {
      setStatus('idle')
    }
  }

  const unsubscribe = async () => {
    if (busy) return
    setFailure(undefined)
    setStatus('unsubscribing')
    try {
      const sender = getAddress(senderAddress)
      if (client) await deny(client, [sender])
      await onUnsubscribe?.({ address: client?.address ?? (signer ? getAddress(await signer.getAddress()) : undefined), senderAddress: sender })
      setLocal(false)
      setRevoked(true)
    } catch {
      setFailure({ action: 'unsubscribe', message: labels.unsubscribeFailed })
    } finally {
      setStatus('idle')
    }
  }

  const stateText = subscribed ? labels.subscribed(name) : !signer ? labels.subscribeNoWallet : revoked ? labels.unsubscribed(name) : ''
  const classes = ['xk-root', 'xk-subscribe', className].filter(Boolean).join(' ')
  return (
    <div ref={ref} className={classes} data-theme={theme} data-state={subscribed ? 'subscribed' : 'unsubscribed'} data-status={status} {...rest}>
      {subscribed ? (
        client || onUnsubscribe ? (
          <button type="button" className="xk-subscribe__unsubscribe" disabled={busy} aria-busy={status === 'unsubscribing' || undefined} onClick={unsubscribe}>
            {status === 'unsubscribing' ? labels.unsubscribing : labels.unsubscribe}
          </button>
        ) : null
      ) : (
        <button type="button" className="xk-subscribe__button" disabled={!signer || busy} aria-busy={busy || undefined} onClick={subscribe}>
          {status === 'signing' ? labels.subscribeSigning : status === 'saving' ? labels.subscribeSaving : labels.subscribe(name)}
        </button>
      )}
      <span className="xk-subscribe__state" role="status">
        {stateText}
      </span>
      {failure && !busy ? (
        <span className="xk-subscribe__error" role="alert">
          {failure.message}{' '}
          <button type="button" className="xk-subscribe__retry" onClick={failure.action === 'subscribe' ? subscribe : unsubscribe}>
            {labels.subscribeTryAgain}
          </button>
        </span>
      ) : null}
    </div>
  )
})
