import { type Conversation, markRead as mark, type MarkReadParameters, type MarkReadReturnType } from '@xmtp-kit/client'
import { useCallback } from 'react'
import { ClientNotReadyError } from './ClientNotReadyError.js'
import { heldThreadsOf } from './internal/heldThreads.js'
import { listStoreOf } from './internal/stores.js'
import { type ActionStatus, useAction } from './internal/useAction.js'
import { useCurrentClient } from './internal/useCurrentClient.js'

export interface UseMarkReadReturnType {
  /**
   * Marks a conversation read up to `upToNs` (default: its newest message the client holds, or now if later)
   * and, with `sendReceipt`, tells the peer. Resolves `undefined` on failure (see `error`).
   */
  markRead(conversation: Conversation | string, parameters?: MarkReadParameters): Promise<MarkReadReturnType | undefined>
  status: ActionStatus
  error: Error | undefined
}

/**
 * Marks conversations read: `useUnreadCount` falls at once, and the peer sees a read receipt if asked.
 *
 * @example
 * const { markRead } = useMarkRead()
 * useEffect(() => { if (conversation && visible) void markRead(conversation, { sendReceipt: true }) }, [conversation, visible, messages.length])
 */
export function useMarkRead(): UseMarkReadReturnType {
  const client = useCurrentClient()
  const action = useCallback(
    async (conversation: Conversation | string, parameters: MarkReadParameters = {}) => {
      if (!client) throw new ClientNotReadyError()
      const topic = typeof conversation === 'string' ? conversation : conversation.topic
      let upToNs = parameters.upToNs
      if (upToNs === undefined) {
        // The sender's clock may run ahead of ours: read up to the newest message held, if later than now.
        upToNs = BigInt(Date.now()) * 1_000_000n
        const last = listStoreOf(client).getSnapshot().conversations.find((s) => s.conversation.topic === topic)?.lastMessage
        for (const m of [...(heldThreadsOf(client).getSnapshot().get(topic) ?? []), ...(last ? [last] : [])]) if (m.sentNs > upToNs) upToNs = m.sentNs
      }
      return mark(client, conversation, { ...parameters, upToNs })
    },
    [client],
  )
  const { run, status, error } = useAction(action)
  return { markRead: run, status, error }
}
