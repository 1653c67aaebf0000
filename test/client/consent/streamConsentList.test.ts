import { describe, expect, test } from 'vitest'
import { allow } from '../../../packages/client/src/consent/allow.js'
import { getConsentRecord } from '../../../packages/client/src/consent/consentRecord.js'
import { deny } from '../../../packages/client/src/consent/deny.js'
import { getConsentState } from '../../../packages/client/src/consent/getConsentState.js'
import { getConsentStore } from '../../../packages/client/src/consent/getConsentStore.js'
import { streamConsentList } from '../../../packages/client/src/consent/streamConsentList.js'
import type { ConsentEntry } from '../../../packages/client/src/consent/types.js'
import type { SubscriptionStatus } from '../../../packages/client/src/transport/types.js'
import { allowAction, createDevice, createNetwork, createWallet, delay, publishAction, randomAddress, waitFor } from './support.js'

describe('streamConsentList', () => {
  test('default: actions from another client of the wallet arrive, update state and the store', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const device = await createDevice(client, transport())
    const changes: ConsentEntry[][] = []
    const stream = streamConsentList(device, { onChange: (c) => changes.push(c) })
    await stream.ready
    const peer = randomAddress()
    await allow(client, [peer])
    await waitFor(() => changes.length === 1, 'the allow')
    expect(changes[0]!.map((e) => [e.address, e.state])).toEqual([[peer, 'allowed']])
    expect(getConsentState(device, peer)).toBe('allowed')
    expect(getConsentStore(device).getSnapshot().entries.get(peer)?.state).toBe('allowed')
    await deny(client, [peer])
    await waitFor(() => changes.length === 2, 'the deny')
    expect(getConsentState(device, peer)).toBe('denied')
    stream.close()
  })

  test('behavior: its own actions, already applied, are not reported again; older actions do not override', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const changes: ConsentEntry[][] = []
    const errors: Error[] = []
    const stream = streamConsentList(client, { onChange: (c) => changes.push(c), onError: (e) => errors.push(e) })
    await stream.ready
    const peer = randomAddress()
    await deny(client, [peer])
    await publishAction(client, allowAction(peer), Date.now() - 60_000)
    // Garbage on the topic is reported, not thrown.
    await client.transport.publish([{ contentTopic: getConsentRecord(client).topic, timestampNs: 1n, message: new Uint8Array([9, 9, 9]) }])
    await waitFor(() => errors.length === 1, 'the garbage envelope')
    expect(changes).toEqual([])
    expect(getConsentState(client, peer)).toBe('denied')
    stream.close()
  })

  test('behavior: after a reconnection it backfills what was published meanwhile', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    // A slow reconnection, so the allow below is surely published while the stream is down.
    const device = await createDevice(client, transport({ reconnect: { baseDelayMs: 300, maxDelayMs: 300 } }))
    const changes: ConsentEntry[][] = []
    const stream = streamConsentList(device, { onChange: (c) => changes.push(c) })
    const statuses: SubscriptionStatus[] = []
    stream.state.subscribe(() => statuses.push(stream.state.getSnapshot().status))
    await stream.ready
    network.dropConnections()
    const peer = randomAddress()
    await allow(client, [peer])
    await delay(50)
    expect(changes).toEqual([])
    await waitFor(() => changes.length === 1, 'the backfill')
    expect(statuses.slice(statuses.indexOf('reconnecting'))).toEqual(['reconnecting', 'live'])
    expect(getConsentState(device, peer)).toBe('allowed')
    stream.close()
  })
})
