import { type Conversation, type ConversationContext, startConversation } from '@xmtp-kit/client'
import { useCanMessage, useClient } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, useId, useRef, useState } from 'react'
import type { Labels } from '../labels.js'
import { type Theme, useUI } from '../UIProvider/UIProvider.js'
import { type AddressResolver, parseRecipient } from './recipient.js'

export interface NewConversationProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  /** Told with the conversation once it is started, or found when it already exists. */
  onConversation?: ((conversation: Conversation) => void) | undefined
  /** Looks up names (`name.eth`), e.g. `ensAddressResolver(publicClient)`. Without it only addresses are accepted. */
  resolveAddress?: AddressResolver | undefined
  /** Starts (or finds) the conversation for this id, with its metadata. */
  conversationContext?: ConversationContext | undefined
  /** The input's initial text. */
  defaultValue?: string | undefined
  theme?: Theme | undefined
  labels?: Partial<Labels> | undefined
}

type Phase = 'idle' | 'resolving' | 'checking' | 'starting'

/**
 * A form to start a conversation: a wallet address or a name. Addresses are validated as typed (hex, length,
 * EIP-55 checksum when in mixed case) and checked to be on XMTP; names are resolved on submit through
 * `resolveAddress`. Errors show under the input and are announced. On success it calls
 * `onConversation(conversation)` and clears the input. The form takes `className`, `style`, any other `form`
 * props and the `ref`. Must be inside an `XMTPProvider`.
 *
 * @example
 * <NewConversation resolveAddress={ensAddressResolver(publicClient)} onConversation={(c) => setOpen(c)} />
 */
export const NewConversation = forwardRef<HTMLFormElement, NewConversationProps>(function NewConversation(
  { onConversation, resolveAddress, conversationContext, defaultValue, theme: themeProp, labels: labelOverrides, className, ...rest },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const { client } = useClient()
  const [value, setValue] = useState(defaultValue ?? '')
  const [phase, setPhase] = useState<Phase>('idle')
  const [error, setError] = useState<string | undefined>(undefined)
  const generation = useRef(0)
  const inputId = useId()
  const messageId = useId()

  const parsed = parseRecipient(value)
  const typed = parsed.kind === 'address' ? parsed.address : undefined
  const self = client !== undefined && typed === client.address
  const { canMessage } = useCanMessage(client && typed && !self ? typed : undefined)

  // What the input says right now, else the outcome of the last submit.
  let message: string | undefined
  if (error !== undefined) message = error
  else if (parsed.kind === 'badChecksum') message = labels.badChecksum
  else if (self) message = labels.cannotMessageSelf
  else if (typed && canMessage === false) message = labels.peerNotOnXmtp
  else if (phase === 'resolving' && parsed.kind === 'name') message = labels.resolvingName(parsed.name)
  else if (!client) message = labels.connectToMessage
  const invalid = error !== undefined || parsed.kind === 'badChecksum' || self || (typed !== undefined && canMessage === false)
  const busy = phase !== 'idle'

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    const id = ++generation.current
    const current = () => id === generation.current
    const fail = (text: string) => {
      if (!current()) return
      setPhase('idle')
      setError(text)
    }
    if (parsed.kind === 'empty') return fail(labels.recipientRequired)
    if (parsed.kind === 'invalid') return fail(labels.invalidRecipient)
    if (parsed.kind === 'badChecksum') return fail(labels.badChecksum)
    if (!client) return fail(labels.connectToMessage)
    let address: string
    if (parsed.kind === 'name') {
      if (!resolveAddress) return fail(labels.namesUnsupported)
      setError(undefined)
      setPhase('resolving')
      let resolved: string | null | undefined
      try {
        resolved = await resolveAddress(parsed.name)
      } catch {
        return fail(labels.nameLookupFailed(parsed.name))
      }
      if (!current()) return
      const found = resolved ? parseRecipient(resolved) : undefined
      if (found?.kind !== 'address') return fail(labels.nameNotFound(parsed.name))
      address = found.address
    } else {
      address = parsed.address
    }
    if (address === client.address) return fail(labels.cannotMessageSelf)
    setError(undefined)
    setPhase('checking')
    try {
      if (!(await client.canMessage(address))) return fail(labels.peerNotOnXmtp)
    } catch {
      return fail(labels.checkFailed)
    }
    if (!current()) return
    setPhase('starting')
    let conversation: Conversation
    try {
      conversation = await startConversation(client, { peerAddress: address, context: conversationContext })
    } catch {
      return fail(labels.startFailed)
    }
    if (!current()) return
    setPhase('idle')
    setValue('')
    onConversation?.(conversation)
  }

  return (
    <form
      ref={ref}
      className={['xk-root', 'xk-new-conversation', className].filter(Boolean).join(' ')}
      data-theme={theme}
      aria-busy={busy || undefined}
      noValidate
      onSubmit={submit}
      {...rest}
    >
      <label className="xk-new-conversation__label" htmlFor={inputId}>
        {labels.recipientLabel}
      </label>
      <div className="xk-new-conversation__row">
        <input
          id={inputId}
          className="xk-new-conversation__input"
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={labels.recipientPlaceholder}
          value={value}
          aria-invalid={invalid || undefined}
          aria-describedby={message ? messageId : undefined}
          onChange={(event) => {
            generation.current++
            setValue(event.target.value)
            setError(undefined)
            setPhase('idle')
          }}
        />
        <button type="submit" className="xk-new-conversation__submit" disabled={busy || !client}>
          {labels.startConversation}
        </button>
      </div>
      <p id={messageId} className="xk-new-conversation__message" role="status" data-error={invalid ? '' : undefined}>
        {message}
      </p>
    </form>
  )
})
