import type { Conversation } from '@xmtp-kit/client'
import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react'
import { Composer } from '../Composer/Composer.js'
import { ConversationList, type ConversationListView } from '../ConversationList/ConversationList.js'
import { shortAddress } from '../internal/format.js'
import type { Labels } from '../labels.js'
import { type Theme, useUI } from '../UIProvider/UIProvider.js'
import { MessageList } from '../MessageList/MessageList.js'
import { RequestBanner } from '../RequestBanner/RequestBanner.js'

export interface InboxProps extends ComponentPropsWithoutRef<'div'> {
  /** `light`, `dark`, or `system` (follows `prefers-color-scheme`). */
  theme?: Theme | undefined
  /** The active view at first. Default `primary`. */
  defaultView?: ConversationListView | undefined
  /** The conversation open at first. */
  defaultConversation?: Conversation | undefined
  onConversationChange?: ((conversation: Conversation | undefined) => void) | undefined
  labels?: Partial<Labels> | undefined
}

/**
 * A finished inbox: the conversation list with its views, and the open thread with its request banner and
 * composer. Two panes from 720 px wide (a container query), one pane below. Must be inside an `XMTPProvider`;
 * import `@xmtp-kit/components/styles.css` once.
 *
 * @example
 * <XMTPProvider client={client}><Inbox theme="dark" /></XMTPProvider>
 */
export const Inbox = forwardRef<HTMLDivElement, InboxProps>(function Inbox(
  { theme: themeProp, defaultView, defaultConversation, onConversationChange, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const [conversation, setConversation] = useState<Conversation | undefined>(defaultConversation)
  const select = (next: Conversation | undefined) => {
    setConversation(next)
    onConversationChange?.(next)
  }
  return (
    <div ref={ref} className={['xk-root', 'xk-inbox', className].filter(Boolean).join(' ')} data-theme={theme} {...rest}>
      <div className="xk-inbox__layout" data-pane={conversation ? 'thread' : 'list'}>
        <ConversationList className="xk-inbox__list" defaultView={defaultView} selectedTopic={conversation?.topic} onSelect={select} labels={labelOverrides} />
        <section className="xk-inbox__thread" aria-label={conversation ? shortAddress(conversation.peerAddress) : labels.selectConversation}>
          {conversation ? (
            <>
              <header className="xk-inbox__header">
                <button type="button" className="xk-inbox__back" aria-label={labels.back} onClick={() => select(undefined)}>
                  ‹
                </button>
                <h2 className="xk-inbox__title" title={conversation.peerAddress}>
                  {shortAddress(conversation.peerAddress)}
                </h2>
              </header>
              <RequestBanner conversation={conversation} labels={labelOverrides} />
              <MessageList className="xk-inbox__messages" conversation={conversation} labels={labelOverrides} />
              <Composer conversation={conversation} labels={labelOverrides} />
            </>
          ) : (
            <p className="xk-inbox__placeholder">{labels.selectConversation}</p>
          )}
        </section>
      </div>
    </div>
  )
})
