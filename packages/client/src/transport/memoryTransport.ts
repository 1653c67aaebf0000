import { assertEnvelopes } from './assertEnvelopes.js'
import { throwIfAborted } from './backoff.js'
import { createSubscription, type Connect, type ReconnectOptions } from './createSubscription.js'
import type { MemoryNetwork, MemoryQueryRequest } from './memoryNetwork.js'
import { batchInChunks, paginate, type PageRequest } from './queryPages.js'
import type { Transport } from './types.js'

export interface MemoryTransportParameters {
  /** From `createMemoryNetwork()`; transports on the same network see each other's envelopes. */
  network: MemoryNetwork
  /** Backoff between subscription reconnections. Defaults: 250 ms doubling, capped at 10 000 ms. */
  reconnect?: ReconnectOptions | undefined
}

export type MemoryTransportReturnType = Transport

const toNetworkRequest = (request: PageRequest): MemoryQueryRequest => ({
  contentTopics: [request.contentTopic],
  startTimeNs: request.startTimeNs,
  endTimeNs: request.endTimeNs,
  limit: request.pageSize,
  direction: request.direction,
  cursor: request.cursor,
})

/** Runs `call` on a later microtask, as a network round trip would, honouring `signal` before and after. */
async function roundTrip<T>(signal: AbortSignal | undefined, call: () => T): Promise<T> {
  throwIfAborted(signal)
  await Promise.resolve()
  throwIfAborted(signal)
  const result = call()
  await Promise.resolve()
  throwIfAborted(signal)
  return result
}

/**
 * A transport on an in-process {@link MemoryNetwork}: the same validation, paging, batching and subscription
 * behaviour as `httpTransport`, without HTTP. Requests are not retried (the network fails only when set
 * offline); subscriptions reconnect with backoff after `network.dropConnections()` or `setOffline`. The
 * `authorization` of a publish is ignored: the memory network does not check tokens.
 *
 * @throws {TransportError} with the node's gRPC codes, as the memory network answers.
 * @throws {AbortError} when a call's `signal` aborts.
 * @throws {PayloadTooLargeError} / {TypeError} for envelopes or topics the node would refuse.
 * @example
 * const network = createMemoryNetwork()
 * const transport = memoryTransport({ network })
 * const subscription = transport.subscribe([topic], { onEnvelope: console.log })
 */
export function memoryTransport({ network, reconnect }: MemoryTransportParameters): MemoryTransportReturnType {
  if (!network) throw new TypeError('network must be a MemoryNetwork (createMemoryNetwork()).')

  const connect: Connect = (topics, handlers, signal) => {
    // A connection takes a network round trip (a macrotask here) before the node registers it.
    setTimeout(() => {
      if (signal.aborted) return
      let connection
      try {
        connection = network.subscribe(topics, handlers)
      } catch (error) {
        handlers.onClose(error as Error)
        return
      }
      signal.addEventListener('abort', () => connection.close(), { once: true })
      handlers.onLive()
    }, 0)
  }

  return {
    async publish(envelopes, { signal } = {}) {
      assertEnvelopes(envelopes)
      if (envelopes.length === 0) return throwIfAborted(signal)
      await roundTrip(signal, () => network.publish(envelopes))
    },

    query(query) {
      return paginate(query, (request, signal) => roundTrip(signal, () => network.query(toNetworkRequest(request))))
    },

    batchQuery(queries, { signal } = {}) {
      return batchInChunks(queries, signal, (requests, chunkSignal) =>
        roundTrip(chunkSignal, () => network.batchQuery(requests.map(toNetworkRequest)).map((page) => page.envelopes)),
      )
    },

    subscribe(topics, parameters) {
      return createSubscription(topics, parameters, { connect, reconnect })
    },
  }
}
