import type { Conversation } from '@xmtp-kit/client'
import { useCanMessage, useSendMessage } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, type FormEvent, type KeyboardEvent, forwardRef, useId, useState } from 'react'
import type { Labels } from '../labels.js'
import { useUI } from '../UIProvider/UIProvider.js'

export interface ComposerProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  conversation: Conversation | undefined
  /** Called after a message is handed to the send queue (it shows as pending at once). */
  onSend?: ((text: string) => void) | undefined
  labels?: Partial<Labels> | undefined
}

/**
 * A multi-line message input: Enter sends, Shift+Enter starts a new line. Sends optimistically (the thread
 * shows the message as pending at once). Disabled, with the reason shown, when the peer cannot be messaged.
 *
 * @example
 * <Composer conversation={conversation} />
 */
export const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer({ conversation, onSend, labels: labelOverrides, className, ...rest }, ref) {
  const { labels } = useUI(labelOverrides)
  const [text, setText] = useState('')
  const { send } = useSendMessage(conversation)
  const { canMessage } = useCanMessage(conversation?.peerAddress)
  const reasonId = useId()
  const blocked = conversation === undefined || canMessage === false
  const reason = canMessage === false ? labels.cannotMessage : undefined

  const submit = () => {
    const content = text.trim()
    if (blocked || content === '') return
    setText('')
    // The outcome (sent / failed with Retry) shows in the thread; nothing to await here.
    void send(content).catch(() => undefined)
    onSend?.(content)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    submit()
  }

  return (
    <form ref={ref} className={['xk-composer', className].filter(Boolean).join(' ')} data-disabled={blocked ? '' : undefined} onSubmit={onSubmit} {...rest}>
      <textarea
        className="xk-composer__input"
        aria-label={labels.composerLabel}
        placeholder={labels.composerPlaceholder}
        rows={1}
        value={text}
        disabled={blocked}
        aria-describedby={reason ? reasonId : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="xk-composer__send" disabled={blocked || text.trim() === ''}>
        {labels.send}
      </button>
      {reason ? (
        <p id={reasonId} className="xk-composer__reason" role="note">
          {reason}
        </p>
      ) : null}
    </form>
  )
})
