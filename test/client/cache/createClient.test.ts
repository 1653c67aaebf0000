import { describe, expect, test, vi } from 'vitest'
import { createClient, createMemoryNetwork, KeystoreError, listConversations, memoryTransport, startConversation, type Transport } from '@xmtp-kit/client'
import { readAddressLocator, writeAddressLocator } from '../../../packages/client/src/cache/addressLocator.js'
import { clearCache } from '../../../packages/client/src/cache/clearCache.js'
import { flushCache } from '../../../packages/client/src/cache/flushCache.js'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import { decodePrivateKeyBundle, encodePrivateKeyBundle } from '../../../packages/client/src/keystore/privateKeyBundleEncoding.js'
import { createCountingWallet } from '../../support/wallets.js'
import { countCrypto, countingTransport } from './helpers.js'

/** Contact envelopes published so far on `address`'s contact topic. */
async function contactEnvelopes(transport: Transport, address: string) {
  let count = 0
  for await (const page of transport.query({ contentTopic: `/xmtp/0/contact-${address}/proto` })) count += page.envelopes.length
  return count
}

/** A wallet with an identity on the network, and a persistence its client has written. */
async function warmedUp() {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  const first = await createClient({ signer: createCountingWallet(), transport })
  const keys = first.exportKeys()
  const persistence = memoryPersistence()
  const peer = await createClient({ signer: createCountingWallet(), transport })
  await startConversation(peer, { peerAddress: first.address })
  // The first start from these keys verifies them and records it in the cache.
  const cold = await createClient({ keys, transport, persistence })
  await listConversations(cold)
  await flushCache(cold)
  return { network, transport, keys, persistence, address: first.address }
}

describe('createClient: keys and a persistence', () => {
  test('behavior: a warm start checks none of the keys again: the address locator names the cache that records them as verified', async () => {
    const { network, keys, persistence, address } = await warmedUp()
    const crypto = countCrypto()
    const client = await createClient({ keys, transport: memoryTransport({ network }), persistence, publishContact: false })
    expect(client.address).toBe(address)
    // No recovery of the identity key's wallet signature, no pre-key signature verification.
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
    expect(await listConversations(client)).toHaveLength(1)

    // Without a cache every check is done.
    const bare = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), publishContact: false })
    expect(bare.verify).toBe(1)
    expect(bare.recover).toBe(1)
  })

  test('behavior: keys that differ from the verified ones in any byte are verified again (and refused when invalid)', async () => {
    const { network, keys, persistence } = await warmedUp()
    const { bundle } = decodePrivateKeyBundle(new Uint8Array(keys))
    // The same identity key, its pre-key signature broken.
    bundle.preKeys[0]!.publicKey!.signature!.ecdsaCompact!.bytes[5]! ^= 1
    const tampered = encodePrivateKeyBundle(bundle)
    await expect(createClient({ keys: tampered, transport: memoryTransport({ network }), persistence, publishContact: false })).rejects.toThrow(
      KeystoreError,
    )
    // The record of the real keys is intact: they still start without the checks.
    const crypto = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), persistence, publishContact: false })
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
  })

  test('behavior: the record is sealed in the cache: another persistence, or a cleared one, verifies the keys again', async () => {
    const { network, keys } = await warmedUp()
    const crypto = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), persistence: memoryPersistence(), publishContact: false })
    expect(crypto.verify).toBe(1)
  })

  test('behavior: the locator is written once the address is recovered, and is only a hint: one naming another wallet is ignored', async () => {
    const network = createMemoryNetwork()
    const transport = memoryTransport({ network })
    const wallet = await createClient({ signer: createCountingWallet(), transport })
    const other = await createClient({ signer: createCountingWallet(), transport })
    const keys = wallet.exportKeys()
    const identityKey = decodePrivateKeyBundle(new Uint8Array(keys)).bundle.identityKey!.secp256k1!.bytes
    const persistence = memoryPersistence()
    const first = countCrypto()
    await createClient({ keys, transport, persistence, publishContact: false })
    expect(first.recover).toBeGreaterThan(0)
    // Written in the background, right after the recovery.
    await vi.waitFor(async () => expect(await readAddressLocator(persistence, identityKey)).toBe(wallet.address))
    const locators = (await persistence.keys('xmtp-kit/locators/')).length
    expect(locators).toBe(1)

    // A locator pointing at another wallet (whose cache records other keys) is not trusted: the address is recovered.
    const otherKeys = other.exportKeys()
    await createClient({ keys: otherKeys, transport, persistence, publishContact: false })
    await writeAddressLocator(persistence, identityKey, other.address)
    const misled = countCrypto()
    const client = await createClient({ keys, transport, persistence, publishContact: false })
    expect(client.address).toBe(wallet.address)
    expect(misled.recover).toBeGreaterThan(0)
    // The entry reveals neither the wallet nor the key.
    const [name] = await persistence.keys('xmtp-kit/locators/')
    const sealed = await persistence.get(name!)
    expect(name).not.toMatch(new RegExp(wallet.address.slice(2), 'i'))
    expect(new TextDecoder().decode(sealed)).not.toMatch(new RegExp(wallet.address.slice(2), 'i'))
  })

  test("behavior: clearCache removes the wallet's locator with its cache; the next start recovers the address again", async () => {
    const { network, keys, persistence, address } = await warmedUp()
    await vi.waitFor(async () => expect(await persistence.keys('xmtp-kit/locators/')).toHaveLength(1))
    await clearCache({ persistence, address })
    expect(await persistence.keys('xmtp-kit/locators/')).toHaveLength(0)
    expect(await persistence.keys(`xmtp-kit/${address}/`)).toHaveLength(0)
    const crypto = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), persistence, publishContact: false })
    expect(crypto.recover).toBeGreaterThan(0)
  })

  test('behavior: an unchanged contact is checked with one query, without verifying it, and not republished', async () => {
    const { network, keys, persistence, address } = await warmedUp()
    const counted = countingTransport(network)
    const before = await contactEnvelopes(counted.transport, address)
    counted.reset()
    const crypto = countCrypto()
    await createClient({ keys, transport: counted.transport, persistence })
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 0 })
    expect(counted.queries.filter((q) => q.query.contentTopic.includes('/contact-'))).toHaveLength(1)
    expect(await contactEnvelopes(counted.transport, address)).toBe(before)
  })

  test('behavior: when the newest contact envelope is not this bundle, contacts are read and published as before', async () => {
    const { network, transport, keys, persistence, address } = await warmedUp()
    // Junk on top: the bundle below it is still this client's, so nothing is republished.
    await transport.publish([{ contentTopic: `/xmtp/0/contact-${address}/proto`, timestampNs: BigInt(Date.now() + 60_000) * 1_000_000n, message: new Uint8Array([1]) }])
    const before = await contactEnvelopes(transport, address)
    await createClient({ keys, transport: memoryTransport({ network }), persistence })
    expect(await contactEnvelopes(transport, address)).toBe(before)

    // No contact at all (another network): both bundles are published, as before.
    const elsewhere = memoryTransport({ network: createMemoryNetwork() })
    await createClient({ keys, transport: elsewhere, persistence })
    expect(await contactEnvelopes(elsewhere, address)).toBe(2)
  })
})
