import { type Conversation, startConversation as start, type StartConversationParameters } from '@xmtp-kit/client'
import { useCallback } from 'react'
import { ClientNotReadyError } from './ClientNotReadyError.js'
import type { ActionStatus } from './internal/useAction.js'
import { useAction } from './internal/useAction.js'
import { useCurrentClient } from './internal/useCurrentClient.js'

export interface UseStartConversationReturnType {
  /**
   * Starts (or finds) the conversation with a peer, optionally for a `context.conversationId`. Resolves with
   * it, or `undefined` on failure (`error`: not on the network, invalid address, no client…).
   */
  startConversation(peerAddress: string | StartConversationParameters): Promise<Conversation | undefined>
  /** The conversation last started. */
  conversation: Conversation | undefined
  status: ActionStatus
  error: Error | undefined
  reset(): void
}

/**
 * Starts conversations; the new one joins the live list of `useConversations` by itself.
 *
 * @example
 * const { startConversation, status } = useStartConversation()
 * const conversation = await startConversation('0xAbC…')
 */
export function useStartConversation(): UseStartConversationReturnType {
  const client = useCurrentClient()
  const action = useCallback(
    async (peer: string | StartConversationParameters) => {
      if (!client) throw new ClientNotReadyError()
      return start(client, typeof peer === 'string' ? { peerAddress: peer } : peer)
    },
    [client],
  )
  const { run, data, status, error, reset } = useAction(action)
  return { startConversation: run, conversation: data, status, error, reset }
}
