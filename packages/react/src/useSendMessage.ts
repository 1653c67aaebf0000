import type { Conversation, MessageItem, SendOptions } from '@xmtp-kit/client'
import { useCallback } from 'react'
import { type ActionStatus, useAction } from './internal/useAction.js'
import { useThread } from './internal/useThread.js'

export interface UseSendMessageParameters {
  /** The page size of the `useMessages` showing the thread, so both share one store. Default 30. */
  pageSize?: number | undefined
}

export interface UseSendMessageReturnType {
  /**
   * Sends optimistically: the message shows in `useMessages` at once as `pending`, then `sent` or `failed`.
   * Resolves with the message as it ended (`deliveryStatus`, `sendError`), or `undefined` without a client.
   */
  send<T = string>(content: T, options?: SendOptions): Promise<MessageItem<T> | undefined>
  /** Sends a failed message again (by its `key`). */
  resend(key: string): Promise<void>
  /** Drops a pending or failed message (a pending publish is aborted). */
  cancel(key: string): void
  /** Of the last `send`: `error` when it failed (the message stays, `failed`, until resent or cancelled). */
  status: ActionStatus
  error: Error | undefined
  reset(): void
}

/**
 * Sends messages to a conversation through its shared thread store, with optimistic states.
 *
 * @example
 * const { send } = useSendMessage(conversation)
 * await send('gm')
 */
export function useSendMessage(conversation: Conversation | string | undefined, parameters: UseSendMessageParameters = {}): UseSendMessageReturnType {
  const { store, unavailable } = useThread(conversation, parameters.pageSize)
  const action = useCallback(
    async (content: unknown, options?: SendOptions) => {
      if (!store) throw unavailable()
      return store.send(content, options)
    },
    [store, unavailable],
  )
  const { run, data, status, error, reset } = useAction(action)
  const lastKey = data?.key
  const resend = useCallback(
    async (key: string) => {
      await store?.resend(key)
      // The failure reported for the last send is over once that message went out.
      if (key === lastKey && store?.getSnapshot().messages.some((m) => m.key === key && m.deliveryStatus === 'sent')) reset()
    },
    [store, lastKey, reset],
  )
  const cancel = useCallback((key: string) => store?.cancel(key), [store])
  const failed = data?.deliveryStatus === 'failed' ? data.sendError : undefined
  return {
    send: run as UseSendMessageReturnType['send'],
    resend,
    cancel,
    status: failed && status === 'success' ? 'error' : status,
    error: error ?? failed,
    reset,
  }
}
