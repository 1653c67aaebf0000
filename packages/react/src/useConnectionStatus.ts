import { type ConnectionSnapshot, type Conversation, getConnectionStore } from '@xmtp-kit/client'
import { useSyncExternalStore } from 'react'
import { constantStore } from './internal/constantStore.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

/** `live`: streams connected; `reconnecting`: connecting or retrying after a drop; `offline`: no client, nothing streaming, or no network. */
export type ConnectionStatus = 'live' | 'reconnecting' | 'offline'

export interface UseConnectionStatusParameters {
  /** Watch only the streams this conversation's view needs: the conversation list's and its thread's. Default: every stream. */
  conversation?: Conversation | string | undefined
}

export interface UseConnectionStatusReturnType {
  status: ConnectionStatus
  /** The browser reports no network (`navigator.onLine`). */
  browserOffline: boolean
  /** Streams watched: `0` when nothing the app shows is streaming (then `status` is `offline`). */
  streams: number
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

const noStreams = constantStore<ConnectionSnapshot>({ streams: [] })

/**
 * How live the inbox is, from the connections of the streams the app runs (its conversation list, threads,
 * consent; or, with `conversation`, the list's and that thread's): for a banner such as "Reconnecting…".
 * It opens no stream of its own, and streams retry on their own: nothing to do but show it.
 *
 * @example
 * const { status } = useConnectionStatus()
 * if (status !== 'live') return <Banner>{status === 'offline' ? 'Offline' : 'Reconnecting…'}</Banner>
 */
export function useConnectionStatus(parameters: UseConnectionStatusParameters = {}): UseConnectionStatusReturnType {
  const client = useCurrentClient()
  const topic = typeof parameters.conversation === 'string' ? parameters.conversation : parameters.conversation?.topic
  const { streams } = useStore(client ? getConnectionStore(client) : noStreams)
  const online = useSyncExternalStore(subscribeOnline, getOnline, getServerOnline)
  const watched = topic === undefined ? streams : streams.filter((s) => s.kind === 'conversations' || s.kind === 'allMessages' || s.topic === topic)
  let status: ConnectionStatus
  if (!client || !online || watched.length === 0) status = 'offline'
  else if (watched.every((s) => s.status === 'live')) status = 'live'
  else status = 'reconnecting'
  return { status, browserOffline: !online, streams: watched.length }
}
