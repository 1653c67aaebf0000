import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAuthenticator } from './auth.js'
import { createRequestHandler, MAX_BODY_BYTES } from './handler.js'
import { manageConnections } from './connections.js'
import { NodeLimits } from './limits.js'
import { createRateLimiter, defaultRateLimits, type RateLimits } from './rateLimiter.js'
import { openStore, type Synchronous } from './store.js'
import { createSubscriptionHub } from './subscriptions.js'

export interface StartNodeParameters {
  /** TCP port; `0` picks a free one. Default `5555`. */
  port?: number
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** SQLite file (created with its folder if missing), or `':memory:'`. Default `.xmtp/node.db`. */
  db?: string
  /** `'full'` fsyncs every commit (survives power loss); `'normal'` survives a killed process. Default `'normal'`. */
  synchronous?: Synchronous
  /**
   * Publish authentication (XMTP auth tokens; `contact-`/`privatestore-` topics only for their owner).
   * `false` turns it off. Default on.
   */
  auth?: boolean | { privilegedAddresses?: readonly string[] }
  /** Per-IP token buckets; `false` turns them off. Default {@link defaultRateLimits}. */
  rateLimit?: false | Partial<RateLimits>
  /** Largest request body accepted, in bytes. Default 50 MiB. */
  maxBodyBytes?: number
  /** Receives unexpected internal errors (never payloads). Default `console.error`. */
  onError?: (error: unknown) => void
  /** Bounds on topics per request, connections, idle time and request bodies in flight. Default {@link NodeLimits}. */
  limits?: Partial<NodeLimits>
}

export interface StartNodeReturnType {
  /** Base URL of the HTTP API, without a trailing slash (e.g. `http://127.0.0.1:5555`). */
  url: string
  host: string
  port: number
  /** Ends every stream, stops listening and closes the database. */
  close(): Promise<void>
}

/**
 * Starts a local XMTP node: the message API v1 over HTTP (publish, query, batch-query, subscribe,
 * subscribe-all) on SQLite.
 *
 * @example
 * const node = await startNode({ port: 0, db: ':memory:' })
 * // Client.create(wallet, { apiUrl: node.url })
 * await node.close()
 */
export async function startNode(parameters: StartNodeParameters = {}): Promise<StartNodeReturnType> {
  const { port = 5555, host = '127.0.0.1', db = '.xmtp/node.db', synchronous = 'normal', auth = true } = parameters
  const limits: NodeLimits = { ...NodeLimits, ...parameters.limits }
  const store = openStore(db, { synchronous })
  const hub = createSubscriptionHub()
  const handler = createRequestHandler({
    store,
    hub,
    limits,
    bodies: { bytes: 0 },
    authenticator:
      auth === false ? undefined : createAuthenticator({ ...(auth === true ? {} : auth), maxClockSkewMs: limits.maxTokenClockSkewMs }),
    rateLimiter:
      parameters.rateLimit === false
        ? undefined
        : createRateLimiter({ ...defaultRateLimits, ...parameters.rateLimit }),
    maxBodyBytes: parameters.maxBodyBytes ?? MAX_BODY_BYTES,
    onError: parameters.onError ?? ((error) => console.error('xmtp-kit node: internal error', error)),
  })

  const server: Server = createServer((req, res) => void handler(req, res))
  manageConnections(server, limits)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await store.close()
    throw error
  }
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address

  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.closeAll()
        server.close(() => {
          void store.close().then(resolve)
        })
        server.closeIdleConnections()
        // Streams have ended; whatever is still open is an idle or half-read connection.
        setTimeout(() => server.closeAllConnections(), 100).unref()
      })
      return closing
    },
  }
}
