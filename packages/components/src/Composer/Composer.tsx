import { type Attachment, ContentTypeAttachment, type Conversation, type DecodedMessage } from '@xmtp-kit/client'
import { useCanMessage, useReplies, useSendMessage } from '@xmtp-kit/react'
import { type ChangeEvent, type ComponentPropsWithoutRef, type FormEvent, type KeyboardEvent, forwardRef, useId, useRef, useState } from 'react'
import { formatBytes, previewText } from '../internal/threadContent.js'
import type { Labels } from '../labels.js'
import { useIdentity, useUI } from '../UIProvider/UIProvider.js'

export interface ComposerProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  conversation: Conversation | undefined
  /** Called after a text message is handed to the send queue (it shows as pending at once). */
  onSend?: ((text: string) => void) | undefined
  /** The message being replied to: shown quoted above the input; the next text is sent as a reply to it. */
  replyTo?: DecodedMessage | undefined
  /** Clears `replyTo`: called by the cancel button, by Escape in the input, and once the reply is sent. */
  onCancelReply?: (() => void) | undefined
  /**
   * The largest file the attachment button sends, in bytes; a larger one shows an error and nothing is sent.
   * Files travel inside the message, and nodes take messages up to about 1 MiB. Default 1,000,000.
   */
  maxAttachmentBytes?: number | undefined
  /** The page size of the `MessageList` showing the thread, so both share one store. Default 30. */
  pageSize?: number | undefined
  labels?: Partial<Labels> | undefined
}

const MAX_INLINE_BYTES = 1_000_000

/**
 * A multi-line message input: Enter sends, Shift+Enter starts a new line. Sends optimistically (the thread
 * shows the message as pending at once). A button attaches a file (up to `maxAttachmentBytes`). With
 * `replyTo`, the message replied to is quoted above the input and the text goes out as a reply. Disabled, with
 * the reason shown, when the peer cannot be messaged.
 *
 * @example
 * <Composer conversation={conversation} replyTo={replyTo} onCancelReply={() => setReplyTo(undefined)} />
 */
export const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer(
  { conversation, onSend, replyTo, onCancelReply, maxAttachmentBytes = MAX_INLINE_BYTES, pageSize, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels } = useUI(labelOverrides)
  const [text, setText] = useState('')
  const [fileError, setFileError] = useState<string | undefined>(undefined)
  const { send } = useSendMessage(conversation, { pageSize })
  const { reply } = useReplies(conversation, { pageSize })
  const { canMessage } = useCanMessage(conversation?.peerAddress)
  const reasonId = useId()
  const replyId = useId()
  const fileInput = useRef<HTMLInputElement | null>(null)
  const input = useRef<HTMLTextAreaElement | null>(null)
  const blocked = conversation === undefined || canMessage === false
  const reason = canMessage === false ? labels.cannotMessage : undefined
  // A message still being sent has no id to refer to yet.
  const replying = replyTo !== undefined && replyTo.id !== ''

  const submit = () => {
    const content = text.trim()
    if (blocked || content === '') return
    setText('')
    setFileError(undefined)
    // The outcome (sent / failed with Retry) shows in the thread; nothing to await here.
    if (replying) {
      void reply(replyTo.id, content).catch(() => undefined)
      onCancelReply?.()
    } else {
      void send(content).catch(() => undefined)
    }
    onSend?.(content)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    } else if (event.key === 'Escape' && replying && onCancelReply) {
      event.preventDefault()
      onCancelReply()
    }
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    submit()
  }
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // Picking the same file again must fire `change` again.
    event.target.value = ''
    if (!file || blocked) return
    if (file.size > maxAttachmentBytes) {
      setFileError(labels.fileTooLarge(file.name, formatBytes(file.size), formatBytes(maxAttachmentBytes)))
      return
    }
    let data: Uint8Array
    try {
      data = new Uint8Array(await file.arrayBuffer())
    } catch {
      setFileError(labels.fileUnreadable)
      return
    }
    setFileError(undefined)
    const attachment: Attachment = { filename: file.name, mimeType: file.type || 'application/octet-stream', data }
    void send(attachment, { contentType: ContentTypeAttachment }).catch(() => undefined)
  }

  const describedBy = [reason ? reasonId : undefined, replying ? replyId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <form ref={ref} className={['xk-composer', className].filter(Boolean).join(' ')} data-disabled={blocked ? '' : undefined} onSubmit={onSubmit} {...rest}>
      {replying ? (
        <ReplyPreview
          id={replyId}
          message={replyTo}
          labels={labels}
          onCancel={
            onCancelReply
              ? () => {
                  onCancelReply()
                  input.current?.focus()
                }
              : undefined
          }
        />
      ) : null}
      <button type="button" className="xk-composer__attach" aria-label={labels.attachFile} disabled={blocked} onClick={() => fileInput.current?.click()}>
        <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48" />
        </svg>
      </button>
      <input ref={fileInput} className="xk-composer__file" type="file" tabIndex={-1} hidden aria-label={labels.attachFile} onChange={(event) => void onFile(event)} />
      <textarea
        ref={input}
        className="xk-composer__input"
        aria-label={labels.composerLabel}
        placeholder={labels.composerPlaceholder}
        rows={1}
        value={text}
        disabled={blocked}
        aria-describedby={describedBy}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="xk-composer__send" disabled={blocked || text.trim() === ''}>
        {labels.send}
      </button>
      {fileError ? (
        <p className="xk-composer__error" role="alert">
          {fileError}
        </p>
      ) : null}
      {reason ? (
        <p id={reasonId} className="xk-composer__reason" role="note">
          {reason}
        </p>
      ) : null}
    </form>
  )
})

function ReplyPreview({ id, message, labels, onCancel }: { id: string; message: DecodedMessage; labels: Labels; onCancel: (() => void) | undefined }) {
  const { displayName } = useIdentity(message.senderAddress)
  return (
    <div className="xk-composer__reply">
      <p id={id} className="xk-composer__reply-quote">
        <span className="xk-composer__reply-to">{labels.replyingTo(message.fromMe ? labels.you : displayName)}</span>{' '}
        <span className="xk-composer__reply-text">{previewText(message, labels)}</span>
      </p>
      {onCancel ? (
        <button type="button" className="xk-composer__cancel-reply" aria-label={labels.cancelReply} onClick={onCancel}>
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  )
}
