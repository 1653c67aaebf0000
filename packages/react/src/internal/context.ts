import { createStore, type Client, type Signer, type Store } from '@xmtp-kit/client'
import { createContext, useContext } from 'react'
import { ProviderNotFoundError } from '../ProviderNotFoundError.js'

/** Where the provider's client is: no wallet yet, asking the wallet to sign, ready, or failed. */
export type ClientStatus = 'idle' | 'signing' | 'ready' | 'error'

export interface ClientSnapshot {
  status: ClientStatus
  client: Client | undefined
  /** EIP-55 address of the connected wallet. */
  address: string | undefined
  error: Error | undefined
}

/** What `connect` accepts: a signer, or keys exported earlier (no signature needed) and optionally a signer. */
export type ConnectSource = Signer | { signer?: Signer | undefined; keys?: Uint8Array | undefined }

export interface XMTPContextValue {
  store: Store<ClientSnapshot>
  connect(source: ConnectSource): Promise<Client | undefined>
  disconnect(): void
}

export const IDLE: ClientSnapshot = Object.freeze({ status: 'idle', client: undefined, address: undefined, error: undefined })


/** Outside a provider hooks render as if no wallet were connected, and `connect` reports the mistake. */
const orphanStore = createStore<ClientSnapshot>(IDLE)
const orphan: XMTPContextValue = {
  store: orphanStore,
  async connect() {
    orphanStore.setState({ ...IDLE, status: 'error', error: new ProviderNotFoundError() })
    return undefined
  },
  disconnect() {
    orphanStore.setState(IDLE)
  },
}

export const XMTPContext = createContext<XMTPContextValue>(orphan)
XMTPContext.displayName = 'XMTPContext'

export function useXMTPContext(): XMTPContextValue {
  return useContext(XMTPContext)
}
