import type { Client } from '@xmtp-kit/client'
import { type ClientSnapshot, type ClientStatus, type ConnectSource, useXMTPContext } from './internal/context.js'
import { useStore } from './useStore.js'

export type UseClientStatus = ClientStatus

export interface UseClientReturnType {
  /** The client once `ready`. */
  client: Client | undefined
  /** EIP-55 address of the connected wallet. */
  address: string | undefined
  /** `idle` (no wallet), `signing` (creating the client: the wallet is asked to sign), `ready`, `error`. */
  status: UseClientStatus
  error: Error | undefined
  isReady: boolean
  /**
   * Makes a client for a wallet (a `Signer`, e.g. `toSigner(walletClient)`, or `{ keys }` exported earlier)
   * and makes it the provider's. Another wallet than the current one gets a new client, and the previous
   * wallet's conversations leave the screen at once; the same wallet keeps its client. Resolves with the
   * client, or `undefined` when it failed (see `error`) or a later `connect`/`disconnect` superseded it.
   */
  connect(source: ConnectSource): Promise<Client | undefined>
  /** Forgets the client: every hook shows nothing and stops its streams. */
  disconnect(): void
}

const select = (s: ClientSnapshot) => s

/**
 * The provider's client and how to connect a wallet to it.
 *
 * @example
 * const { status, connect, disconnect } = useClient()
 * <button onClick={() => connect(toSigner(walletClient))} disabled={status === 'signing'}>Enable messaging</button>
 */
export function useClient(): UseClientReturnType {
  const { store, connect, disconnect } = useXMTPContext()
  const { client, address, status, error } = useStore(store, select)
  return { client, address, status, error, isReady: status === 'ready', connect, disconnect }
}
