import type { Client } from '@xmtp-kit/client'
import { useStore } from '../useStore.js'
import { type ClientSnapshot, useXMTPContext } from './context.js'

const selectClient = (s: ClientSnapshot) => s.client

/** The provider's client once ready; `undefined` before (and during a wallet switch). */
export function useCurrentClient(): Client | undefined {
  return useStore(useXMTPContext().store, selectClient)
}
