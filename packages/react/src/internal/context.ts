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

/**
 * Every copy of this package loaded in the page registers here the contexts whose provider has rendered, so
 * that a copy whose hooks find no provider can tell that another copy's provider is there.
 */
const COPIES = Symbol.for('@xmtp-kit/react/contexts')
type Copies = { rendered: Set<object>; warned: boolean }
const copies = (): Copies => ((globalThis as { [COPIES]?: Copies })[COPIES] ??= { rendered: new Set(), warned: false })

const isDevelopment = (() => {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false // no bundler and no Node: a page loading the built files as they are
  }
})()

/** Called by `XMTPProvider` as it renders. */
export function registerProvider(): void {
  copies().rendered.add(XMTPContext)
}

export const DUPLICATE_COPIES_MESSAGE =
  '[xmtp-kit] Two copies of @xmtp-kit/react are loaded: hooks and components from one do not see the XMTPProvider of the other, so they never get a client. ' +
  'Install one copy: `npm ls @xmtp-kit/react` shows who brings which, `npm dedupe` (or matching versions) merges them; with Vite, `resolve.dedupe: [\'@xmtp-kit/react\', \'@xmtp-kit/client\']`.'

export function useXMTPContext(): XMTPContextValue {
  const value = useContext(XMTPContext)
  if (value === orphan && isDevelopment) {
    const registry = copies()
    if (!registry.warned && [...registry.rendered].some((context) => context !== XMTPContext)) {
      registry.warned = true
      console.error(DUPLICATE_COPIES_MESSAGE)
    }
  }
  return value
}
