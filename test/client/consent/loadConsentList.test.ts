import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createClient } from '../../../packages/client/src/client/createClient.js'
import { getConsentRecord } from '../../../packages/client/src/consent/consentRecord.js'
import { getConsentState } from '../../../packages/client/src/consent/getConsentState.js'
import { getConsentStore } from '../../../packages/client/src/consent/getConsentStore.js'
import { loadConsentList } from '../../../packages/client/src/consent/loadConsentList.js'
import { encodePrivatePreferencesPayload } from '../../../packages/client/src/consent/privatePreferencesPayload.js'
import { encrypt } from '../../../packages/client/src/crypto/encryption.js'
import { getAddress, isAddress } from '../../../packages/client/src/crypto/address.js'
import { DecryptionError, TransportError } from '../../../packages/client/src/errors/errors.js'
import type { KitError } from '../../../packages/client/src/errors/KitError.js'
import { privatePreferences } from '../../../packages/client/src/proto.js'
import { createMemoryNetwork } from '../../../packages/client/src/transport/memoryNetwork.js'
import { memoryTransport } from '../../../packages/client/src/transport/memoryTransport.js'
import { allowAction, createNetwork, createWallet, denyAction, publishAction, randomAddress } from './support.js'

describe('loadConsentList', () => {
  test('default: applies actions in timestamp order, later overrides, whatever the publish order', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const [a, b, c] = [randomAddress(), randomAddress(), randomAddress()]
    const now = Date.now()
    await publishAction(client, denyAction(a), now - 1_000)
    await publishAction(client, allowAction(a, b), now - 3_000) // older, published later
    await publishAction(client, allowAction(c.toLowerCase()), now - 2_000)
    await publishAction(client, denyAction(b), now - 500)
    const entries = await loadConsentList(client)
    expect(entries).toEqual([
      { address: c, state: 'allowed', updatedNs: BigInt(now - 2_000) * 1_000_000n },
      { address: a, state: 'denied', updatedNs: BigInt(now - 1_000) * 1_000_000n },
      { address: b, state: 'denied', updatedNs: BigInt(now - 500) * 1_000_000n },
    ])
    expect(getConsentState(client, c)).toBe('allowed')
  })

  test('behavior: reads from the last run less 10 s; refresh reads everything', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    await loadConsentList(client)
    const [late, recent] = [randomAddress(), randomAddress()]
    const lastRun = getConsentRecord(client).lastRunMs!
    await publishAction(client, allowAction(late), lastRun - 20_000)
    await publishAction(client, allowAction(recent), lastRun - 5_000)
    await loadConsentList(client)
    expect([getConsentState(client, late), getConsentState(client, recent)]).toEqual(['unknown', 'allowed'])
    await loadConsentList(client, { refresh: true })
    expect(getConsentState(client, late)).toBe('allowed')
  })

  test('behavior: pages of 500 on the preferences topic (one request for 500 actions)', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    const record = getConsentRecord(client)
    const now = Date.now() - 60_000
    const addresses = Array.from({ length: 501 }, () => randomAddress())
    network.publish(
      addresses.map((address, i) => ({
        contentTopic: record.topic,
        timestampNs: BigInt(now + i) * 1_000_000n,
        message: encodePrivatePreferencesPayload(allowAction(address), record.keys),
      })),
    )
    const requests: (number | undefined)[] = []
    const query = network.query.bind(network)
    network.query = (request) => (requests.push(request.limit), query(request))
    expect(await loadConsentList(client)).toHaveLength(501)
    expect(requests).toEqual([500, 500])
  })

  test('behavior: undecryptable envelopes are skipped and reported', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    const other = await createWallet(transport())
    const record = getConsentRecord(client)
    const peer = randomAddress()
    const now = Date.now()
    network.publish([
      { contentTopic: record.topic, timestampNs: BigInt(now - 3) * 1_000_000n, message: new Uint8Array([1, 2, 3]) },
      // Another identity's action replayed on this topic.
      { contentTopic: record.topic, timestampNs: BigInt(now - 2) * 1_000_000n, message: encodePrivatePreferencesPayload(denyAction(peer), getConsentRecord(other.client).keys) },
      { contentTopic: record.topic, timestampNs: BigInt(now - 1) * 1_000_000n, message: encodePrivatePreferencesPayload(allowAction(peer), record.keys) },
    ])
    const errors: KitError[] = []
    const entries = await loadConsentList(client, { onError: (e) => errors.push(e) })
    expect(entries.map((e) => e.address)).toEqual([peer])
    expect(errors.map((e) => e.name)).toEqual(['DecodeError', 'DecryptionError'])
    expect(errors[1]).toBeInstanceOf(DecryptionError)
  })

  test('behavior: the store goes idle → loading → ready, one snapshot per load; a failure is snapshot state', async () => {
    const { network, transport } = createNetwork()
    const { client } = await createWallet(transport())
    await publishAction(client, allowAction(randomAddress(), randomAddress()), Date.now())
    const store = getConsentStore(client)
    expect(store).toBe(getConsentStore(client))
    expect(store.getSnapshot()).toMatchObject({ status: 'idle', error: undefined })
    const seen: string[] = []
    store.subscribe(() => seen.push(`${store.getSnapshot().status}:${store.getSnapshot().entries.size}`))
    await loadConsentList(client)
    expect(seen).toEqual(['loading:0', 'ready:2'])
    const snapshot = store.getSnapshot()
    await loadConsentList(client)
    expect(store.getSnapshot()).toBe(snapshot) // nothing changed: same reference

    network.setOffline(true)
    await expect(loadConsentList(client)).rejects.toBeInstanceOf(TransportError)
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', error: expect.any(TransportError) })
    network.setOffline(false)
    await loadConsentList(client)
    expect(store.getSnapshot().error).toBeUndefined()

    const fresh = await createWallet(transport())
    network.setOffline(true)
    await expect(loadConsentList(fresh.client)).rejects.toBeInstanceOf(TransportError)
    expect(getConsentStore(fresh.client).getSnapshot().status).toBe('error')
    network.setOffline(false)
  })

  test('behavior: concurrent loads run one after another', async () => {
    const { transport } = createNetwork()
    const { client } = await createWallet(transport())
    const peer = randomAddress()
    await publishAction(client, allowAction(peer), Date.now())
    const [first, second] = await Promise.all([loadConsentList(client), loadConsentList(client)])
    expect(first).toEqual(second)
  })

  test('behavior: arbitrary bytes on the preferences topic never throw out of loadConsentList', async () => {
    const { client } = await createWallet(createNetwork().transport())
    const keys = client.exportKeys()
    const record = getConsentRecord(client)
    const timestamp = fc.bigInt({ min: 1n, max: (1n << 64n) - 1n })
    const message = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 200 }),
      // Well-encrypted payloads of arbitrary plaintext: the action decoder sees garbage.
      fc.uint8Array({ maxLength: 200 }).map((plain) =>
        privatePreferences.PrivatePreferencesPayload.encode({ v1: { aes256GcmHkdfSha256: encrypt(plain, record.keys.secret, record.keys.publicKey) } }).finish(),
      ),
      // Real actions with arbitrary strings for addresses.
      fc
        .record({ allow: fc.array(fc.oneof(fc.string(), fc.constant('0x5fbdb2315678afecb367f032d93f642f64180aa3')), { maxLength: 3 }), deny: fc.array(fc.string(), { maxLength: 3 }) })
        .map(({ allow, deny }) => encodePrivatePreferencesPayload({ allowAddress: { walletAddresses: allow }, denyAddress: { walletAddresses: deny } }, record.keys)),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ timestampNs: timestamp, message }), { minLength: 1, maxLength: 4 }), async (envelopes) => {
        const network = createMemoryNetwork()
        const device = await createClient({ keys, transport: memoryTransport({ network }), publishContact: false })
        network.publish(envelopes.map((e) => ({ contentTopic: record.topic, ...e })))
        const entries = await loadConsentList(device, { onError: () => {} })
        for (const entry of entries) {
          expect(isAddress(entry.address) && getAddress(entry.address) === entry.address).toBe(true)
          expect(['allowed', 'denied']).toContain(entry.state)
        }
      }),
      { numRuns: 500 },
    )
  })
})
