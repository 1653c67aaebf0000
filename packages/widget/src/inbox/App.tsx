import {
  type Conversation,
  type DecodedMessage,
  NotOnNetworkError,
  formatContentTypeId,
  getAddress,
  isAddress,
  isDisplayableMessage,
  startConversation,
} from '@xmtp-kit/client'
import { ConnectButton, ConnectionStatus, Inbox, type Theme, XMTPUIProvider } from '@xmtp-kit/components'
import { XMTPProvider, useClient, useConversations, useStreamAllMessages, useUnreadCount } from '@xmtp-kit/react'
import { type MutableRefObject, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { WidgetConfig } from '../protocol.js'
import type { WidgetEvent, WidgetEvents, WidgetMessage, WidgetSigner } from '../types.js'
import { type Burner, burnerWallet } from './burner.js'
import type { Controller, WidgetState } from './controller.js'
import { widgetLabels as t } from './labels.js'
import { type InjectedWallets, createInjectedWallets, isUserRejection } from './wallet.js'

type Emit = <E extends WidgetEvent>(event: E, payload: WidgetEvents[E]) => void

export interface WidgetAppProps {
  config: WidgetConfig
  controller: Controller
  emit: Emit
}

/** Why an address cannot be messaged, or `undefined` when it is fine. */
function addressProblem(value: string): string | undefined {
  if (!isAddress(value)) return t.badPeer(value)
  const lower = value.slice(2)
  const mixed = lower !== lower.toLowerCase() && lower !== lower.toUpperCase()
  if (mixed && getAddress(value) !== value) return t.badChecksum(value)
  return undefined
}

/** What is wrong with the script tag's settings, if anything. */
function configProblem(config: WidgetConfig): string | undefined {
  if (!config.node) return t.noNode
  try {
    const url = new URL(config.node)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return t.badNode(config.node)
  } catch {
    return t.badNode(config.node)
  }
  return config.peer ? addressProblem(config.peer) : undefined
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`

/** The widget's React tree: the provider, the bridge to the launcher's events and, while open, the panel. */
export function WidgetApp({ config, controller, emit }: WidgetAppProps) {
  const state = useSyncExternalStore(controller.subscribe, controller.get)
  const theme: Theme = state.theme === 'auto' ? 'system' : state.theme
  const problem = useMemo(() => configProblem(config), [config])
  const lastError = useRef<Error | undefined>(undefined)
  const onError = useCallback((error: Error) => void (lastError.current = error), [])
  if (problem) {
    return (
      <div className="xk-root xkw-app" data-theme={theme}>
        <div className="xkw-message" role="alert">
          <p className="xkw-message__title">{t.misconfigured}</p>
          <p>{problem}</p>
        </div>
      </div>
    )
  }
  return (
    <XMTPUIProvider theme={theme}>
      <XMTPProvider url={config.node} onError={onError}>
        <Session config={config} controller={controller} state={state} theme={theme} emit={emit} lastError={lastError} />
      </XMTPProvider>
    </XMTPUIProvider>
  )
}

type Wallet = { kind: 'none' } | { kind: 'connected'; address: string; signer: WidgetSigner; source: 'injected' | 'api' | 'burner'; burner?: Burner }

function Session({
  config,
  controller,
  state,
  theme,
  emit,
  lastError,
}: {
  config: WidgetConfig
  controller: Controller
  state: WidgetState
  theme: Theme
  emit: Emit
  lastError: MutableRefObject<Error | undefined>
}) {
  const xmtp = useClient()
  const { connect: connectXmtp, disconnect: disconnectXmtp, client } = xmtp
  const [wallet, setWallet] = useState<Wallet>({ kind: 'none' })
  const [walletBusy, setWalletBusy] = useState(false)
  const [walletError, setWalletError] = useState<string | undefined>(undefined)
  const [wallets, setWallets] = useState<InjectedWallets | undefined>(undefined)
  /** Whether the browser has a wallet (`undefined` while still looking). */
  const [walletFound, setWalletFound] = useState<boolean | undefined>(undefined)
  useEffect(() => {
    const injected = createInjectedWallets()
    setWallets(injected)
    const stop = injected.watchFound(setWalletFound)
    return () => {
      stop()
      injected.destroy()
    }
  }, [])

  /** Makes the XMTP client for a wallet; resolves with its address, rejects with why it failed. */
  const activate = useCallback(
    async (next: Wallet & { kind: 'connected' }) => {
      setWallet(next)
      setWalletError(undefined)
      lastError.current = undefined
      const made = await connectXmtp(next.signer)
      if (!made) throw lastError.current ?? new Error(t.messagingFailed)
      return made.address
    },
    [connectXmtp, lastError],
  )

  // The JS API's `connect({ signer })`.
  useEffect(() => {
    controller.setConnectHandler(async (signer) => {
      const address = getAddress(await signer.getAddress())
      return activate({ kind: 'connected', address, signer, source: 'api' })
    })
    return () => controller.setConnectHandler(undefined)
  }, [controller, activate])

  const connectWallet = useCallback(async () => {
    if (!wallets) return
    setWalletBusy(true)
    setWalletError(undefined)
    try {
      const { address, signer } = await wallets.connect()
      setWalletBusy(false)
      await activate({ kind: 'connected', address: getAddress(address), signer, source: 'injected' }).catch(() => undefined)
    } catch (error) {
      setWalletBusy(false)
      setWalletError(isUserRejection(error) ? t.walletRejected : t.walletFailed)
    }
  }, [wallets, activate])

  const startBurner = useCallback(() => {
    const burner = burnerWallet()
    void activate({ kind: 'connected', address: burner.address, signer: burner.signer, source: 'burner', burner }).catch(() => undefined)
  }, [activate])

  const disconnect = useCallback(() => {
    disconnectXmtp()
    setWallet({ kind: 'none' })
  }, [disconnectXmtp])

  // Another account in the injected wallet, or the wallet locked or disconnected: this one's inbox leaves the screen.
  useEffect(() => {
    if (wallet.kind !== 'connected' || wallet.source !== 'injected' || !wallets) return
    return wallets.watchLeaving(wallet.address, disconnect)
  }, [wallet, wallets, disconnect])

  // The conversation asked for (`data-peer`, `open({ peer })`), opened once the client is ready.
  const [conversation, setConversation] = useState<Conversation | null>(null)
  const [peerNotice, setPeerNotice] = useState<string | undefined>(undefined)
  const handled = useRef<{ client: object | undefined; seq: number }>({ client: undefined, seq: -1 })
  useEffect(() => {
    const request = state.peerRequest
    if (!client) {
      setConversation(null)
      setPeerNotice(undefined)
      return
    }
    if (!request || (handled.current.client === client && handled.current.seq === request.seq)) return
    handled.current = { client, seq: request.seq }
    const problem = addressProblem(request.peer)
    if (problem) {
      setPeerNotice(problem)
      return
    }
    let cancelled = false
    startConversation(client, { peerAddress: request.peer }).then(
      (started) => {
        if (cancelled) return
        setConversation(started)
        setPeerNotice(undefined)
      },
      (error: unknown) => {
        if (!cancelled) setPeerNotice(error instanceof NotOnNetworkError ? t.peerNotOnXmtp(request.peer) : t.peerFailed(request.peer))
      },
    )
    return () => {
      cancelled = true
    }
  }, [client, state.peerRequest])

  const ready = xmtp.status === 'ready'
  const address = wallet.kind === 'connected' ? wallet.address : xmtp.address
  return (
    <>
      <Bridge emit={emit} />
      {state.open ? (
        <div className="xk-root xkw-app" data-theme={theme}>
          {ready && address ? (
            <>
              <ConnectButton className="xkw-wallet" address={address} onDisconnect={disconnect} />
              {wallet.kind === 'connected' && wallet.source === 'burner' ? <p className="xkw-notice">{t.temporaryWallet}</p> : null}
              <ConnectionStatus />
              {peerNotice ? (
                <p className="xkw-notice" role="alert">
                  {peerNotice}
                </p>
              ) : null}
              <Inbox className="xkw-inbox-view" conversation={conversation} onConversationChange={(next) => setConversation(next ?? null)} />
            </>
          ) : (
            <div className="xkw-connect">
              <p>{config.peer && !addressProblem(config.peer) ? t.introPeer(short(config.peer)) : t.intro}</p>
              {wallet.kind === 'connected' ? (
                <>
                  <ConnectButton address={wallet.address} signer={wallet.signer} onDisconnect={disconnect} />
                  {xmtp.status === 'error' ? (
                    <p className="xkw-error" role="alert">
                      {describeFailure(xmtp.error, config.node!)}
                    </p>
                  ) : null}
                </>
              ) : (
                <>
                  <ConnectButton connecting={walletBusy} onConnect={walletFound ? () => void connectWallet() : undefined} />
                  {walletFound === false ? (
                    <p className="xkw-error" role="alert">
                      {t.noWallet}
                    </p>
                  ) : walletError ? (
                    <p className="xkw-error" role="alert">
                      {walletError}
                    </p>
                  ) : null}
                  {config.allowBurner ? (
                    <div className="xkw-burner">
                      <button type="button" className="xkw-burner__button" onClick={startBurner}>
                        {t.useBurner}
                      </button>
                      <p className="xkw-burner__note">{t.burnerNote}</p>
                    </div>
                  ) : null}
                </>
              )}
            </div>
          )}
        </div>
      ) : null}
    </>
  )
}

function describeFailure(error: Error | undefined, node: string): string {
  if (isUserRejection(error)) return t.signatureRejected
  if (error && (error.name === 'TransportError' || (error as { code?: unknown }).code === 'NETWORK_ERROR')) return t.nodeUnreachable(node)
  return t.messagingFailed
}

function messageText(message: DecodedMessage): string | undefined {
  const content = message.content as unknown
  if (typeof content === 'string') return content
  const reply = (content as { content?: unknown } | undefined)?.content
  if (typeof reply === 'string') return reply
  return message.fallback
}

/** Tells the page's listeners about unread counts and new messages, open or closed. */
function Bridge({ emit }: { emit: Emit }) {
  const { total } = useUnreadCount()
  const emitted = useRef(0)
  useEffect(() => {
    if (total === emitted.current) return
    emitted.current = total
    emit('unread', total)
  }, [total, emit])

  const { conversations } = useConversations()
  const peers = useRef(new Map<string, string>())
  useEffect(() => {
    for (const { conversation } of conversations) peers.current.set(conversation.topic, conversation.peerAddress)
  }, [conversations])
  useStreamAllMessages(
    (message) => {
      if (!isDisplayableMessage(message)) return
      const payload: WidgetMessage = {
        id: message.id,
        peerAddress: message.fromMe ? (peers.current.get(message.topic) ?? '') : message.senderAddress,
        senderAddress: message.senderAddress,
        fromMe: message.fromMe,
        text: messageText(message),
        contentType: formatContentTypeId(message.contentType),
        sentAt: new Date(Number(message.sentNs / 1_000_000n)),
      }
      emit('message', payload)
    },
    { onConversation: (conversation) => peers.current.set(conversation.topic, conversation.peerAddress) },
  )
  return null
}
