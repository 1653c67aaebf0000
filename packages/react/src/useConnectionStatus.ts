import type { Conversation } from '@xmtp-kit/client'
import { useSyncExternalStore } from 'react'
import { listStoreOf } from './internal/stores.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useThread } from './internal/useThread.js'
import { useStore } from './useStore.js'

/** `live`: streams connected; `reconnecting`: connecting or retrying after a drop; `offline`: no client, nothing streaming, or no network. */
export type ConnectionStatus = 'live' | 'reconnecting' | 'offline'

export interface UseConnectionStatusParameters {
  /** Also watch this conversation's thread stream. */
  conversation?: Conversation | string | undefined
}

export interface UseConnectionStatusReturnType {
  status: ConnectionStatus
  /** The browser reports no network (`navigator.onLine`). */
  browserOffline: boolean
}

const subscribeOnline = (listener: () => void) => {
  if (typeof window === 'undefined') return () => undefined
  window.addEventListener('online', listener)
  window.addEventListener('offline', listener)
  return () => {
    window.removeEventListener('online', listener)
    window.removeEventListener('offline', listener)
  }
}
const getOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false
const getServerOnline = () => true

type StreamStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'closed'

/**
 * How live the inbox is, from the streams' connections (the conversation list's, and a thread's if given):
 * for a banner such as "Reconnecting…". Streams retry on their own; nothing to do but show it.
 *
 * @example
 * const { status } = useConnectionStatus()
 * if (status !== 'live') return <Banner>{status === 'offline' ? 'Offline' : 'Reconnecting…'}</Banner>
 */
export function useConnectionStatus(parameters: UseConnectionStatusParameters = {}): UseConnectionStatusReturnType {
  const client = useCurrentClient()
  const list: StreamStatus = useStore(listStoreOf(client), (s) => s.connection)
  const thread: StreamStatus = useStore(useThread(parameters.conversation, undefined).view, (s) => s.connection)
  const online = useSyncExternalStore(subscribeOnline, getOnline, getServerOnline)
  const running = [list, ...(parameters.conversation === undefined ? [] : [thread])].filter((s) => s !== 'idle' && s !== 'closed')
  let status: ConnectionStatus
  if (!client || !online || running.length === 0) status = 'offline'
  else if (running.every((s) => s === 'live')) status = 'live'
  else status = 'reconnecting'
  return { status, browserOffline: !online }
}
