import * as Dialog from '@radix-ui/react-dialog'
import type { Conversation } from '@xmtp-kit/client'
import { type ComponentPropsWithoutRef, type ReactElement, forwardRef } from 'react'
import { LazyInbox } from '../internal/LazyInbox.js'
import type { Labels } from '../labels.js'
import { type Theme, useUI } from '../UIProvider/UIProvider.js'

/** Where a dialog's content is portalled: an element, or a shadow root. Default `document.body`. */
export type DialogContainer = Element | DocumentFragment | null

export interface InboxDialogContentProps extends Omit<ComponentPropsWithoutRef<'div'>, 'title'> {
  /** `light`, `dark`, or `system`. Set on the dialog, so the tokens apply inside the portal. */
  theme?: Theme | undefined
  /** The open conversation, when the parent controls it (`null`: the list). Pair with `onConversationChange`. */
  conversation?: Conversation | null | undefined
  /** The conversation open when the dialog opens, when the inbox keeps the selection itself. */
  defaultConversation?: Conversation | undefined
  /** Told when the user opens a conversation or goes back to the list (`undefined`). */
  onConversationChange?: ((conversation: Conversation | undefined) => void) | undefined
  labels?: Partial<Labels> | undefined
  /** Where the dialog is portalled (e.g. a shadow root). Default `document.body`. */
  container?: DialogContainer | undefined
}

/** The portalled part of an inbox dialog, inside a Radix `Dialog.Root` (shared with `MessageButton`). */
export const InboxDialogContent = forwardRef<HTMLDivElement, InboxDialogContentProps>(function InboxDialogContent(
  { theme: themeProp, conversation, defaultConversation, onConversationChange, labels: labelOverrides, container, className, ...rest },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  return (
    <Dialog.Portal container={container ?? undefined}>
      <Dialog.Overlay className="xk-root xk-dialog__overlay" data-theme={theme} />
      <Dialog.Content
        ref={ref}
        className={['xk-root', 'xk-dialog', className].filter(Boolean).join(' ')}
        data-theme={theme}
        aria-describedby={undefined}
        {...rest}
      >
        <div className="xk-dialog__bar">
          <Dialog.Title className="xk-visually-hidden">{labels.dialogTitle}</Dialog.Title>
          <Dialog.Close className="xk-dialog__close" aria-label={labels.close}>
            <span aria-hidden="true">×</span>
          </Dialog.Close>
        </div>
        <LazyInbox
          loading={labels.loadingConversations}
          className="xk-dialog__inbox"
          theme={theme}
          conversation={conversation}
          defaultConversation={defaultConversation}
          onConversationChange={onConversationChange}
          labels={labelOverrides}
        />
      </Dialog.Content>
    </Dialog.Portal>
  )
})

export interface InboxDialogProps extends InboxDialogContentProps {
  /** Whether the dialog is open (controlled). Use with `onOpenChange`. */
  open?: boolean | undefined
  /** Whether the dialog is open at first (uncontrolled). Default `false`. */
  defaultOpen?: boolean | undefined
  /** Told when the dialog asks to open or close (trigger, close button, Escape, a click outside). */
  onOpenChange?: ((open: boolean) => void) | undefined
  /** Modal (focus trapped, the rest of the page inert). Default `true`. */
  modal?: boolean | undefined
  /**
   * The element that opens the dialog, e.g. `<button>Messages</button>`. It is used as is (Radix `asChild`):
   * it gets the click handler, `aria-expanded` and `aria-controls`, and takes the focus back on close.
   */
  trigger?: ReactElement | undefined
}

/**
 * The inbox in an accessible dialog (Radix Dialog): a title for screen readers, a close button, Escape and a
 * click outside close it, the focus is trapped inside and returns to the trigger. Open it with a `trigger`,
 * or control it with `open` / `onOpenChange`. The dialog element takes `className`, `style`, any other `div`
 * props and the `ref`. Must be inside an `XMTPProvider`.
 *
 * @example
 * <InboxDialog theme="dark" trigger={<button type="button">Messages</button>} />
 *
 * @example
 * // Controlled: which dialog state and which conversation
 * <InboxDialog open={open} onOpenChange={setOpen} conversation={conversation} onConversationChange={(c) => setConversation(c ?? null)} />
 */
export const InboxDialog = forwardRef<HTMLDivElement, InboxDialogProps>(function InboxDialog(
  { open, defaultOpen, onOpenChange, modal, trigger, ...content },
  ref,
) {
  return (
    <Dialog.Root open={open} defaultOpen={defaultOpen} onOpenChange={onOpenChange} modal={modal}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <InboxDialogContent ref={ref} {...content} />
    </Dialog.Root>
  )
})
