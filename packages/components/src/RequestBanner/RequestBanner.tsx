import type { Conversation } from '@xmtp-kit/client'
import { useConsent } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { shortAddress } from '../internal/format.js'
import type { Labels } from '../labels.js'
import { useUI } from '../UIProvider/UIProvider.js'

export interface RequestBannerProps extends ComponentPropsWithoutRef<'section'> {
  conversation: Conversation | undefined
  labels?: Partial<Labels> | undefined
}

/**
 * Shown while a conversation is a request (the peer wrote first and was never allowed): Accept moves it to
 * Primary, Block to Blocked. Renders nothing otherwise.
 *
 * @example
 * <RequestBanner conversation={conversation} />
 */
export const RequestBanner = forwardRef<HTMLElement, RequestBannerProps>(function RequestBanner({ conversation, labels: labelOverrides, className, ...rest }, ref) {
  const { labels } = useUI(labelOverrides)
  const { conversationConsent, allow, deny, actionStatus } = useConsent(conversation)
  if (!conversation || conversationConsent !== 'requested') return null
  const busy = actionStatus === 'pending'
  return (
    <section ref={ref} aria-label={labels.requestTitle} className={['xk-request-banner', className].filter(Boolean).join(' ')} data-state={busy ? 'pending' : 'idle'} {...rest}>
      <p className="xk-request-banner__text">{labels.requestText(shortAddress(conversation.peerAddress))}</p>
      <div className="xk-request-banner__actions">
        <button type="button" className="xk-request-banner__accept" disabled={busy} onClick={() => void allow().catch(() => undefined)}>
          {labels.accept}
        </button>
        <button type="button" className="xk-request-banner__block" disabled={busy} onClick={() => void deny().catch(() => undefined)}>
          {labels.block}
        </button>
      </div>
    </section>
  )
})
