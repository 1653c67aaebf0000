import {
  createClient,
  createStore,
  getAddress,
  httpTransport,
  registerCodecs,
  type Client,
  type ContentCodec,
  type CreateClientParameters,
  type Signer,
  type Transport,
} from '@xmtp-kit/client'
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import { type ClientSnapshot, type ConnectSource, IDLE, registerProvider, XMTPContext, type XMTPContextValue } from './internal/context.js'
import { constantStore } from './internal/constantStore.js'

export interface XMTPProviderProps {
  children?: ReactNode
  /** A client made elsewhere: the provider uses it as is (`status` is `ready`), and `connect` is not needed. */
  client?: Client | undefined
  /** Base URL of a node's HTTP API, e.g. `http://localhost:5555`. Used to make clients unless `transport` is given. */
  url?: string | undefined
  /** How new clients reach the network (e.g. `memoryTransport({ network })` in tests and stories). */
  transport?: Transport | undefined
  /** Where clients keep their encrypted local cache, e.g. `indexedDbPersistence()`. Default: none. */
  persistence?: CreateClientParameters['persistence']
  /** Told when the local cache cannot be read or written. */
  onCacheError?: CreateClientParameters['onCacheError']
  /** Extra content types, registered on every client the provider holds. */
  codecs?: readonly ContentCodec<unknown>[] | undefined
  /** Publish the wallet's contact bundle when connecting unless already published. Default `true`. */
  publishContact?: boolean | undefined
  /**
   * Connects with this signer whenever it changes (keep it stable, e.g. `useSignerFromWagmi().signer`): a
   * new wallet gets a new client and nothing of the previous one stays on screen; `undefined` after a signer
   * disconnects. Leave it out to call `useClient().connect(signer)` yourself.
   */
  signer?: Signer | undefined
  /** Told when connecting fails (the error is also in `useClient().error`). */
  onError?: ((error: Error) => void) | undefined
}

const registered = new WeakMap<object, Set<ContentCodec<unknown>>>()

function ensureCodecs(client: Client, codecs: readonly ContentCodec<unknown>[] | undefined) {
  if (!codecs || codecs.length === 0) return
  let done = registered.get(client)
  if (!done) registered.set(client, (done = new Set()))
  const missing = codecs.filter((codec) => !done.has(codec))
  if (missing.length === 0) return
  registerCodecs(client, missing)
  for (const codec of missing) done.add(codec)
}

const isSigner = (source: ConnectSource): source is Signer =>
  typeof (source as Signer).signMessage === 'function' && typeof (source as Signer).getAddress === 'function'

/**
 * Holds the XMTP client of a React tree and gives its hooks access to it: pass a `client`, or the config to
 * make one (`url` or `transport`, `persistence`, `codecs`) and connect a wallet with `useClient().connect`
 * or the `signer` prop. Renders on a server (no client there) and touches no browser global when loaded.
 *
 * @example
 * <XMTPProvider url="http://localhost:5555" signer={useSignerFromWagmi().signer}>
 *   <Inbox />
 * </XMTPProvider>
 */
export function XMTPProvider(props: XMTPProviderProps): ReactNode {
  const { children, client } = props
  registerProvider()
  // The latest props, read when connecting (a connect started with old props finishes with them).
  const latest = useRef(props)
  latest.current = props
  const [managed] = useState(() => {
    // Given a wallet, the provider connects it as soon as it mounts: start as `signing`, so neither a server
    // render nor the first client render says that no wallet is connected.
    const store = createStore<ClientSnapshot>(props.signer && !client ? { ...IDLE, status: 'signing' } : IDLE)
    let generation = 0
    let transport: { key: string; value: Transport } | undefined
    const resolveTransport = (): Transport | undefined => {
      const { transport: given, url } = latest.current
      if (given) return given
      if (!url) return undefined
      if (transport?.key !== url) transport = { key: url, value: httpTransport({ url }) }
      return transport.value
    }
    const fail = (error: Error) => {
      store.setState({ ...IDLE, status: 'error', error })
      latest.current.onError?.(error)
      return undefined
    }
    let inflight: { source: ConnectSource; promise: Promise<Client | undefined> } | undefined
    const connect = (source: ConnectSource): Promise<Client | undefined> => {
      // The same signer again while it is being connected (StrictMode runs effects twice): one signature.
      if (inflight?.source === source) return inflight.promise
      const promise = connectNow(source)
      inflight = { source, promise }
      void promise.finally(() => {
        if (inflight?.promise === promise) inflight = undefined
      })
      return promise
    }
    const connectNow = async (source: ConnectSource): Promise<Client | undefined> => {
      const id = ++generation
      const { signer, keys } = isSigner(source) ? { signer: source, keys: undefined } : source
      const current = store.getSnapshot()
      try {
        if (signer && current.status === 'ready' && current.client) {
          // The same wallet again: keep its client (and everything it streams).
          const address = getAddress(await signer.getAddress())
          if (id !== generation) return undefined
          if (address === current.address) return current.client
        }
      } catch (error) {
        return id === generation ? fail(error as Error) : undefined
      }
      const transport = resolveTransport()
      if (!transport) return fail(new TypeError('XMTPProvider: pass `url` or `transport` (or a `client`) to connect.'))
      // Another wallet: the previous client leaves the screen now, not once the new one is ready.
      store.setState({ ...IDLE, status: 'signing' })
      const { persistence, onCacheError, publishContact, codecs } = latest.current
      try {
        const made = await createClient({ transport, signer, keys, persistence, onCacheError, publishContact })
        if (id !== generation) return undefined
        ensureCodecs(made, codecs)
        store.setState({ status: 'ready', client: made, address: made.address, error: undefined })
        return made
      } catch (error) {
        return id === generation ? fail(error as Error) : undefined
      }
    }
    const disconnect = () => {
      generation++
      inflight = undefined
      store.setState(IDLE)
    }
    return { store, connect, disconnect }
  })

  useEffect(() => {
    if (client) ensureCodecs(client, props.codecs)
  }, [client, props.codecs])

  const { signer } = props
  const hadSigner = useRef(false)
  useEffect(() => {
    if (client) return
    if (signer) {
      hadSigner.current = true
      void managed.connect(signer)
    } else if (hadSigner.current) {
      hadSigner.current = false
      managed.disconnect()
    }
  }, [client, signer, managed])

  const value = useMemo<XMTPContextValue>(() => {
    if (!client) return managed
    if (props.codecs) ensureCodecs(client, props.codecs)
    const store = constantStore<ClientSnapshot>({ status: 'ready', client, address: client.address, error: undefined })
    return { store, connect: async () => client, disconnect: () => undefined }
  }, [client, managed])

  return <XMTPContext.Provider value={value}>{children}</XMTPContext.Provider>
}
