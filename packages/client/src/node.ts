// `@xmtp-kit/client/node`: Node-only helpers. The main entry uses no Node built-ins; this one does.
// The main entry by name, so that errors thrown here are the classes users import from '@xmtp-kit/client'.
import { type HttpTransportParameters, type HttpTransportReturnType, httpTransport } from '@xmtp-kit/client'
import { type NodeFetchParameters, nodeFetch } from './transport/nodeFetch.js'

export { nodeFetch, type NodeFetchParameters } from './transport/nodeFetch.js'
export { fileJournal, type FileJournal, type FileJournalParameters } from './broadcast/fileJournal.js'

export interface NodeHttpTransportParameters extends Omit<HttpTransportParameters, 'fetch'>, NodeFetchParameters {}

/**
 * `httpTransport` over `node:http` / `node:https` with keep-alive connections (see {@link nodeFetch}): the same
 * behaviour, less CPU per request. Use it in servers, scripts and bots.
 *
 * @example
 * import { createClient } from '@xmtp-kit/client'
 * import { nodeHttpTransport } from '@xmtp-kit/client/node'
 * const client = await createClient({ signer, transport: nodeHttpTransport({ url: 'http://localhost:5555' }) })
 */
export function nodeHttpTransport(parameters: NodeHttpTransportParameters): HttpTransportReturnType {
  const { maxSockets, ...rest } = parameters
  // Subscriptions hold their connection for as long as they live: they get their own pool, so that no number of
  // them can hold up publishes and queries (which share `maxSockets` connections).
  const requests = nodeFetch({ maxSockets })
  const streams = nodeFetch({ maxSockets: Infinity })
  const fetch: typeof globalThis.fetch = (input, init) =>
    (/\/subscribe(?:-all)?$/.test(typeof input === 'string' || input instanceof URL ? new URL(input).pathname : new URL(input.url).pathname) ? streams : requests)(input, init)
  return httpTransport({ ...rest, fetch })
}
