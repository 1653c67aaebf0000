import type { Conversation } from '@xmtp-kit/client'
import { useConsent } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react'
import type { Labels } from '../labels.js'
import { useIdentity, useUI } from '../UIProvider/UIProvider.js'

export interface RequestBannerProps extends ComponentPropsWithoutRef<'section'> {
  conversation: Conversation | undefined
  labels?: Partial<Labels> | undefined
}

type Choice = 'allow' | 'deny'

/**
 * Shown while a conversation is a request (the peer wrote first and was never allowed): Accept moves it to
 * Primary, Block to Blocked. Renders nothing otherwise. The choice shows at once; while it is being saved the
 * banner stays (`data-state="pending"`), and when saving fails the request is left as it was and the banner
 * says so, with a button to try again.
 *
 * @example
 * <RequestBanner conversation={conversation} />
 */
export const RequestBanner = forwardRef<HTMLElement, RequestBannerProps>(function RequestBanner({ conversation, labels: labelOverrides, className, ...rest }, ref) {
  const { labels } = useUI(labelOverrides)
  const { conversationConsent, allow, deny, actionStatus } = useConsent(conversation)
  // The last choice made here, for this conversation: what Retry repeats, and whether the action state is ours.
  const [attempt, setAttempt] = useState<{ topic: string; choice: Choice } | undefined>(undefined)
  const mine = conversation !== undefined && attempt?.topic === conversation.topic
  const pending = mine && actionStatus === 'pending'
  const failed = mine && actionStatus === 'error'
  if (!conversation || (conversationConsent !== 'requested' && !pending)) return null

  const choose = (choice: Choice) => {
    if (pending) return
    setAttempt({ topic: conversation.topic, choice })
    // Failures land in `actionStatus` (the hook's `run` never rejects).
    void (choice === 'allow' ? allow() : deny())
  }
  return (
    <section
      ref={ref}
      aria-label={labels.requestTitle}
      aria-busy={pending || undefined}
      className={['xk-request-banner', className].filter(Boolean).join(' ')}
      data-state={pending ? 'pending' : failed ? 'error' : 'idle'}
      {...rest}
    >
      <RequestText address={conversation.peerAddress} labels={labels} />
      <div className="xk-request-banner__actions">
        <button type="button" className="xk-request-banner__accept" aria-disabled={pending || undefined} onClick={() => choose('allow')}>
          {labels.accept}
        </button>
        <button type="button" className="xk-request-banner__block" aria-disabled={pending || undefined} onClick={() => choose('deny')}>
          {labels.block}
        </button>
      </div>
      {/* Always present, so that the failure is announced when its text arrives. */}
      <p className="xk-request-banner__error" role="alert">
        {failed ? labels.requestFailed : null}
      </p>
      {failed && attempt ? (
        <button type="button" className="xk-request-banner__retry" onClick={() => choose(attempt.choice)}>
          {labels.retryRequest}
        </button>
      ) : null}
    </section>
  )
})

/** The banner's sentence, with the peer's resolved name (else the short address). */
function RequestText({ address, labels }: { address: string; labels: Labels }) {
  const { displayName } = useIdentity(address)
  return <p className="xk-request-banner__text">{labels.requestText(displayName)}</p>
}
