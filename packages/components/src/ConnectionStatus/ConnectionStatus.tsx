import type { Conversation } from '@xmtp-kit/client'
import { useClient, useConnectionStatus } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react'
import type { Labels } from '../labels.js'
import { type Theme, useUI } from '../UIProvider/UIProvider.js'

/** What a `ConnectionStatus` shows: nothing (`live`; `idle`: no client, or nothing streaming yet), or a banner. */
export type ConnectionBannerStatus = 'idle' | 'live' | 'connecting' | 'reconnecting' | 'offline'

export interface ConnectionStatusProps extends ComponentPropsWithoutRef<'div'> {
  /** Watch only this conversation's view: the conversation list's stream and its thread's. Default: every stream. */
  conversation?: Conversation | string | undefined
  /** Shows a Retry button in the banner that calls this (e.g. reconnects the client or reloads). */
  onRetry?: (() => void) | undefined
  theme?: Theme | undefined
  labels?: Partial<Labels> | undefined
}

/**
 * A banner for the live connection of what the app streams (an `Inbox`, a `MessageList`, any live hook):
 * "Reconnecting…" after a drop (the streams retry on their own), "Offline" when the browser has no network,
 * "Connecting…" before the first connection. Nothing shows while live, without a client, or while nothing
 * streams; it opens no stream of its own. The root is a polite live region (`role="status"`) that stays in the page, empty
 * while there is nothing to say, so that changes are announced; `data-status` tells the state. It takes
 * `className`, `style`, any other `div` props and the `ref`. Must be inside an `XMTPProvider`.
 *
 * @example
 * <ConnectionStatus />
 * <Inbox />
 */
export const ConnectionStatus = forwardRef<HTMLDivElement, ConnectionStatusProps>(function ConnectionStatus(
  { conversation, onRetry, theme: themeProp, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const { client } = useClient()
  const { status: connection, browserOffline, streams } = useConnectionStatus({ conversation })
  // The client whose streams have been live once: until then "reconnecting" means connecting.
  const [liveOnce, setLiveOnce] = useState<object | undefined>(undefined)
  if (client && connection === 'live' && liveOnce !== client) setLiveOnce(client)

  let status: ConnectionBannerStatus
  if (browserOffline) status = 'offline'
  else if (!client || streams === 0) status = 'idle'
  else if (connection === 'live') status = 'live'
  else if (connection === 'offline') status = 'offline'
  else status = liveOnce === client ? 'reconnecting' : 'connecting'
  const text = { idle: undefined, live: undefined, connecting: labels.connectionConnecting, reconnecting: labels.connectionReconnecting, offline: labels.connectionOffline }[status]

  return (
    <div
      ref={ref}
      role="status"
      className={['xk-root', 'xk-connection-status', className].filter(Boolean).join(' ')}
      data-theme={theme}
      data-status={status}
      {...rest}
    >
      {text ? (
        <>
          <span className="xk-connection-status__text">{text}</span>
          {onRetry ? (
            <button type="button" className="xk-connection-status__retry" onClick={onRetry}>
              {labels.connectionRetry}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  )
})
