import { describe, expect, test } from 'vitest'
import { allow } from '../../../packages/client/src/consent/allow.js'
import { getConsentRecord } from '../../../packages/client/src/consent/consentRecord.js'
import { deny } from '../../../packages/client/src/consent/deny.js'
import { getConsentState } from '../../../packages/client/src/consent/getConsentState.js'
import { loadConsentList } from '../../../packages/client/src/consent/loadConsentList.js'
import { decodePrivatePreferencesPayload } from '../../../packages/client/src/consent/privatePreferencesPayload.js'
import { InvalidAddressError, TransportError } from '../../../packages/client/src/errors/errors.js'
import { createDevice, createNetwork, createWallet, randomAddress } from './support.js'

describe('allow', () => {
  test('default: publishes one allow action for all addresses, checksummed; state changes at once', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    const [a, b] = [randomAddress(), randomAddress()]
    const before = network.size
    const pending = allow(client, [a.toLowerCase(), b, a])
    // Local state is updated before the publish resolves.
    expect(getConsentState(client, a)).toBe('allowed')
    await pending
    expect(network.size).toBe(before + 1)
    const record = getConsentRecord(client)
    const [page] = network.query({ contentTopics: [record.topic], direction: 'ascending' }).envelopes.map((e) => decodePrivatePreferencesPayload(e.message, record.keys))
    expect(page).toEqual({ allowAddress: { walletAddresses: [a, b] } })
  })

  test('behavior: another client of the same wallet reads it; other wallets do not share the topic', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const other = await createWallet(transport())
    const peer = randomAddress()
    await allow(client, [peer])
    const device = await createDevice(client, transport())
    expect(getConsentState(device, peer)).toBe('unknown')
    await loadConsentList(device)
    expect(getConsentState(device, peer)).toBe('allowed')
    await loadConsentList(other.client)
    expect(getConsentState(other.client, peer)).toBe('unknown')
  })

  test('behavior: two actions in the same millisecond keep their order (strictly increasing timestamps)', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const peer = randomAddress()
    for (let i = 0; i < 5; i++) {
      await allow(client, [peer])
      await deny(client, [peer])
    }
    expect(getConsentState(client, peer)).toBe('denied')
    const device = await createDevice(client, transport())
    await loadConsentList(device)
    expect(getConsentState(device, peer)).toBe('denied')
  })

  test('behavior: a failed publish restores the previous state and rejects', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    const peer = randomAddress()
    await deny(client, [peer])
    network.setOffline(true)
    await expect(allow(client, [peer])).rejects.toBeInstanceOf(TransportError)
    expect(getConsentState(client, peer)).toBe('denied')
    network.setOffline(false)
  })

  test('parameters: addresses are validated; an empty list publishes nothing', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    await expect(allow(client, ['0x123'])).rejects.toBeInstanceOf(InvalidAddressError)
    await expect(allow(client, '0x5FbDB2315678afecb367f032d93F642f64180aa3' as unknown as string[])).rejects.toBeInstanceOf(TypeError)
    const before = network.size
    await allow(client, [])
    expect(network.size).toBe(before)
  })
})

describe('deny', () => {
  test('default: overrides an allow, locally and for other clients of the wallet', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const peer = randomAddress()
    await allow(client, [peer])
    await deny(client, [peer.toLowerCase()])
    expect(getConsentState(client, peer)).toBe('denied')
    const device = await createDevice(client, transport())
    const entries = await loadConsentList(device)
    expect(entries.map((e) => [e.address, e.state])).toEqual([[peer, 'denied']])
  })
})

describe('getConsentState', () => {
  test('behavior: case-insensitive; not an address is unknown', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const peer = randomAddress()
    await allow(client, [peer])
    expect(getConsentState(client, peer.toLowerCase())).toBe('allowed')
    expect(getConsentState(client, `0x${peer.slice(2).toUpperCase()}`)).toBe('allowed')
    expect(getConsentState(client, randomAddress())).toBe('unknown')
    expect(getConsentState(client, 'not an address')).toBe('unknown')
  })
})
