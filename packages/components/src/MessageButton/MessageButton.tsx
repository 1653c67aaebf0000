import * as Dialog from '@radix-ui/react-dialog'
import { type Conversation, type ConversationContext, NotOnNetworkError } from '@xmtp-kit/client'
import { useCanMessage, useClient, useStartConversation } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, type MouseEvent, type ReactNode, forwardRef, useEffect, useId, useState } from 'react'
import { type DialogContainer, InboxDialogContent } from '../InboxDialog/InboxDialog.js'
import type { Labels } from '../labels.js'
import { type Theme, useUI } from '../UIProvider/UIProvider.js'

/**
 * Where a `MessageButton` stands: no wallet (`disconnected`), the wallet signing in (`connecting`), checking
 * the peer (`checking`), clickable (`ready`), starting the conversation (`starting`), the peer not on XMTP
 * (`unavailable`), the peer is the connected wallet (`self`), or a failed check or start (`error`).
 */
export type MessageButtonStatus = 'disconnected' | 'connecting' | 'checking' | 'ready' | 'starting' | 'unavailable' | 'self' | 'error'

export interface MessageButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children'> {
  /** The wallet to message. */
  peerAddress: string
  /** Opens (or starts) the conversation for this id, e.g. one per order or listing, with its metadata. */
  conversationContext?: ConversationContext | undefined
  /**
   * Called on click while no wallet is connected, e.g. to open the app's wallet modal. Without it the button
   * is disabled and says that a wallet must be connected.
   */
  onConnectRequest?: (() => void) | undefined
  /** Told when the conversation has been started or found, before the dialog opens. */
  onConversation?: ((conversation: Conversation) => void) | undefined
  /** Told when the dialog opens or closes. */
  onOpenChange?: ((open: boolean) => void) | undefined
  /**
   * Use the only child as the button (Radix `asChild`): it gets the click handler, `disabled`, the ARIA
   * attributes and the `ref`.
   */
  asChild?: boolean | undefined
  /** The button's content. Default: the `messageButton` label ("Message"). */
  children?: ReactNode
  /** The theme of the hint and the dialog. */
  theme?: Theme | undefined
  labels?: Partial<Labels> | undefined
  /** Where the dialog is portalled (e.g. a shadow root). Default `document.body`. */
  container?: DialogContainer | undefined
}

const DISABLED: ReadonlySet<MessageButtonStatus> = new Set(['connecting', 'checking', 'starting', 'unavailable', 'self'])

/**
 * A button for dapps that opens the inbox on the conversation with one wallet. It checks that the wallet is
 * on XMTP first: until then it is busy, and if not it is disabled with the reason shown (and announced).
 * A click starts the conversation, or reuses the existing one, and opens it in an `InboxDialog`. The button
 * takes `className`, `style`, any other `button` props and the `ref`; `data-status` tells its state. Must be
 * inside an `XMTPProvider`.
 *
 * @example
 * <MessageButton peerAddress="0xd2431CA38735C2fd438e2cAa23F094191D89675b" onConnectRequest={openWalletModal} />
 *
 * @example
 * // A custom trigger, and one conversation per order
 * <MessageButton asChild peerAddress={seller} conversationContext={{ conversationId: `order/${id}`, metadata: {} }}>
 *   <a href="#contact" className="link">Ask the seller</a>
 * </MessageButton>
 */
export const MessageButton = forwardRef<HTMLButtonElement, MessageButtonProps>(function MessageButton(
  {
    peerAddress,
    conversationContext,
    onConnectRequest,
    onConversation,
    onOpenChange,
    asChild,
    children,
    theme: themeProp,
    labels: labelOverrides,
    container,
    className,
    onClick,
    ...rest
  },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const { client, status: clientStatus } = useClient()
  const self = client !== undefined && client.address.toLowerCase() === peerAddress.toLowerCase()
  const check = useCanMessage(client && !self ? peerAddress : undefined)
  const start = useStartConversation()
  const [open, setOpen] = useState(false)
  const [conversation, setConversation] = useState<Conversation | undefined>(undefined)
  const hintId = useId()
  const { reset } = start
  const conversationId = conversationContext?.conversationId
  // Another peer or context: the last start's outcome is not about it.
  useEffect(() => reset, [reset, peerAddress, conversationId])

  let status: MessageButtonStatus
  let hint: string | undefined
  if (!client) {
    status = clientStatus === 'signing' ? 'connecting' : 'disconnected'
    hint = status === 'connecting' ? labels.enablingMessaging : onConnectRequest ? undefined : labels.connectToMessage
  } else if (self) {
    ;[status, hint] = ['self', labels.cannotMessageSelf]
  } else if (start.status === 'pending') {
    status = 'starting'
  } else if (start.status === 'error') {
    ;[status, hint] = start.error instanceof NotOnNetworkError ? ['unavailable', labels.peerNotOnXmtp] : ['error', labels.startFailed]
  } else if (start.status === 'success') {
    status = 'ready'
  } else if (check.canMessage === false) {
    ;[status, hint] = ['unavailable', labels.peerNotOnXmtp]
  } else if (check.status === 'error') {
    ;[status, hint] = ['error', labels.checkFailed]
  } else {
    status = check.canMessage === true ? 'ready' : 'checking'
  }
  const disabled = DISABLED.has(status) || (status === 'disconnected' && !onConnectRequest)
  const busy = status === 'checking' || status === 'starting' || status === 'connecting'

  const changeOpen = (next: boolean) => {
    setOpen(next)
    onOpenChange?.(next)
  }

  const handleClick = async (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event)
    if (event.defaultPrevented) return
    // The dialog opens once the conversation is there, not on the click itself.
    event.preventDefault()
    if (disabled) return
    if (status === 'disconnected') return onConnectRequest?.()
    const started = await start.startConversation({ peerAddress, context: conversationContext })
    if (!started) return
    setConversation(started)
    onConversation?.(started)
    changeOpen(true)
  }

  return (
    <span className="xk-root xk-message-button" data-theme={theme} data-status={status}>
      <Dialog.Root open={open} onOpenChange={changeOpen}>
        <Dialog.Trigger
          ref={ref}
          asChild={asChild}
          className={asChild ? className : ['xk-message-button__button', className].filter(Boolean).join(' ')}
          disabled={disabled}
          aria-busy={busy || undefined}
          aria-describedby={hint ? hintId : undefined}
          data-status={status}
          onClick={handleClick}
          {...rest}
        >
          {asChild ? children : (children ?? labels.messageButton)}
        </Dialog.Trigger>
        <InboxDialogContent theme={theme} labels={labelOverrides} container={container} defaultConversation={conversation} />
      </Dialog.Root>
      <span id={hintId} role="status" className="xk-message-button__hint" data-status={status}>
        {hint}
      </span>
    </span>
  )
})
