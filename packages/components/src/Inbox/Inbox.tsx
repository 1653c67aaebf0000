import type { Conversation, MessageItem } from '@xmtp-kit/client'
import { useClient } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, type RefObject, forwardRef, useCallback, useRef, useState } from 'react'
import { Avatar } from '../Avatar/Avatar.js'
import { Composer } from '../Composer/Composer.js'
import { ConversationList, type ConversationListView, type ConversationListViews } from '../ConversationList/ConversationList.js'
import { EmptyStateSlot } from '../internal/EmptyStateSlot.js'
import { useControllable } from '../internal/useControllable.js'
import type { Labels } from '../labels.js'
import { type Theme, useIdentity, useUI } from '../UIProvider/UIProvider.js'
import type { AttachmentOptions } from '../MessageList/MessageAttachment.js'
import { MessageList } from '../MessageList/MessageList.js'
import { RequestBanner } from '../RequestBanner/RequestBanner.js'

export interface InboxProps extends ComponentPropsWithoutRef<'div'> {
  /** `light`, `dark`, or `system` (follows `prefers-color-scheme`). */
  theme?: Theme | undefined
  /** The list's views (tabs): Primary / Requests / Blocked by default, or your own inbox filters (see `ConversationList`). */
  views?: ConversationListViews | undefined
  /** Tab labels of your own views, by name. */
  viewLabels?: Readonly<Record<string, string>> | undefined
  /** The active view at first. Default: the first view. */
  defaultView?: ConversationListView | undefined
  /** The open conversation, when the parent controls it (`null`: none open). Pair with `onConversationChange`. */
  conversation?: Conversation | null | undefined
  /** The conversation open at first, when the Inbox keeps the selection itself. */
  defaultConversation?: Conversation | undefined
  /** Called when the user opens a conversation or goes back to the list (`undefined`). */
  onConversationChange?: ((conversation: Conversation | undefined) => void) | undefined
  /** Send read receipts as conversations are read, so that peers see "Seen". Default false. */
  sendReadReceipts?: boolean | undefined
  /** The largest file the composer attaches, in bytes. Default 1,000,000 (messages travel whole, up to about 1 MiB). */
  maxAttachmentBytes?: number | undefined
  /** Limits and `fetch` for downloading remote attachments. */
  attachmentOptions?: AttachmentOptions | undefined
  labels?: Partial<Labels> | undefined
}

/**
 * A finished inbox: the conversation list with its views, and the open thread (the peer's avatar and name, the
 * request banner, the messages and the composer, with Reply on each message wired to the composer). Two panes
 * from 720 px wide (a container query), one pane below. The open conversation can be controlled
 * (`conversation` / `onConversationChange`) or not (`defaultConversation`). Must be inside an `XMTPProvider`;
 * import `@xmtp-kit/components/styles.css` once.
 *
 * @example
 * <XMTPProvider client={client}><Inbox theme="dark" /></XMTPProvider>
 * @example
 * const [open, setOpen] = useState<Conversation | null>(null)
 * <Inbox conversation={open} onConversationChange={(c) => setOpen(c ?? null)} />
 */
export const Inbox = forwardRef<HTMLDivElement, InboxProps>(function Inbox(
  {
    theme: themeProp,
    views,
    viewLabels,
    defaultView,
    conversation: conversationProp,
    defaultConversation,
    onConversationChange,
    sendReadReceipts,
    maxAttachmentBytes,
    attachmentOptions,
    labels: labelOverrides,
    className,
    ...rest
  },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const { status: clientStatus } = useClient()
  const [open, setOpen] = useControllable<Conversation | null>(conversationProp, defaultConversation ?? null, (next) => onConversationChange?.(next ?? undefined))
  const conversation = open ?? undefined
  // The reply target belongs to the thread it was picked in: another conversation drops it.
  const [reply, setReply] = useState<{ topic: string; message: MessageItem } | undefined>(undefined)
  const select = useCallback(
    (next: Conversation | undefined) => {
      setReply(undefined)
      setOpen(next ?? null)
    },
    [setOpen],
  )
  const replyTo = reply && reply.topic === conversation?.topic ? reply.message : undefined
  const composer = useRef<HTMLFormElement | null>(null)
  const startReply = useCallback((message: MessageItem) => {
    setReply({ topic: message.topic, message })
    composer.current?.querySelector('textarea')?.focus()
  }, [])
  const cancelReply = useCallback(() => setReply(undefined), [])

  return (
    <div ref={ref} className={['xk-root', 'xk-inbox', className].filter(Boolean).join(' ')} data-theme={theme} {...rest}>
      <div className="xk-inbox__layout" data-pane={conversation ? 'thread' : 'list'}>
        <ConversationList className="xk-inbox__list" views={views} viewLabels={viewLabels} defaultView={defaultView} selectedTopic={conversation?.topic} onSelect={select} labels={labelOverrides} />
        {conversation ? (
          <OpenThread
            conversation={conversation}
            labels={labels}
            labelOverrides={labelOverrides}
            onBack={() => select(undefined)}
            replyTo={replyTo}
            onReply={startReply}
            onCancelReply={cancelReply}
            composerRef={composer}
            sendReadReceipts={sendReadReceipts}
            maxAttachmentBytes={maxAttachmentBytes}
            attachmentOptions={attachmentOptions}
          />
        ) : (
          <section className="xk-inbox__thread" aria-label={labels.selectConversation}>
            {clientStatus === 'idle' ? (
              <EmptyStateSlot kind="wallet" text={labels.noWallet} className="xk-inbox__placeholder" />
            ) : (
              <EmptyStateSlot kind="selection" text={labels.selectConversation} className="xk-inbox__placeholder" />
            )}
          </section>
        )}
      </div>
    </div>
  )
})

function OpenThread({
  conversation,
  labels,
  labelOverrides,
  onBack,
  replyTo,
  onReply,
  onCancelReply,
  composerRef,
  sendReadReceipts,
  maxAttachmentBytes,
  attachmentOptions,
}: {
  conversation: Conversation
  labels: Labels
  labelOverrides: Partial<Labels> | undefined
  onBack: () => void
  replyTo: MessageItem | undefined
  onReply: (message: MessageItem) => void
  onCancelReply: () => void
  composerRef: RefObject<HTMLFormElement | null>
  sendReadReceipts: boolean | undefined
  maxAttachmentBytes: number | undefined
  attachmentOptions: AttachmentOptions | undefined
}) {
  const { displayName } = useIdentity(conversation.peerAddress)
  return (
    <section className="xk-inbox__thread" aria-label={displayName}>
      <header className="xk-inbox__header">
        <button type="button" className="xk-inbox__back" aria-label={labels.back} onClick={onBack}>
          ‹
        </button>
        <Avatar className="xk-thread-header__avatar" address={conversation.peerAddress} />
        <h2 className="xk-inbox__title" title={conversation.peerAddress}>
          {displayName}
        </h2>
      </header>
      <RequestBanner conversation={conversation} labels={labelOverrides} />
      <MessageList
        className="xk-inbox__messages"
        conversation={conversation}
        onReply={onReply}
        sendReadReceipts={sendReadReceipts}
        attachmentOptions={attachmentOptions}
        labels={labelOverrides}
      />
      <Composer
        ref={composerRef}
        conversation={conversation}
        replyTo={replyTo}
        onCancelReply={onCancelReply}
        maxAttachmentBytes={maxAttachmentBytes}
        labels={labelOverrides}
      />
    </section>
  )
}
