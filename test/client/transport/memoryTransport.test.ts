import { describe, expect, test } from 'vitest'
import { TransportError } from '../../../packages/client/src/errors/errors.js'
import { createMemoryNetwork } from '../../../packages/client/src/transport/memoryNetwork.js'
import { memoryTransport } from '../../../packages/client/src/transport/memoryTransport.js'
import type { ReconnectInfo } from '../../../packages/client/src/transport/types.js'
import { all, delay, describeTransportConformance, envelope, freshTopic, recordStatuses, text, waitFor } from './conformance.js'

const reconnect = { baseDelayMs: 10, maxDelayMs: 50 }

describeTransportConformance('memoryTransport', async () => {
  const network = createMemoryNetwork()
  return {
    transport: memoryTransport({ network, reconnect }),
    teardown: async () => {},
    restart: async () => network.dropConnections(),
  }
})

describe('createMemoryNetwork', () => {
  test('behavior: transports on one network see each other', async () => {
    const network = createMemoryNetwork()
    const alice = memoryTransport({ network })
    const bob = memoryTransport({ network })
    const topic = freshTopic('shared')
    const received: string[] = []
    const subscription = bob.subscribe([topic], { onEnvelope: (e) => received.push(text(e)) })
    await subscription.ready
    const publishing = alice.publish([envelope(topic, 1, 'hi bob')])
    // Delivery is asynchronous, as over a network.
    expect(received).toEqual([])
    await publishing
    await waitFor(() => received.length === 1, 'delivery')
    expect(received).toEqual(['hi bob'])
    expect(await all(bob.query({ contentTopic: topic }))).toEqual(['hi bob'])
    expect(network.size).toBe(1)
    subscription.close()
  })

  test('behavior: dropConnections makes subscriptions go live → reconnecting → live and report the gap', async () => {
    const network = createMemoryNetwork()
    const transport = memoryTransport({ network, reconnect })
    const topic = freshTopic('drop')
    const received: string[] = []
    const infos: ReconnectInfo[] = []
    const subscription = transport.subscribe([topic], {
      onEnvelope: (e) => received.push(text(e)),
      onReconnect: (info) => infos.push(info),
    })
    const statuses = recordStatuses(subscription)
    await subscription.ready
    await transport.publish([envelope(topic, 77, 'one')])
    await waitFor(() => received.length === 1, 'the first envelope')

    network.dropConnections()
    await waitFor(() => statuses.includes('reconnecting'), 'reconnecting')
    // Published while disconnected: not delivered, to be backfilled by the consumer with a query.
    await transport.publish([envelope(topic, 78, 'missed')])
    await waitFor(() => statuses.at(-1) === 'live', 'live again')
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(infos).toEqual([
      { lastEnvelopeTimestampNs: 77n, disconnectedAt: expect.any(Number), reconnectedAt: expect.any(Number), topics: [topic] },
    ])
    expect(await all(transport.query({ contentTopic: topic, startTimeNs: infos[0]!.lastEnvelopeTimestampNs }))).toEqual([
      'one',
      'missed',
    ])
    await transport.publish([envelope(topic, 79, 'two')])
    await waitFor(() => received.length === 2, 'an envelope after reconnecting')
    expect(received).toEqual(['one', 'two'])

    network.dropConnections()
    await waitFor(() => subscription.state.getSnapshot().reconnects === 2, 'a second reconnection')
    expect(infos.map((i) => i.lastEnvelopeTimestampNs)).toEqual([77n, 79n])
    subscription.close()
  })

  test('behavior: offline, calls fail with a network TransportError and subscriptions wait to reconnect', async () => {
    const network = createMemoryNetwork()
    const transport = memoryTransport({ network, reconnect })
    const topic = freshTopic('offline')
    const received: string[] = []
    const subscription = transport.subscribe([topic], { onEnvelope: (e) => received.push(text(e)) })
    await subscription.ready

    network.setOffline(true)
    const error = await transport.publish([envelope(topic, 1, 'x')]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ grpcCode: undefined, status: undefined, code: 'NETWORK_ERROR' })
    await waitFor(() => subscription.state.getSnapshot().status === 'reconnecting', 'reconnecting')
    await delay(60)
    expect(subscription.state.getSnapshot().status).toBe('reconnecting')

    network.setOffline(false)
    await waitFor(() => subscription.state.getSnapshot().status === 'live', 'live again')
    await transport.publish([envelope(topic, 2, 'back')])
    await waitFor(() => received.length === 1, 'an envelope once online')
    subscription.close()
  })

  test('behavior: a subscription that starts offline stays connecting until the network is back', async () => {
    const network = createMemoryNetwork()
    network.setOffline(true)
    const transport = memoryTransport({ network, reconnect })
    const subscription = transport.subscribe([freshTopic('late')], { onEnvelope: () => {} })
    const statuses = recordStatuses(subscription)
    await delay(40)
    expect(subscription.state.getSnapshot()).toMatchObject({ status: 'connecting', error: expect.any(TransportError) })
    network.setOffline(false)
    await subscription.ready
    expect(statuses).toEqual(['connecting', 'live'])
    subscription.close()
  })
})
