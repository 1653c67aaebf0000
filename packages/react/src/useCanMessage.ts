import type { Client } from '@xmtp-kit/client'
import { useMemo } from 'react'
import { IDLE_RESOURCE, type ResourceSnapshot, resourceStore } from './internal/resourceStore.js'
import { constantStore } from './internal/constantStore.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

export interface UseCanMessageReturnType<T> {
  /** Whether the wallet (each wallet, in order) has an XMTP identity: `undefined` until known. */
  canMessage: T | undefined
  status: ResourceSnapshot<T>['status']
  error: Error | undefined
}

const idle = constantStore<ResourceSnapshot<never>>(IDLE_RESOURCE)

/**
 * Whether wallets can be messaged (they have an XMTP identity), for one address or many at once (one
 * batch query). Answers are cached by the client and shared between components.
 *
 * @example
 * const { canMessage } = useCanMessage(peerAddress) // true | false | undefined
 * const { canMessage: each } = useCanMessage(addresses) // boolean[] | undefined
 */
export function useCanMessage(address: string | undefined): UseCanMessageReturnType<boolean>
export function useCanMessage(addresses: readonly string[] | undefined): UseCanMessageReturnType<boolean[]>
export function useCanMessage(wanted: string | readonly string[] | undefined): UseCanMessageReturnType<boolean | boolean[]> {
  const client = useCurrentClient()
  const key = wanted === undefined ? undefined : typeof wanted === 'string' ? `1:${wanted.toLowerCase()}` : `n:${wanted.map((a) => a.toLowerCase()).join(',')}`
  const store = useMemo(() => {
    if (!client || key === undefined || wanted === undefined) return idle
    const ask = (c: Client) => (typeof wanted === 'string' ? c.canMessage(wanted) : c.canMessage(wanted))
    return resourceStore<boolean | boolean[]>(client, `canMessage\n${key}`, () => ask(client))
    // `wanted` is read through `key`: a new array with the same addresses is the same question.
  }, [client, key])
  const { data, status, error } = useStore(store)
  return { canMessage: data, status, error }
}
