import { type AllMessagesSnapshot, type Conversation, type DecodedMessage, getAllMessagesStore, type Store } from '@xmtp-kit/client'
import { useEffect, useRef } from 'react'
import { constantStore } from './internal/constantStore.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

export interface UseStreamAllMessagesParameters {
  /** Also told of each new conversation, before its messages. */
  onConversation?: ((conversation: Conversation) => void) | undefined
  /** Default `true`; `false` stops listening. */
  enabled?: boolean | undefined
}

export interface UseStreamAllMessagesReturnType {
  /** The shared stream's connection (`idle` when not listening). */
  connection: AllMessagesSnapshot['connection']
  /** The last failure the stream reported (e.g. an envelope that did not decrypt). */
  error: Error | undefined
}

const idle: Store<AllMessagesSnapshot> = constantStore<AllMessagesSnapshot>({ connection: 'idle', error: undefined })

/**
 * Calls `onMessage` for every new message of every conversation while the component is mounted (for
 * notifications, sounds, badges). The latest callbacks are used without restarting anything, and every
 * component shares one stream per client.
 *
 * @example
 * useStreamAllMessages((message) => { if (!message.fromMe) toast(String(message.content)) })
 */
export function useStreamAllMessages(
  onMessage: (message: DecodedMessage) => void,
  parameters: UseStreamAllMessagesParameters = {},
): UseStreamAllMessagesReturnType {
  const client = useCurrentClient()
  const { enabled = true } = parameters
  const callbacks = useRef({ onMessage, onConversation: parameters.onConversation })
  useEffect(() => {
    callbacks.current = { onMessage, onConversation: parameters.onConversation }
  })
  const store = client && enabled ? getAllMessagesStore(client) : undefined
  useEffect(() => {
    if (!store) return
    return store.watch({
      onMessage: (message) => callbacks.current.onMessage(message),
      onConversation: (conversation) => callbacks.current.onConversation?.(conversation),
    })
  }, [store])
  return useStore(store ?? idle)
}
